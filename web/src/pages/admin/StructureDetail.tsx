import { useState, type FormEvent } from 'react';
import { SERVICES } from '../../../../src/domain/mediation-enums.ts';
import { typologyChoices, typologyLabel } from '../../../../src/domain/typology-labels.ts';
import { LEGAL_CATEGORY_HINT, legalCategoryChoices } from './structure/legal-category.ts';
import { adminApi } from '../../api/admin.ts';
import { structureApi, type StructureDetails } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { Link, useLocation } from '../../app/router.tsx';
import type { PageProps } from '../../routes.ts';
import { CheckboxGroup, SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate } from '../../presenters/format.ts';
import { bankTone } from '../../presenters/money.ts';
import { Badge, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';
import { UserList } from '../structure/UserList.tsx';
import { Decision } from './Structures.tsx';
import { EMPTY_SITE, SiteFields, siteBody, siteErrors, type SiteDraft } from './structure/SiteFields.tsx';

const BANK: Record<string, string> = { none: 'RIB non saisi', pending: 'RIB à vérifier par le service financier', verified: 'RIB vérifié' };
const ACC: Record<string, string> = { applied: 'Candidature à examiner', accredited: 'Habilitée', suspended: 'Suspendue', withdrawn: 'Retirée' };
const TYPES = typologyChoices();

function ProfileForm({ s, onSaved }: { s: StructureDetails; onSaved: () => void }) {
  const [name, setName] = useState(s.name);
  const [typology, setTypology] = useState(s.typology[0] ?? '');
  const [legalCategory, setLegalCategory] = useState(s.legalCategory ?? '');
  const [services, setServices] = useState<string[]>(s.services);
  const [email, setEmail] = useState(s.email ?? '');
  const [phone, setPhone] = useState(s.phone ?? '');
  const form = useForm((f) => ({ name: 'profil-nom', typology: 'profil-type', legalCategory: 'profil-categorie', services: 'profil-services', email: 'profil-courriel', phone: 'profil-telephone' })[f] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(
      () => (services.length ? {} : { 'profil-services': 'Cochez au moins un service proposé.' }) as Record<string, string>,
      () => structureApi.update(s.id, { name: name.trim(), typology: typology ? [typology] : [], legalCategory: legalCategory || null, services: services as never, email: email.trim() || null, phone: phone.trim() || null }),
    );
    if (ok) onSaved();
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.summary}
      <TextField id="profil-nom" label="Nom de la structure" value={name} onChange={setName} error={form.errors['profil-nom']} />
      <SelectField id="profil-type" label="Type de structure" value={typology} onChange={setTypology} options={[{ value: '', label: 'Choisir…' }, ...TYPES]} />
      <SelectField id="profil-categorie" label="Catégorie juridique" hint={LEGAL_CATEGORY_HINT} value={legalCategory} onChange={setLegalCategory} error={form.errors['profil-categorie']} options={legalCategoryChoices(s.legalCategory)} />
      <CheckboxGroup id="profil-services" legend="Services proposés" values={services} onChange={setServices} error={form.errors['profil-services']} choices={SERVICES.map((x) => ({ value: x, label: x }))} />
      <TextField id="profil-courriel" label="Adresse e-mail de contact" optional type="email" value={email} onChange={setEmail} error={form.errors['profil-courriel']} width="moyen" />
      <TextField id="profil-telephone" label="Téléphone" optional type="tel" value={phone} onChange={setPhone} error={form.errors['profil-telephone']} width="moyen" />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Enregistrer la fiche
        </button>
      </div>
    </form>
  );
}

function AddSite({ structureId, onAdded }: { structureId: string; onAdded: () => void }) {
  const communes = useLoad(() => adminApi.communes(), []);
  const [site, setSite] = useState<SiteDraft>(EMPTY_SITE);
  const form = useForm((f) => `nouveau-lieu-${{ name: 'nom', address: 'adresse', postalCode: 'code-postal', communeInsee: 'commune' }[f] ?? 'nom'}`);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(() => siteErrors(site, communes.data ?? [], 'nouveau-lieu'), () => structureApi.addSite(structureId, siteBody(site, communes.data ?? [])));
    if (ok) {
      setSite(EMPTY_SITE);
      onAdded();
    }
  };
  if (!communes.data) return <Loading />;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-ajout-lieu">
      <h3 id="titre-ajout-lieu">Ajouter un lieu</h3>
      {form.summary}
      <SiteFields prefix="nouveau-lieu" draft={site} onChange={setSite} communes={communes.data} errors={form.errors} />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Ajouter le lieu
        </button>
      </div>
    </form>
  );
}

function ManagerForm({ structureId, onCreated }: { structureId: string; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('structure_manager');
  const form = useForm((f) => (f === 'displayName' ? 'compte-nom' : f === 'email' ? 'compte-email' : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!name.trim()) errors['compte-nom'] = 'Saisissez le prénom et le nom.';
        if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors['compte-email'] = 'Saisissez une adresse e-mail valide.';
        return errors;
      },
      () => structureApi.createUser({ displayName: name.trim(), email: email.trim(), role, structureId }),
    );
    if (ok) {
      setName('');
      setEmail('');
      onCreated();
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-nouveau-compte">
      <h3 id="titre-nouveau-compte">Créer un compte pour la structure</h3>
      {form.summary}
      <TextField id="compte-nom" label="Prénom et nom" value={name} onChange={setName} error={form.errors['compte-nom']} autoComplete="off" width="moyen" />
      <TextField id="compte-email" label="Adresse e-mail" type="email" value={email} onChange={setEmail} error={form.errors['compte-email']} autoComplete="off" width="moyen" />
      <SelectField id="compte-role" label="Rôle" value={role} onChange={setRole} options={[{ value: 'structure_manager', label: 'Responsable de la structure' }, { value: 'mediator', label: 'Médiateur ou médiatrice' }]} />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Créer le compte
        </button>
      </div>
    </form>
  );
}

/** Admin: one structure — its profile, sites, accreditations, accounts, bank status and ledger. */
export default function StructureDetail({ params }: PageProps) {
  const details = useLoad(() => structureApi.details(params.id), [params.id]);
  const acc = useLoad(() => adminApi.accreditations(params.id), [params.id]);
  const campaigns = useLoad(() => adminApi.campaigns(), []);
  const users = useLoad(() => structureApi.users(), []);
  const ledger = useLoad(() => adminApi.ledger(params.id), [params.id]);
  const [notice, setNotice] = useState<string | null>(useLocation().search.get('cree') ? 'Structure créée. Étape suivante : habilitez-la pour une campagne, puis créez le compte de son ou sa responsable.' : null);
  const s = details.data;
  const staff = users.data?.filter((u) => u.structureId === params.id) ?? null;
  const title = s?.name ?? 'Structure';

  return (
    <Page title={title} wide>
      <p>
        <Link to="/admin/structures">Structures et habilitations</Link> › {title}
      </p>
      <div role="status">{notice ? <Notice kind="succes"><p>{notice}</p></Notice> : null}</div>
      {details.error ? (
        <Notice kind="erreur">
          <p>{details.error}</p>
        </Notice>
      ) : !s ? (
        <Loading />
      ) : (
        <>
          <dl className="recap">
            <dt>SIRET</dt>
            <dd>{s.siret}</dd>
            <dt>Type</dt>
            <dd>{s.typology.map(typologyLabel).join(', ') || '—'}</dd>
            <dt>Catégorie juridique</dt>
            <dd>{s.legalCategoryLabel ?? 'Pas encore connue'}</dd>
            <dt>Services</dt>
            <dd>{s.services.join(' ; ') || '—'}</dd>
            <dt>Coordonnées bancaires</dt>
            <dd>{s.bank ? <Badge tone={bankTone(s.bank.status)}>{BANK[s.bank.status]}</Badge> : '—'}</dd>
          </dl>

          <section aria-labelledby="titre-habilitations">
            <h2 id="titre-habilitations">Habilitations</h2>
            {acc.data?.length ? (
              <ul>
                {acc.data.map((a) => (
                  <li key={a.campaignId}>
                    {a.campaignName} : {ACC[a.status]}
                    {a.decidedAt ? ` le ${frenchDate(a.decidedAt)}` : ''}
                    {a.reason ? ` — ${a.reason}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Aucune habilitation : la structure ne peut pas encore accepter de tickets.</p>
            )}
            {campaigns.data ? (
              <Decision structure={s} campaigns={campaigns.data} accreditations={acc.data} onDone={() => { setNotice('Décision d’habilitation enregistrée.'); void acc.reload(); }} />
            ) : null}
          </section>

          <section aria-labelledby="titre-lieux">
            <h2 id="titre-lieux">Lieux d’accueil</h2>
            {s.sites.length ? (
              <ul>
                {s.sites.map((x) => (
                  <li key={x.id}>
                    {x.name} — {x.address}, {x.postalCode} {x.communeName ?? ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Aucun lieu : ajoutez-en un pour que la structure apparaisse aux habitants.</p>
            )}
            <AddSite structureId={s.id} onAdded={() => { setNotice('Lieu ajouté.'); void details.reload(); }} />
          </section>

          <section aria-labelledby="titre-comptes">
            <h2 id="titre-comptes">Comptes de la structure</h2>
            {staff ? (
              staff.length ? <UserList users={staff} onChanged={() => void users.reload()} caption={`Les comptes de ${s.name}`} /> : <p>Aucun compte pour l’instant.</p>
            ) : (
              <Loading />
            )}
            <ManagerForm structureId={s.id} onCreated={() => { setNotice('Compte créé : envoyez-lui le lien pour choisir son mot de passe, dans la liste des comptes (il part à son adresse e-mail).'); void users.reload(); }} />
          </section>

          <section aria-labelledby="titre-argent">
            <h2 id="titre-argent">Tickets et remboursements</h2>
            {ledger.data ? (
              <Table id="titre-grand-livre" caption={`Le grand livre de ${s.name}`}>
                <thead>
                  <tr>
                    <th scope="col">Utilisé, pas encore demandé</th>
                    <th scope="col">Demandé</th>
                    <th scope="col">Approuvé</th>
                    <th scope="col">Payé</th>
                    <th scope="col">Rejeté</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    {(['redeemedUnclaimed', 'claimed', 'approved', 'paid', 'rejected'] as const).map((k) => (
                      <td key={k}>
                        {ledger.data!.totals[k].count} ticket{ledger.data!.totals[k].count > 1 ? 's' : ''}, {euros(ledger.data!.totals[k].amountCents)}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </Table>
            ) : ledger.error ? (
              <p>{ledger.error}</p>
            ) : (
              <Loading />
            )}
          </section>

          <section aria-labelledby="titre-fiche">
            <h2 id="titre-fiche">Modifier la fiche</h2>
            <ProfileForm s={s} onSaved={() => { setNotice('Fiche enregistrée.'); void details.reload(); }} />
          </section>
        </>
      )}
    </Page>
  );
}
