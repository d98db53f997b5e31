import { useState, type FormEvent } from 'react';
import { SERVICES } from '../../../../src/domain/mediation-enums.ts';
import { adminApi } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useForm } from '../../components/forms.tsx';
import { CAMPAIGN_FIELDS, campaignBody, emptyCampaignForm } from '../../presenters/admin.ts';
import { CampaignFields } from './CampaignFields.tsx';

/** Admin: a new campaign, created as a draft with its per-commune quotas. */
export default function NewCampaign() {
  const [form, setForm] = useState(() => emptyCampaignForm(new Date().getFullYear() + 1, [...SERVICES]));
  const f = useForm((field) => CAMPAIGN_FIELDS[field] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, errors } = campaignBody(form);
    const created = await f.run(() => errors, () => adminApi.createCampaign(body));
    if (created) navigate(`/admin/campagnes/${created.id}?creee=1`);
  };
  return (
    <Page title="Nouvelle campagne" lead="La campagne est créée en brouillon : vous pourrez la modifier et ajuster les quotas avant de l’ouvrir.">
      <p>
        <Link to="/admin/campagnes">Revenir aux campagnes</Link>
      </p>
      <form onSubmit={submit} noValidate>
        {f.summary}
        <CampaignFields form={form} onChange={setForm} errors={f.errors} />
        <div className="boutons">
          <button type="submit" disabled={f.submitting}>
            Créer la campagne en brouillon
          </button>
        </div>
      </form>
    </Page>
  );
}
