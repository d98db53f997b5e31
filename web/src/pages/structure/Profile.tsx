import { useEffect, useState, type FormEvent } from 'react';
import { SERVICES } from '../../../../src/domain/mediation-enums.ts';
import { typologyLabel } from '../../../../src/domain/typology-labels.ts';
import { structureApi, type StructureDetails } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxGroup, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDate } from '../../presenters/format.ts';
import { Badge, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const FIELD: Record<string, string> = { name: 'nom', email: 'courriel', phone: 'telephone', website: 'site-web', presentation: 'presentation', services: 'services' };
const ACCREDITATION: Record<string, { tone: 'succes' | 'attention' | 'erreur' | 'info'; text: string }> = {
  applied: { tone: 'info', text: 'Candidature en cours d’examen' },
  accredited: { tone: 'succes', text: 'Habilitée' },
  suspended: { tone: 'attention', text: 'Suspendue' },
  withdrawn: { tone: 'erreur', text: 'Retirée' },
};

function ProfileForm({ structure, onSaved }: { structure: StructureDetails; onSaved: (s: StructureDetails) => void }) {
  const [name, setName] = useState(structure.name);
  const [email, setEmail] = useState(structure.email ?? '');
  const [phone, setPhone] = useState(structure.phone ?? '');
  const [website, setWebsite] = useState(structure.website ?? '');
  const [presentation, setPresentation] = useState(structure.presentation ?? '');
  const [services, setServices] = useState<string[]>(structure.services);
  const form = useForm((f) => FIELD[f.split('.')[0]] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!name.trim()) errors['nom'] = 'Saisissez le nom de la structure.';
        if (services.length === 0) errors['services'] = 'Cochez au moins un service proposé.';
        return errors;
      },
      () =>
        structureApi.update(structure.id, {
          name: name.trim(), email: email.trim() || null, phone: phone.trim() || null, website: website.trim() || null, presentation: presentation.trim() || null, services: services as never,
        }),
    );
    if (done) onSaved({ ...structure, ...done });
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.summary}
      <TextField id="nom" label="Nom de la structure" value={name} onChange={setName} error={form.errors['nom']} />
      <TextField id="courriel" label="Adresse e-mail de contact" type="email" optional value={email} onChange={setEmail} error={form.errors['courriel']} width="moyen" />
      <TextField id="telephone" label="Téléphone" type="tel" optional value={phone} onChange={setPhone} error={form.errors['telephone']} width="moyen" />
      <TextField id="site-web" label="Site internet" optional value={website} onChange={setWebsite} error={form.errors['site-web']} />
      <div className={`champ${form.errors['presentation'] ? ' champ--erreur' : ''}`}>
        <label className="champ__libelle" htmlFor="presentation">
          Présentation <span className="champ__facultatif">(facultatif)</span>
        </label>
        <p className="champ__aide" id="presentation-aide">
          Quelques lignes affichées aux habitants sur « Où utiliser mon pass ? ».
        </p>
        <textarea id="presentation" className="champ__saisie champ__saisie--long" value={presentation} onChange={(e) => setPresentation(e.target.value)} aria-describedby="presentation-aide" maxLength={2000} />
      </div>
      <CheckboxGroup
        id="services"
        legend="Services proposés"
        hint="Les services du schéma national des lieux de médiation numérique."
        values={services}
        onChange={setServices}
        choices={SERVICES.map((s) => ({ value: s, label: s }))}
        error={form.errors['services']}
      />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Enregistrer le profil
        </button>
      </div>
    </form>
  );
}

/** "Ma structure": the public profile, the services offered and the accreditations per campaign. */
export default function Profile() {
  const { me } = useSession();
  const structureId = me?.structure?.id ?? '';
  const details = useLoad(() => structureApi.details(structureId), [structureId]);
  const accreditations = useLoad(() => structureApi.accreditations(structureId), [structureId]);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [structureId]);

  return (
    <Page title="Ma structure" lead="Le profil public de la structure, ses services et ses habilitations.">
      {details.error ? (
        <Notice kind="erreur">
          <p>{details.error}</p>
        </Notice>
      ) : null}
      {details.data ? (
        <>
          <dl className="recap">
            <dt>SIRET</dt>
            <dd>{details.data.siret}</dd>
            <dt>Typologie</dt>
            <dd>{details.data.typology.map(typologyLabel).join(', ') || '—'}</dd>
            <dt>Lieux</dt>
            <dd>{details.data.sites.map((s) => s.name).join(', ') || 'aucun'}</dd>
          </dl>
          <h2>Habilitations</h2>
          {accreditations.data ? (
            accreditations.data.length ? (
              <Table id="titre-habilitations" caption="Habilitations par campagne">
                <thead>
                  <tr>
                    <th scope="col">Campagne</th>
                    <th scope="col">État</th>
                    <th scope="col">Décision</th>
                  </tr>
                </thead>
                <tbody>
                  {accreditations.data.map((a) => (
                    <tr key={a.campaignId}>
                      <th scope="row">{a.campaignName ?? a.campaignId}</th>
                      <td>
                        <Badge tone={ACCREDITATION[a.status].tone}>{ACCREDITATION[a.status].text}</Badge>
                      </td>
                      <td>
                        {a.decidedAt ? `Le ${frenchDate(a.decidedAt)}` : `Demandée le ${frenchDate(a.appliedAt)}`}
                        {a.reason ? <span className="champ__aide">Motif : {a.reason}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <p>Aucune habilitation : contactez l’administration du programme.</p>
            )
          ) : (
            <Loading />
          )}
          <h2>Profil public</h2>
          <div role="status">
            {saved ? (
              <Notice kind="succes">
                <p>Le profil a été enregistré.</p>
              </Notice>
            ) : null}
          </div>
          <ProfileForm
            key={details.data.updatedAt}
            structure={details.data}
            onSaved={(s) => {
              details.setData(s);
              setSaved(true);
            }}
          />
        </>
      ) : details.error ? null : (
        <Loading />
      )}
    </Page>
  );
}
