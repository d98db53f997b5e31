import type { Commune } from '../../../api/admin.ts';
import { RadioGroup, TextField } from '../../../components/forms.tsx';

export interface SiteDraft {
  name: string;
  address: string;
  postalCode: string;
  communeInsee: string;
  phone: string;
}
export const EMPTY_SITE: SiteDraft = { name: '', address: '', postalCode: '', communeInsee: '', phone: '' };

/** The communes of the territory sharing this postal code. */
export function communesOf(postalCode: string, communes: Commune[]): Commune[] {
  const code = postalCode.trim();
  return /^\d{5}$/.test(code) ? communes.filter((c) => c.postalCodes.includes(code)) : [];
}

export function siteErrors(d: SiteDraft, communes: Commune[], prefix: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.name.trim()) errors[`${prefix}-nom`] = 'Saisissez le nom du lieu, par exemple « Médiathèque, salle multimédia ».';
  if (!d.address.trim()) errors[`${prefix}-adresse`] = 'Saisissez le numéro et la rue.';
  const matches = communesOf(d.postalCode, communes);
  if (!matches.length) errors[`${prefix}-code-postal`] = 'Saisissez le code postal d’une commune du territoire (5 chiffres).';
  else if (!chosenCommune(d, communes)) errors[`${prefix}-commune`] = 'Choisissez la commune.';
  return errors;
}

export function chosenCommune(d: SiteDraft, communes: Commune[]): string {
  const matches = communesOf(d.postalCode, communes);
  return matches.length === 1 ? matches[0].inseeCode : matches.some((c) => c.inseeCode === d.communeInsee) ? d.communeInsee : '';
}

export function siteBody(d: SiteDraft, communes: Commune[]) {
  return { name: d.name.trim(), address: d.address.trim(), postalCode: d.postalCode.trim(), communeInsee: chosenCommune(d, communes), phone: d.phone.trim() || null };
}

/** A place where the structure receives people: name, address, postal code then commune. */
export function SiteFields({ prefix, draft, onChange, communes, errors }: { prefix: string; draft: SiteDraft; onChange: (d: SiteDraft) => void; communes: Commune[]; errors: Record<string, string> }) {
  const set = (k: keyof SiteDraft) => (v: string) => onChange({ ...draft, [k]: v });
  const matches = communesOf(draft.postalCode, communes);
  return (
    <>
      <TextField id={`${prefix}-nom`} label="Nom du lieu" value={draft.name} onChange={set('name')} error={errors[`${prefix}-nom`]} />
      <TextField id={`${prefix}-adresse`} label="Adresse" hint="Numéro et rue." value={draft.address} onChange={set('address')} error={errors[`${prefix}-adresse`]} />
      <TextField id={`${prefix}-code-postal`} label="Code postal" inputMode="numeric" value={draft.postalCode} onChange={set('postalCode')} error={errors[`${prefix}-code-postal`]} width="court" />
      {matches.length > 1 ? (
        <RadioGroup id={`${prefix}-commune`} legend="Commune" value={chosenCommune(draft, communes)} onChange={set('communeInsee')} error={errors[`${prefix}-commune`]} choices={matches.map((c) => ({ value: c.inseeCode, label: c.name }))} />
      ) : matches.length === 1 ? (
        <p>Commune : {matches[0].name}</p>
      ) : null}
      <TextField id={`${prefix}-telephone`} label="Téléphone du lieu" optional type="tel" value={draft.phone} onChange={set('phone')} width="moyen" />
    </>
  );
}
