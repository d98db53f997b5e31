import { useState, type FormEvent } from 'react';
import { adminApi, type AuditFilters, type AuditVerification } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const PAGE = 50;
const EMPTY = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '' };

/** Admin and auditor: who did what, when, on which object; the chain's verification and its last checkpoint (issue 21, point 5). */
export default function AuditLog() {
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => adminApi.auditLog(filters, offset, PAGE), [filters, offset]);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);

  const set = (field: keyof typeof EMPTY) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    const chosen = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')) as AuditFilters;
    setFilters(chosen);
    setOffset(0);
  };
  const reset = () => {
    setDraft(EMPTY);
    setFilters({});
    setOffset(0);
  };
  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await adminApi.verifyAudit());
    } catch (e) {
      setVerifyError(e instanceof Error ? e.message : 'La vérification n’a pas abouti.');
    } finally {
      setVerifying(false);
    }
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  const pageNo = Math.floor(offset / PAGE) + 1;

  return (
    <Page title="Journal d’audit" lead="Qui a fait quoi, quand et sur quel objet. Chaque entrée est scellée : la vérification dit si le journal a été modifié ou tronqué depuis." wide>
      <section aria-labelledby="titre-verification">
        <h2 id="titre-verification">Intégrité du journal</h2>
        <p>
          La vérification relit toutes les entrées depuis la première (environ 2 secondes pour cent mille entrées) et les compare aux points de contrôle remis hors du système :
          pied des bordereaux, récapitulatif mensuel des demandes.
        </p>
        {data?.lastCheckpoint ? (
          <p>
            Dernier point de contrôle ({data.lastCheckpoint.purpose}) : <span className="texte-code">{data.lastCheckpoint.line}</span>
          </p>
        ) : data ? (
          <p>Aucun point de contrôle n’a encore été pris : le premier le sera au prochain bordereau téléchargé ou au prochain récapitulatif mensuel.</p>
        ) : null}
        <div className="boutons">
          <button type="button" onClick={() => void verify()} disabled={verifying}>
            {verifying ? 'Vérification en cours…' : 'Vérifier le journal maintenant'}
          </button>
        </div>
        <div role="status">
          {verification ? (
            verification.ok ? (
              <Notice kind="succes">
                <p>
                  Journal intact : {verification.entries.toLocaleString('fr-FR')} entrées vérifiées en {(verification.durationMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} s, {verification.checkpoints} point(s) de contrôle conforme(s)
                  {' '}(vérifié le {frenchDateTime(verification.checkedAt)}).
                </p>
              </Notice>
            ) : (
              <Notice kind="erreur">
                <p>
                  Journal ALTÉRÉ : {verification.problem} (après {verification.entries.toLocaleString('fr-FR')} entrées valides). Ne corrigez rien : prévenez la personne qui exploite le
                  service (procédure « Chaîne d’audit altérée » du guide d’exploitation).
                </p>
                {verification.failedCheckpoints.length > 1 ? (
                  <ul>
                    {verification.failedCheckpoints.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </Notice>
            )
          ) : null}
          {verifyError ? (
            <Notice kind="erreur">
              <p>{verifyError}</p>
            </Notice>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="titre-recherche">
        <h2 id="titre-recherche">Rechercher dans le journal</h2>
        <form onSubmit={search} noValidate>
          <div className="grille-champs">
            <TextField id="filtre-qui" label="Qui" hint="Une partie de l’adresse e-mail du compte, ou « système »" value={draft.actor} onChange={set('actor')} optional width="moyen" />
            <SelectField id="filtre-action" label="Action" value={draft.action} onChange={set('action')} options={[{ value: '', label: 'Toutes les actions' }, ...(data?.actions ?? [])]} />
            <SelectField id="filtre-objet" label="Type d’objet" value={draft.targetType} onChange={set('targetType')} options={[{ value: '', label: 'Tous les objets' }, ...(data?.targetTypes ?? [])]} />
            <TextField id="filtre-identifiant" label="Identifiant de l’objet" value={draft.targetId} onChange={set('targetId')} optional width="moyen" />
            <TextField id="filtre-du" label="Du" type="date" value={draft.from} onChange={set('from')} optional width="court" />
            <TextField id="filtre-au" label="Au" type="date" value={draft.to} onChange={set('to')} optional width="court" />
          </div>
          <div className="boutons">
            <button type="submit">Rechercher</button>
            <button type="button" className="bouton--secondaire" onClick={reset}>
              Effacer les filtres
            </button>
          </div>
        </form>
      </section>

      {list.error ? (
        <Notice kind="erreur">
          <p>{list.error}</p>
        </Notice>
      ) : !data ? (
        <Loading />
      ) : data.entries.length ? (
        <>
          <Table id="titre-journal" caption={`${data.more ? 'Plus de 10 000' : data.total.toLocaleString('fr-FR')} entrée${data.total > 1 ? 's' : ''}, les plus récentes d’abord — page ${pageNo} sur ${data.more ? `${pages} au moins` : pages}`}>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Quand</th>
                <th scope="col">Qui</th>
                <th scope="col">Quoi</th>
                <th scope="col">Sur quel objet</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{frenchDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{e.actionLabel}</td>
                  <td>
                    {e.target.typeLabel} <span className="texte-code">{e.target.id}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Pages du journal" className="boutons">
            <button type="button" className="bouton--secondaire" onClick={() => setOffset(Math.max(0, offset - PAGE))} disabled={offset === 0}>
              Entrées plus récentes
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setOffset(offset + PAGE)} disabled={offset + PAGE >= data.total && !data.more}>
              Entrées plus anciennes
            </button>
          </nav>
        </>
      ) : (
        <p>Aucune entrée ne correspond à ces filtres.</p>
      )}
    </Page>
  );
}
