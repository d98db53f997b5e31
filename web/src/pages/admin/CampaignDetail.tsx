import { useState, type FormEvent } from 'react';
import { adminApi, type Campaign, type CampaignQuotas } from '../../api/admin.ts';
import { ImputationSection } from './campaign/PaymentSection.tsx';
import { WeightsSection } from './campaign/WeightsSection.tsx';
import { Page } from '../../app/Page.tsx';
import { Link, useLocation } from '../../app/router.tsx';
import { TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate } from '../../presenters/format.ts';
import { CAMPAIGN_FIELDS, CAMPAIGN_STATUS, campaignBody, campaignToForm } from '../../presenters/admin.ts';
import type { PageProps } from '../../routes.ts';
import { Badge, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';
import { CampaignFields } from './CampaignFields.tsx';

function EditForm({ campaign, onSaved }: { campaign: Campaign; onSaved: (c: Campaign) => void }) {
  const [form, setForm] = useState(() => campaignToForm(campaign));
  const f = useForm((field) => CAMPAIGN_FIELDS[field] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, errors } = campaignBody(form);
    const saved = await f.run(() => errors, () => adminApi.updateCampaign(campaign.id, body));
    if (saved) onSaved(saved);
  };
  return (
    <form onSubmit={submit} noValidate>
      {f.summary}
      <CampaignFields form={form} onChange={setForm} errors={f.errors} />
      <div className="boutons">
        <button type="submit" disabled={f.submitting}>
          Enregistrer le brouillon
        </button>
      </div>
    </form>
  );
}

function QuotaRow({ campaignId, row, onSaved }: { campaignId: string; row: CampaignQuotas['communes'][number]; onSaved: () => void }) {
  const [value, setValue] = useState(String(row.quota));
  const [error, setError] = useState<string | undefined>();
  const id = `quota-${row.inseeCode}`;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const quota = Number(value);
    if (!/^\d+$/.test(value.trim())) {
      setError('Saisissez un nombre entier de carnets.');
      return;
    }
    try {
      await adminApi.setQuota(campaignId, row.inseeCode, quota);
      setError(undefined);
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Le quota n’a pas été enregistré.');
    }
  };
  return (
    <tr>
      <th scope="row">{row.communeName}</th>
      <td className="montant">{row.weight}</td>
      <td className="montant">{row.issued}</td>
      <td className="montant">{row.remaining}</td>
      <td>
        <form onSubmit={save} noValidate className="en-ligne">
          <TextField id={id} label={<span className="visuellement-cache">Quota de {row.communeName}</span>} value={value} onChange={setValue} error={error} width="court" inputMode="numeric" />
          <div className="boutons">
            <button type="submit" className="bouton--secondaire">
              Enregistrer<span className="visuellement-cache"> le quota de {row.communeName}</span>
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}

/** Admin: one campaign — its settings (editable while draft), opening and closing, quotas per commune. */
export default function CampaignDetail({ params }: PageProps) {
  const { search } = useLocation();
  const campaign = useLoad(() => adminApi.campaign(params.id), [params.id]);
  const quotas = useLoad(() => adminApi.quotas(params.id), [params.id]);
  const [message, setMessage] = useState<{ kind: 'succes' | 'erreur'; text: string } | null>(search.get('creee') ? { kind: 'succes', text: 'La campagne a été créée en brouillon.' } : null);
  const [editing, setEditing] = useState(false);

  if (campaign.error) {
    return (
      <Page title="Campagne">
        <Notice kind="erreur">
          <p>{campaign.error}</p>
        </Notice>
      </Page>
    );
  }
  const c = campaign.data;
  if (!c) return <Loading />;

  const change = async (op: 'open' | 'close') => {
    try {
      campaign.setData(op === 'open' ? await adminApi.openCampaign(c.id) : await adminApi.closeCampaign(c.id));
      setMessage({ kind: 'succes', text: op === 'open' ? 'La campagne est ouverte : les mairies peuvent remettre des carnets.' : 'La campagne est close : plus aucun carnet ne sera remis. Les tickets restent valables jusqu’à leur date de fin.' });
    } catch (e) {
      setMessage({ kind: 'erreur', text: e instanceof Error ? e.message : 'L’opération n’a pas abouti.' });
    }
  };

  const st = CAMPAIGN_STATUS[c.status];
  return (
    <Page title={c.name} wide>
      <p>
        <Link to="/admin/campagnes">Revenir aux campagnes</Link>
      </p>
      <div role="status">{message ? <Notice kind={message.kind}><p>{message.text}</p></Notice> : null}</div>
      <dl className="recap">
        <dt>État</dt>
        <dd>
          <Badge tone={st.tone}>{st.text}</Badge>
        </dd>
        <dt>Carnet</dt>
        <dd>
          {c.ticketsPerBooklet} tickets de {euros(c.faceValueCents)}
        </dd>
        <dt>Distribution</dt>
        <dd>
          du {frenchDate(c.issuanceStart)} au {frenchDate(c.issuanceEnd)}
        </dd>
        <dt>Tickets valables</dt>
        <dd>jusqu’au {frenchDate(c.validityEnd)} inclus</dd>
        <dt>Demandes de remboursement</dt>
        <dd>jusqu’au {frenchDate(c.claimDeadline)}</dd>
        <dt>Budget</dt>
        <dd>{euros(c.budgetCents)}</dd>
        <dt>Imputation des mandats</dt>
        <dd>{c.imputation ? `exercice ${c.imputation.budgetYear}, nature ${c.imputation.nature}, fonction ${c.imputation.fonction}` : 'à renseigner'}</dd>
      </dl>
      <div className="boutons">
        {c.status === 'draft' ? (
          <>
            <button type="button" onClick={() => void change('open')}>
              Ouvrir la campagne
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setEditing((x) => !x)} aria-expanded={editing}>
              Modifier les réglages
            </button>
          </>
        ) : null}
        {c.status === 'open' ? (
          <button type="button" className="bouton--danger" onClick={() => void change('close')}>
            Clore la campagne
          </button>
        ) : null}
      </div>
      {editing && c.status === 'draft' ? (
        <>
          <h2>Réglages</h2>
          <EditForm
            campaign={c}
            onSaved={(saved) => {
              campaign.setData(saved);
              setEditing(false);
              setMessage({ kind: 'succes', text: 'Les réglages ont été enregistrés.' });
              void quotas.reload();
            }}
          />
        </>
      ) : null}

      <ImputationSection campaign={c} onSaved={(saved) => campaign.setData(saved)} />

      {quotas.data ? (
        <WeightsSection
          key={`${c.status}-${quotas.data.quotaWeightedTotal}`}
          campaign={c}
          quotas={quotas.data}
          onChanged={() => {
            void quotas.reload();
            void campaign.reload();
          }}
        />
      ) : null}

      <h2>Quotas par commune</h2>
      {quotas.data ? (
        <>
          <p>
            {quotas.data.totalIssued} carnet{quotas.data.totalIssued > 1 ? 's' : ''} remis sur {quotas.data.totalQuota} ({quotas.data.quotaFixed} par commune, plus {quotas.data.quotaWeightedTotal} répartis selon les critères sociaux). Un quota ne peut pas descendre sous les carnets déjà remis.
          </p>
          <Table id="titre-quotas" caption="Quotas de carnets par commune">
            <thead>
              <tr>
                <th scope="col">Commune</th>
                <th scope="col" className="montant">
                  Pondération
                </th>
                <th scope="col" className="montant">
                  Remis
                </th>
                <th scope="col" className="montant">
                  Restants
                </th>
                <th scope="col">Quota</th>
              </tr>
            </thead>
            <tbody>
              {quotas.data.communes.map((row) => (
                <QuotaRow key={row.inseeCode} campaignId={c.id} row={row} onSaved={() => void quotas.reload()} />
              ))}
            </tbody>
          </Table>
        </>
      ) : quotas.error ? (
        <Notice kind="erreur">
          <p>{quotas.error}</p>
        </Notice>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
