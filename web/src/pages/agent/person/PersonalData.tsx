import { useState, type FormEvent } from 'react';
import { agentApi, type BeneficiaryDetails } from '../../../api/agent.ts';
import { navigate } from '../../../app/router.tsx';
import { TextField, useForm } from '../../../components/forms.tsx';

/** A personal-data request at the desk: hand over the copy, or erase (once no ticket is usable). */
export function PersonalData({ person }: { person: BeneficiaryDetails }) {
  const [erasing, setErasing] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm((f) => (f === 'reason' ? 'motif-effacement' : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(
      (): Record<string, string> => (reason.trim().length < 3 ? { 'motif-effacement': 'Indiquez le motif, par exemple « demande de la personne du 12 mars ».' } : {}),
      () => agentApi.erase(person.id, reason.trim()),
    );
    if (ok) navigate('/agent/beneficiaires?efface=1');
  };
  return (
    <section aria-labelledby="titre-donnees">
      <h2 id="titre-donnees">Demande sur ses données personnelles</h2>
      <p>La personne peut demander une copie de ses données ou leur effacement. Répondez dans le mois qui suit sa demande.</p>
      <div className="boutons">
        <a className="bouton bouton--secondaire" href={agentApi.personalDataPdfUrl(person.id)} download>
          Télécharger la copie de ses données (PDF)
        </a>
        {!erasing ? (
          <button type="button" className="bouton--secondaire" onClick={() => setErasing(true)}>
            Effacer ses données
          </button>
        ) : null}
      </div>
      {erasing ? (
        <form onSubmit={submit} noValidate aria-labelledby="titre-effacement">
          <h3 id="titre-effacement">Effacer les données de {person.firstName}</h3>
          <p>L’effacement est définitif : son nom, sa date de naissance et son contact disparaissent ; les chiffres du programme gardent seulement sa tranche d’âge. Il est refusé tant qu’un de ses tickets peut encore servir.</p>
          {form.summary}
          <TextField id="motif-effacement" label="Motif" hint="Gardé au journal : n’y écrivez pas de nom." value={reason} onChange={setReason} error={form.errors['motif-effacement']} />
          <div className="boutons">
            <button type="submit" className="bouton--danger" disabled={form.submitting}>
              Effacer définitivement
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setErasing(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
