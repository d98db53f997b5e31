import { useState, type FormEvent } from 'react';
import { TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { AreaLevels } from '../../../components/AreaLevels.tsx';
import { needsToDoForThem } from '../../../../../src/domain/diagnostic.ts';
import type { StepProps } from './state.ts';

const OVERRIDE_MIN = 10;

/** Step 6: the autonomy profile and the eligibility, with every reason. */
export function ResultStep({ intake, reference, update, go }: StepProps) {
  const result = intake.result!;
  const { eligibility } = result;
  const [reason, setReason] = useState(intake.override ?? '');
  const form = useForm();
  // Only the profile rule can be overridden by the agent, with a written reason (audited).
  // Learn, or have it done: the needs she wants done for her go to France Services or Aidants Connect.
  const doForThem = needsToDoForThem(reference.model, intake.answers, intake.needs);
  const overridable = !eligibility.eligible && eligibility.reasons.length > 0 && eligibility.reasons.every((r) => r.rule === 'profile');

  const withOverride = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(
      (): Record<string, string> => (reason.trim().length < OVERRIDE_MIN ? { derogation: `Expliquez en une phrase (au moins ${OVERRIDE_MIN} caractères) pourquoi la personne a besoin du pass.` } : {}),
      async () => {
        update({ override: reason.trim() });
        go('orientation');
      },
    );
  };

  return (
    <>
      <h3>{result.perArea ? `Profil d’ensemble : ${result.profileLabel}` : `Profil : ${result.profileLabel}`}</h3>
      <p>{result.advice}</p>
      {result.perArea ? (
        <AreaLevels areas={result.areas} />
      ) : (
        <div className="tableau">
          <table>
            <caption>Autonomie par domaine</caption>
            <thead>
              <tr>
                <th scope="col">Domaine</th>
                <th scope="col">Points</th>
              </tr>
            </thead>
            <tbody>
              {result.areas.map((a) => (
                <tr key={a.areaId}>
                  <th scope="row">{a.label}</th>
                  <td>
                    {a.score} sur {a.max}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.recordedAs === 'edited' ? <p>Le diagnostic de départ de cette personne, fait aujourd’hui, a été mis à jour.</p> : null}
      {result.recordedAs === 'followup' ? <p>Cette personne avait déjà un diagnostic de départ : celui-ci est enregistré comme diagnostic de suivi.</p> : null}
      {doForThem.needs.length ? (
        <Notice kind="info" title="Démarches à faire pour elle, à part de la formation">
          <p>
            {doForThem.reason} {doForThem.urgent ? 'Une démarche est à faire vite. ' : ''}
            {doForThem.needs.map((n) => n.label).join(' ; ')}. Des lieux France Services et Aidants Connect sont proposés à l’étape « Orientation ».
          </p>
        </Notice>
      ) : null}
      <h3>Éligibilité{intake.campaign ? ` — ${intake.campaign.name}` : ''}</h3>
      {eligibility.eligible ? (
        <Notice kind="succes" title="La personne peut recevoir un carnet">
          <ul>
            {eligibility.checks.map((c) => (
              <li key={c.rule}>{c.message}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <Notice kind={overridable ? 'attention' : 'erreur'} title="La personne ne peut pas recevoir de carnet pour l’instant">
          <ul>
            {eligibility.reasons.map((r) => (
              <li key={r.rule}>{r.message}</li>
            ))}
          </ul>
        </Notice>
      )}
      {eligibility.eligible ? (
        <div className="boutons">
          <button type="button" onClick={() => go('orientation')}>
            Continuer vers l’orientation
          </button>
        </div>
      ) : overridable ? (
        <>
          {form.summary}
          <form onSubmit={withOverride} noValidate>
            <TextField
              id="derogation"
              label="Remettre un carnet malgré le profil : motif"
              hint="Par exemple : « se débrouille au quotidien mais doit faire seule sa déclaration d’impôts en ligne ». Ce motif est enregistré."
              value={reason}
              onChange={setReason}
              error={form.errors.derogation}
            />
            <div className="boutons">
              <button type="submit">Continuer avec ce motif</button>
              <button type="button" className="bouton--secondaire" onClick={() => go('orientation')}>
                Orienter sans carnet
              </button>
            </div>
          </form>
        </>
      ) : (
        <div className="boutons">
          <button type="button" onClick={() => go('orientation')}>
            Orienter la personne sans carnet
          </button>
        </div>
      )}
    </>
  );
}
