import { useState, type FormEvent } from 'react';
import { adminApi, type Accreditation, type Campaign, type StructureWithSites } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { RadioGroup, SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDate } from '../../presenters/format.ts';
import { typologyLabel } from '../../../../src/domain/typology-labels.ts';
import { Link } from '../../app/router.tsx';
import { bankTone } from '../../presenters/money.ts';
import { Badge } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const STATUS: Record<Accreditation['status'], { tone: 'succes' | 'attention' | 'erreur' | 'info'; text: string }> = {
  applied: { tone: 'info', text: 'Candidature à examiner' },
  accredited: { tone: 'succes', text: 'Habilitée' },
  suspended: { tone: 'attention', text: 'Suspendue' },
  withdrawn: { tone: 'erreur', text: 'Retirée' },
};
const BANK: Record<string, string> = { none: 'RIB non saisi', pending: 'RIB à vérifier', verified: 'RIB vérifié' };

export function Decision({ structure, campaigns, accreditations, onDone }: { structure: Pick<StructureWithSites, 'id' | 'name'>; campaigns: Campaign[]; accreditations: Accreditation[] | null; onDone: () => void }) {
  const p = `decision-${structure.id}`;
  const [campaignId, setCampaignId] = useState(campaigns.find((c) => c.status !== 'closed')?.id ?? campaigns[0]?.id ?? '');
  const [status, setStatus] = useState('accredited');
  const [reason, setReason] = useState('');
  const form = useForm((f) => (f === 'reason' ? `${p}-motif` : f === 'status' ? `${p}-statut` : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      (): Record<string, string> => (status !== 'accredited' && reason.trim().length < 3 ? { [`${p}-motif`]: 'Écrivez le motif de la suspension ou du retrait : la structure le lira.' } : {}),
      async () => {
        // A structure the admin registers has not applied: the admin records the application first.
        if (accreditations && !accreditations.some((a) => a.campaignId === campaignId)) await adminApi.apply(structure.id, campaignId);
        return adminApi.decide(structure.id, campaignId, status, reason.trim() || null);
      },
    );
    if (done) onDone();
  };
  return (
    <details>
      <summary>Décider de l’habilitation<span className="visuellement-cache"> de {structure.name}</span></summary>
      <form onSubmit={submit} noValidate>
        {form.summary}
        <SelectField id={`${p}-campagne`} label="Campagne" value={campaignId} onChange={setCampaignId} options={campaigns.map((c) => ({ value: c.id, label: c.name }))} />
        <RadioGroup
          id={`${p}-statut`}
          legend="Décision"
          value={status}
          onChange={setStatus}
          choices={[
            { value: 'accredited', label: 'Habiliter (ou rétablir)' },
            { value: 'suspended', label: 'Suspendre' },
            { value: 'withdrawn', label: 'Retirer l’habilitation' },
          ]}
        />
        <TextField id={`${p}-motif`} label="Motif" optional={status === 'accredited'} value={reason} onChange={setReason} error={form.errors[`${p}-motif`]} />
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Enregistrer la décision
          </button>
        </div>
      </form>
    </details>
  );
}

function StructureCard({ s, campaigns }: { s: StructureWithSites; campaigns: Campaign[] }) {
  const acc = useLoad(() => adminApi.accreditations(s.id), [s.id]);
  const [saved, setSaved] = useState(false);
  return (
    <li className="carte">
      <h2>
        <Link to={`/admin/structures/${encodeURIComponent(s.id)}`}>{s.name}</Link>
      </h2>
      <dl>
        <dt>SIRET</dt>
        <dd>{s.siret}</dd>
        <dt>Type</dt>
        <dd>{s.typology.map(typologyLabel).join(', ') || '—'}</dd>
        <dt>Lieux</dt>
        <dd>{s.sites.map((x) => `${x.name} (${x.communeName ?? x.communeInsee})`).join(', ') || 'aucun'}</dd>
        <dt>Banque</dt>
        <dd>{s.bank ? <Badge tone={bankTone(s.bank.status)}>{BANK[s.bank.status]}</Badge> : '—'}</dd>
        <dt>Habilitations</dt>
        <dd>
          {acc.data ? (
            acc.data.length ? (
              <ul>
                {acc.data.map((a) => (
                  <li key={a.campaignId}>
                    {a.campaignName} : <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].text}</Badge>
                    {a.decidedAt ? ` le ${frenchDate(a.decidedAt)}` : ''}
                    {a.reason ? ` — ${a.reason}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              'aucune'
            )
          ) : (
            '…'
          )}
        </dd>
      </dl>
      <div role="status">{saved ? <Notice kind="succes"><p>Décision enregistrée.</p></Notice> : null}</div>
      <Decision
        structure={s}
        campaigns={campaigns}
        accreditations={acc.data}
        onDone={() => {
          setSaved(true);
          void acc.reload();
        }}
      />
    </li>
  );
}

/** Admin: structures, their sites, bank status and accreditation decisions per campaign. */
export default function Structures() {
  const structures = useLoad(() => adminApi.structures(), []);
  const campaigns = useLoad(() => adminApi.campaigns(), []);
  return (
    <Page title="Structures et habilitations" lead="Les structures d’accompagnement du territoire. L’habilitation suit les critères publiés ; chaque décision est motivée et tracée. Ouvrez une structure (son nom) pour modifier sa fiche, ses lieux et ses comptes." wide>
      <div className="boutons">
        <Link className="bouton" to="/admin/structures/nouvelle">
          Créer une structure
        </Link>
      </div>
      {structures.error ? (
        <Notice kind="erreur">
          <p>{structures.error}</p>
        </Notice>
      ) : null}
      {structures.data && campaigns.data ? (
        <ul className="cartes">
          {structures.data.map((s) => (
            <StructureCard key={s.id} s={s} campaigns={campaigns.data!} />
          ))}
        </ul>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
