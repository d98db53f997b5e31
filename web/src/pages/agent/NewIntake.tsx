import { useEffect, useRef, useState, type JSX } from 'react';
import { agentApi } from '../../api/agent.ts';
import { useDocumentTitle, useFocusOn } from '../../app/Page.tsx';
import { useLocation } from '../../app/router.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { EquipmentStep } from './intake/EquipmentStep.tsx';
import { DiagnosticStep } from './intake/DiagnosticStep.tsx';
import { HandOutStep } from './intake/HandOutStep.tsx';
import { IdentityStep } from './intake/IdentityStep.tsx';
import { NeedsStep } from './intake/NeedsStep.tsx';
import { OrientationStep } from './intake/OrientationStep.tsx';
import { ResultStep } from './intake/ResultStep.tsx';
import { SearchStep } from './intake/SearchStep.tsx';
import { EMPTY_INTAKE, STEPS, type Intake, type Reference, type StepId, type StepProps } from './intake/state.ts';
import { SummaryStep } from './intake/SummaryStep.tsx';

/** The baseline found when the intake is resumed: made today (edited) or earlier; its version. */
interface Resumed {
  today: boolean;
  version: string;
  current: boolean;
}

const VIEWS: Record<StepId, (p: StepProps) => JSX.Element> = {
  recherche: SearchStep,
  identite: IdentityStep,
  equipement: EquipmentStep,
  diagnostic: DiagnosticStep,
  besoins: NeedsStep,
  resultat: ResultStep,
  orientation: OrientationStep,
  remise: HandOutStep,
  recapitulatif: SummaryStep,
};

/** "Nouvel accueil": the agent's step-by-step intake, from the search to the booklet in hand. */
export default function NewIntake() {
  const [reference, setReference] = useState<Reference | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<StepId>('recherche');
  const [moves, setMoves] = useState(0);
  const [intake, setIntake] = useState<Intake>(EMPTY_INTAKE);
  const index = STEPS.findIndex((s) => s.id === step);
  const label = STEPS[index].label;
  useDocumentTitle(`Nouvel accueil — étape ${index + 1} sur ${STEPS.length} : ${label}`);
  const h1 = useFocusOn<HTMLHeadingElement>('page');
  const h2 = useFocusOn<HTMLHeadingElement>(moves, moves > 0);

  // "Reprendre l’accueil" from "Mes bénéficiaires" or the person's page: ?beneficiaire=<id> starts at
  // the equipment. A person with a baseline is diagnosed again with the baseline's questionnaire
  // version (a v1 baseline stays comparable with v1 only); a baseline made today is edited, so its
  // answers and needs are filled in again for the agent to correct.
  const resumeId = useLocation().search.get('beneficiaire');
  const [resumed, setResumed] = useState<Resumed | null>(null);
  const loaded = useRef(false);
  const [currentModel, setCurrentModel] = useState<Reference['model'] | null>(null);
  useEffect(() => {
    Promise.all([agentApi.communes(), agentApi.model(), agentApi.openCampaigns(), resumeId ? agentApi.get(resumeId) : Promise.resolve(null)])
      .then(async ([communes, current, campaigns, b]) => {
        const baseline = b?.diagnostics.find((d) => d.kind === 'initial') ?? null;
        const model = baseline && baseline.version !== current.version ? await agentApi.modelVersion(baseline.version) : current;
        if (b) {
          const today = Boolean(baseline?.editsToday);
          setIntake({
            ...EMPTY_INTAKE,
            person: { id: b.id, firstName: b.firstName, birthName: b.birthName, usageName: b.usageName, birthDate: b.birthDate, communeInsee: b.communeInsee, communeName: b.communeName },
            answers: today ? baseline!.answers : {},
            needs: today ? baseline!.needs : [],
          });
          setResumed(baseline ? { today, version: baseline.version, current: baseline.version === current.version } : null);
          setStep('equipement');
          // Resumed from the search or the identity step: the focus moves to the step's heading.
          if (loaded.current) setMoves((m) => m + 1);
        }
        loaded.current = true;
        setCurrentModel(current);
        setReference({ communes, model, campaigns });
      })
      .catch((e: Error) => setLoadError(e.message));
  }, [resumeId]);

  const go = (next: StepId) => {
    setStep(next);
    setMoves((m) => m + 1);
    window.scrollTo(0, 0);
  };
  const update = (patch: Partial<Intake>) => setIntake((i) => ({ ...i, ...patch }));
  const restart = () => {
    setIntake(EMPTY_INTAKE);
    setResumed(null);
    // Another person may follow: back to the current questionnaire.
    if (reference && currentModel) setReference({ ...reference, model: currentModel });
    go('recherche');
  };
  const View = VIEWS[step];

  return (
    <div className="page">
      <h1 ref={h1} tabIndex={-1}>
        Nouvel accueil
      </h1>
      <p className="etapes">
        Étape {index + 1} sur {STEPS.length}
        {intake.person ? ` — ${intake.person.firstName} ${intake.person.usageName ?? intake.person.birthName}` : ''}
      </p>
      <span className="progression" aria-hidden="true">
        <span className="progression__barre" style={{ width: `${((index + 1) * 100) / STEPS.length}%` }} />
      </span>
      <h2 ref={h2} tabIndex={-1}>
        {label}
      </h2>
      {loadError ? (
        <Notice kind="erreur" title="Le formulaire n’a pas pu être préparé" live>
          <p>{loadError}</p>
        </Notice>
      ) : !reference ? (
        <Loading />
      ) : (
        <>
          {intake.existingBooklets.length && step !== 'recherche' ? (
            <Notice kind="attention" title="Cette personne a déjà un carnet">
              <ul>
                {intake.existingBooklets.map((b) => (
                  <li key={`${b.campaignId}-${b.issuedAt}`}>
                    {b.campaignName} : carnet {b.serial ? `${b.serial} ` : ''}remis par {b.organisationName}
                    {b.issuedAt ? ` le ${new Date(b.issuedAt).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}` : ''}.
                  </li>
                ))}
              </ul>
              <p>Un seul carnet par personne et par campagne : un nouveau carnet sera refusé pour la même campagne.</p>
            </Notice>
          ) : null}
          {resumed && step !== 'recherche' && step !== 'recapitulatif' ? (
            <Notice kind="info" title={resumed.today ? 'Son diagnostic de départ, fait aujourd’hui, sera modifié' : 'Elle a déjà un diagnostic de départ'}>
              <p>
                {resumed.today
                  ? 'Ses réponses sont reprises : corrigez ce qui doit l’être. Le diagnostic de départ est mis à jour, il n’est pas remplacé.'
                  : 'Ce diagnostic sera enregistré comme diagnostic de suivi et comparé à celui de départ.'}
                {resumed.current ? '' : ` Il reprend l’ancien questionnaire (${resumed.version}), celui du diagnostic de départ, pour que les résultats restent comparables.`}
              </p>
            </Notice>
          ) : null}
          <View intake={intake} reference={reference} update={update} go={go} />
          {step !== 'recherche' && step !== 'recapitulatif' ? (
            <p>
              <button type="button" className="lien-bouton" onClick={restart}>
                Abandonner cet accueil et recommencer
              </button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
