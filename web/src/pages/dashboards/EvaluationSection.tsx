import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { EvaluationDashboard } from '../../../../src/contracts/dashboards.ts';
import { api } from '../../api/client.ts';
import type { DashboardFilters } from '../../api/dashboards.ts';

type Evaluation = z.infer<typeof EvaluationDashboard>;
const n = (v: number | null) => (v === null ? 'moins de 5' : String(v));
const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('fr-FR')} %`);
/** The questionnaire's version in words: "v2" → "questionnaire version 2". */
const questionnaire = (version: string) => `questionnaire ${version.replace(/^v(\d+)$/, 'version $1')}`;

/**
 * Did people progress? (issue #18, item 7) The same people, same questionnaire version: levels per
 * area at intake and at follow-up, the needs they could then do alone, the autonomy recorded per
 * theme from first to last session, the share followed up; per commune. Under 5: not shown.
 */
export function EvaluationSection({ filters }: { filters: DashboardFilters }) {
  const [e, setE] = useState<Evaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Evaluation>('/api/dashboards/evaluation', { ...filters }).then(setE, (x: Error) => setError(x.message));
  }, [filters]);
  if (error) return <p>L’évaluation n’a pas pu être chargée : {error}</p>;
  if (!e) return null;
  return (
    <section aria-labelledby="titre-evaluation">
      <h2 id="titre-evaluation">Évaluation : les personnes ont-elles progressé ?</h2>
      <p>
        Diagnostic de suivi : {n(e.peopleWithFollowup)} personnes sur {n(e.peopleWithBaseline)} ({pct(e.followupPercent)}). Besoins faits seules ou seuls au suivi : {n(e.needs.peopleDoneAlone)} personnes
        sur {n(e.needs.peopleWithNeeds)} ({pct(e.needs.peopleDoneAlonePercent)}), {n(e.needs.needsDoneAlone)} besoins sur {n(e.needs.needsTotal)}.
      </p>
      {e.areas.length ? (
        <div className="tableau" tabIndex={0} role="region" aria-labelledby="eval-domaines">
          <table>
            <caption id="eval-domaines">Niveau par domaine au départ et au suivi (mêmes personnes, même questionnaire)</caption>
            <thead>
              <tr>
                <th scope="col">Domaine</th>
                <th scope="col">Personnes</th>
                {e.areas[0].levels.map((l) => (
                  <th scope="col" key={l.level}>
                    {l.label} : départ → suivi
                  </th>
                ))}
                <th scope="col">Ont progressé</th>
              </tr>
            </thead>
            <tbody>
              {e.areas.map((a) => (
                <tr key={`${a.version}-${a.areaId}`}>
                  <th scope="row">
                    {a.label} ({questionnaire(a.version)})
                  </th>
                  <td>{n(a.people)}</td>
                  {a.levels.map((l) => (
                    <td key={l.level}>
                      {n(l.intake)} → {n(l.followup)}
                    </td>
                  ))}
                  <td>
                    {n(a.progressed)} ({pct(a.progressedPercent)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Pas encore de diagnostic de suivi comparable.</p>
      )}
      {e.themes.length ? (
        <div className="tableau" tabIndex={0} role="region" aria-labelledby="eval-themes">
          <table>
            <caption id="eval-themes">Autonomie notée par les médiateurs, par thématique : première et dernière séance</caption>
            <thead>
              <tr>
                <th scope="col">Thématique</th>
                <th scope="col">Personnes (deux séances ou plus)</th>
                {e.themes[0].levels.map((l) => (
                  <th scope="col" key={l.level}>
                    {l.label} : première → dernière
                  </th>
                ))}
                <th scope="col">Plus autonomes</th>
              </tr>
            </thead>
            <tbody>
              {e.themes.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.label}</th>
                  <td>
                    {n(t.people)} ({n(t.peopleWithTwoSessions)})
                  </td>
                  {t.levels.map((l) => (
                    <td key={l.level}>
                      {n(l.first)} → {n(l.last)}
                    </td>
                  ))}
                  <td>
                    {n(t.improved)} ({pct(t.improvedPercent)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {e.communes.length ? (
        <div className="tableau" tabIndex={0} role="region" aria-labelledby="eval-communes">
          <table>
            <caption id="eval-communes">Par commune</caption>
            <thead>
              <tr>
                <th scope="col">Commune</th>
                <th scope="col">Personnes diagnostiquées</th>
                <th scope="col">Avec un suivi</th>
                <th scope="col">Ont progressé dans un domaine</th>
              </tr>
            </thead>
            <tbody>
              {e.communes.map((c) => (
                <tr key={c.inseeCode}>
                  <th scope="row">{c.name}</th>
                  <td>{n(c.people)}</td>
                  <td>
                    {n(c.withFollowup)} ({pct(c.followupPercent)})
                  </td>
                  <td>{n(c.progressed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
