import { useCallback, useEffect, useState } from 'react';
import { agentApi, type BeneficiaryDetails, type Orientation } from '../../api/agent.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import type { PageProps } from '../../routes.ts';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDate, frenchDateTime, shortFrenchDate } from '../../presenters/format.ts';
import { resumeIntakePath, nextSteps } from '../../presenters/person.ts';
import { followupPath } from '../../api/followup.ts';
import { DoneForThem } from './orientation/DoneForThem.tsx';
import { BookletCard } from './person/BookletCard.tsx';
import { BookSession } from './person/BookSession.tsx';
import { ContactForm } from './person/ContactForm.tsx';
import { PersonalData } from './person/PersonalData.tsx';

type Diagnostic = BeneficiaryDetails['diagnostics'][number];

function DiagnosticCard({ title, d }: { title: string; d: Diagnostic | undefined }) {
  return (
    <li className="carte">
      <h3>{title}</h3>
      {d ? (
        <dl>
          <dt>Date</dt>
          <dd>{frenchDate(d.createdAt)}</dd>
          <dt>Autonomie</dt>
          <dd>
            {d.profileLabel}
            {d.percent !== null ? ` (${Math.round(d.percent)} %)` : ''}
          </dd>
          <dt>Besoins</dt>
          <dd>{d.needs.length ? `${d.needs.length} besoin${d.needs.length > 1 ? 's' : ''} exprimé${d.needs.length > 1 ? 's' : ''}` : 'aucun'}</dd>
        </dl>
      ) : (
        <p>Pas encore fait.</p>
      )}
    </li>
  );
}

/** The agent's page of a person: everything about her, and what to do for her today. */
export default function Person({ params }: PageProps) {
  const [person, setPerson] = useState<BeneficiaryDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    agentApi.get(params.id).then(setPerson, (e: Error) => setError(e.message));
  }, [params.id]);
  useEffect(load, [load]);
  // Procedures she wants done for her (France Services, Aidants Connect), from her baseline; a
  // failure here leaves the rest of the page whole.
  const [orientation, setOrientation] = useState<Orientation | null>(null);
  useEffect(() => {
    agentApi.orientation(params.id, null).then(setOrientation, () => setOrientation(null));
  }, [params.id]);

  const name = person ? `${person.firstName} ${person.usageName ?? person.birthName}` : 'Fiche de la personne';
  const initial = person?.diagnostics.find((d) => d.kind === 'initial');
  const followUps = person?.diagnostics.filter((d) => d.kind === 'followup') ?? [];
  const steps = person ? nextSteps(person, new Date()) : [];

  return (
    <Page title={name} wide>
      <p>
        <Link to="/agent/beneficiaires">Mes bénéficiaires</Link> › {name}
      </p>
      {error ? (
        <Notice kind="erreur" title="La fiche n’a pas pu être chargée" live>
          <p>{error}</p>
        </Notice>
      ) : !person ? (
        <Loading />
      ) : (
        <>
          <dl className="recap">
            <dt>Née ou né le</dt>
            <dd>{shortFrenchDate(person.birthDate)}</dd>
            <dt>Nom de naissance</dt>
            <dd>{person.birthName}</dd>
            <dt>Commune</dt>
            <dd>{person.communeName ?? person.communeInsee}</dd>
            <dt>Reçue le</dt>
            <dd>{frenchDate(person.createdAt)}</dd>
            <dt>Consentement au traitement</dt>
            <dd>recueilli le {frenchDateTime(person.consentAt)}</dd>
          </dl>
          <Notice kind="info" title="À faire pour cette personne">
            {steps.length ? (
              <ul>
                {steps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            ) : (
              <p>Rien d’urgent : son carnet est en cours et une séance est réservée.</p>
            )}
          </Notice>

          <section aria-labelledby="titre-diagnostics">
            <h2 id="titre-diagnostics">Diagnostics</h2>
            <ul className="cartes cartes--deux">
              <DiagnosticCard title="Premier diagnostic" d={initial} />
              <DiagnosticCard title={followUps.length > 1 ? `Dernier diagnostic de suivi (${followUps.length} en tout)` : 'Diagnostic de suivi'} d={followUps[followUps.length - 1]} />
            </ul>
            <div className="boutons">
              <Link className="bouton" to={initial ? followupPath(person.id) : resumeIntakePath(person.id)}>
                {initial ? 'Diagnostic de suivi' : 'Faire le premier diagnostic'}
              </Link>
            </div>
          </section>

          {orientation ? <DoneForThem d={orientation.doneForThem} level={2} /> : null}

          <section aria-labelledby="titre-carnets">
            <h2 id="titre-carnets">Carnets</h2>
            {person.booklets.length ? (
              <ul className="cartes">
                {person.booklets.map((b) => (
                  <BookletCard key={b.id} booklet={b} onChanged={load} />
                ))}
              </ul>
            ) : (
              <p>
                Pas encore de carnet. <Link to={resumeIntakePath(person.id)}>Reprendre l’accueil pour lui remettre un carnet</Link>.
              </p>
            )}
          </section>

          <BookSession person={person} onBooked={load} />
          <ContactForm person={person} onSaved={setPerson} />

          <section aria-labelledby="titre-rappels">
            <h2 id="titre-rappels">Rappels envoyés</h2>
            {person.reminders.length ? (
              <div className="tableau" tabIndex={0} role="region" aria-labelledby="legende-rappels">
                <table>
                  <caption id="legende-rappels">Les rappels préparés pour {person.firstName}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Préparé le</th>
                      <th scope="col">Rappel</th>
                      <th scope="col">Moyen</th>
                      <th scope="col">État</th>
                    </tr>
                  </thead>
                  <tbody>
                    {person.reminders.map((r) => (
                      <tr key={r.id}>
                        <td>{frenchDateTime(r.createdAt)}</td>
                        <td>{r.kindLabel}</td>
                        <td>{r.channelLabel}</td>
                        <td>
                          {r.statusLabel}
                          {r.sentAt ? ` le ${frenchDateTime(r.sentAt)}` : ''}
                          {r.why ? ` — ${r.why}` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>Aucun rappel ne lui a été préparé.</p>
            )}
          </section>

          <PersonalData person={person} />
        </>
      )}
    </Page>
  );
}
