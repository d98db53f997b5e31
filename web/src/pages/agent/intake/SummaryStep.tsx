import { agentApi } from '../../../api/agent.ts';
import { Link } from '../../../app/router.tsx';
import { frenchDate, frenchDateTime, shortFrenchDate } from '../../../presenters/format.ts';
import { fullName, type StepProps } from './state.ts';

/** Step 9: what was done, to tell the person and to check before they leave. */
export function SummaryStep({ intake, reference, update, go }: StepProps) {
  const p = intake.person!;
  const needLabels = reference.model.needs.filter((n) => intake.needs.includes(n.id)).map((n) => n.label);
  const restart = () => {
    update({ person: null, existingBooklets: [], answers: {}, needs: [], result: null, campaign: null, override: null, booking: null, booklet: null });
    go('recherche');
  };
  return (
    <>
      <dl className="recap">
        <dt>Personne</dt>
        <dd>{fullName(p)}</dd>
        <dt>Date de naissance</dt>
        <dd>{shortFrenchDate(p.birthDate)}</dd>
        <dt>Commune</dt>
        <dd>{p.communeName ?? p.communeInsee}</dd>
        <dt>Profil</dt>
        <dd>{intake.result?.profileLabel ?? 'diagnostic non fait'}</dd>
        <dt>Besoins</dt>
        <dd>{needLabels.length ? needLabels.join(', ') : 'aucun indiqué'}</dd>
        <dt>Éligibilité</dt>
        <dd>
          {intake.result?.eligibility.eligible
            ? 'éligible'
            : intake.override
              ? `carnet remis par dérogation : « ${intake.override} »`
              : (intake.result?.eligibility.reasons.map((r) => r.message).join(' ') ?? '')}
        </dd>
        <dt>Séance réservée</dt>
        <dd>{intake.booking ? `${frenchDateTime(intake.booking.startsAt)} — ${intake.booking.title}, ${intake.booking.structureName} (${intake.booking.address})` : 'aucune'}</dd>
        <dt>Carnet</dt>
        <dd>
          {intake.booklet ? (
            <>
              n° {intake.booklet.serial}, {intake.booklet.tickets.length} tickets valables jusqu’au {frenchDate(intake.booklet.validUntil)} —{' '}
              <a href={agentApi.pdfUrl(intake.booklet.id)} download={`carnet-${intake.booklet.serial}.pdf`}>
                télécharger le PDF
              </a>
            </>
          ) : (
            'aucun carnet remis'
          )}
        </dd>
      </dl>
      <p>Rappelez à la personne d’apporter son carnet à chaque séance, et que les tickets ne sont plus acceptés après leur date de validité.</p>
      <div className="boutons">
        <button type="button" onClick={restart}>
          Recevoir une autre personne
        </button>
        <Link to="/agent/beneficiaires" className="bouton bouton--secondaire">
          Mes bénéficiaires
        </Link>
      </div>
    </>
  );
}
