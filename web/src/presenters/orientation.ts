// Orientation in the agent's words: the national schema's « prise en charge spécifique » asked as
// plain questions at the desk. Used for the place search only: the answers are never stored (no
// health data about the person).

export const SUPPORT_CHOICES: { value: string; label: string }[] = [
  { value: 'Langues étrangères (autres)', label: 'Parle peu le français (une autre langue que l’anglais)' },
  { value: 'Langues étrangères (anglais)', label: 'Parle peu le français, parle anglais' },
  { value: 'Illettrisme', label: 'A du mal à lire ou à écrire' },
  { value: 'Déficience visuelle', label: 'Voit mal' },
  { value: 'Surdité', label: 'Entend mal' },
  { value: 'Handicaps moteurs', label: 'Se déplace difficilement' },
];

/** "France Services et Aidants Connect". */
export function programmesWords(programmes: string[]): string {
  return programmes.length > 1 ? `${programmes.slice(0, -1).join(', ')} et ${programmes[programmes.length - 1]}` : (programmes[0] ?? '');
}
