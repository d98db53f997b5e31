import { useState, type FormEvent } from 'react';
import { SERVICES } from '../../../../src/domain/mediation-enums.ts';
import { typologyChoices } from '../../../../src/domain/typology-labels.ts';
import { adminApi, type SiretCheck } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { CheckboxGroup, SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { useLoad } from '../finance/use-load.ts';
import { LEGAL_CATEGORY_HINT, legalCategoryChoices } from './structure/legal-category.ts';
import { EMPTY_SITE, SiteFields, siteBody, siteErrors, type SiteDraft } from './structure/SiteFields.tsx';

const FIELD: Record<string, string> = { siret: 'siret', name: 'nom', typology: 'type', legalCategory: 'categorie-juridique', services: 'services', email: 'courriel', phone: 'telephone' };
const TYPES = typologyChoices();

/** Admin: register a support structure — SIRET checked first, then its profile and first site. */
export default function NewStructure() {
  const communes = useLoad(() => adminApi.communes(), []);
  const [siret, setSiret] = useState('');
  const [check, setCheck] = useState<SiretCheck | null>(null);
  const [name, setName] = useState('');
  const [typology, setTypology] = useState('');
  const [legalCategory, setLegalCategory] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [site, setSite] = useState<SiteDraft>(EMPTY_SITE);
  const form = useForm((f) => (f.startsWith('sites.0.') ? `lieu-${{ name: 'nom', address: 'adresse', postalCode: 'code-postal', communeInsee: 'commune' }[f.slice(8)] ?? 'nom'}` : FIELD[f] ?? null));

  const verify = async () => {
    setCheck(null);
    try {
      setCheck(await adminApi.checkSiret(siret.replace(/\s/g, '') || '0'));
    } catch (e) {
      setCheck({ siret, valid: false, message: e instanceof Error ? e.message : 'La vérification n’a pas abouti.', existing: null });
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!/^\d{14}$/.test(siret.replace(/\s/g, ''))) errors.siret = 'Saisissez le SIRET à 14 chiffres.';
        if (!name.trim()) errors.nom = 'Saisissez le nom de la structure.';
        if (!typology) errors.type = 'Choisissez le type de structure.';
        if (!services.length) errors.services = 'Cochez au moins un service proposé.';
        return { ...errors, ...siteErrors(site, communes.data ?? [], 'lieu') };
      },
      () =>
        adminApi.createStructure({
          siret: siret.replace(/\s/g, ''), name: name.trim(), typology: [typology], legalCategory: legalCategory || null, services, email: email.trim() || null, phone: phone.trim() || null,
          sites: [siteBody(site, communes.data ?? [])],
        }),
    );
    if (created) navigate(`/admin/structures/${encodeURIComponent(created.id)}?cree=1`);
  };

  return (
    <Page title="Créer une structure" lead="Étape suivante après la création : l’habiliter pour une campagne et créer le compte de son ou sa responsable, depuis sa fiche.">
      <p>
        <Link to="/admin/structures">Structures et habilitations</Link> › Créer une structure
      </p>
      {!communes.data ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          {form.summary}
          <h2>Identification</h2>
          <TextField id="siret" label="SIRET" hint="14 chiffres, sur l’avis de situation SIRENE de la structure." inputMode="numeric" value={siret} onChange={(v) => { setSiret(v); setCheck(null); }} error={form.errors.siret} width="moyen" />
          <div className="boutons">
            <button type="button" className="bouton--secondaire" onClick={() => void verify()}>
              Vérifier le SIRET
            </button>
          </div>
          <div role="status">
            {check ? (
              <Notice kind={!check.valid ? 'erreur' : check.existing ? 'attention' : 'succes'} title={!check.valid ? 'SIRET non valide' : check.existing ? 'Structure déjà enregistrée' : 'SIRET vérifié'}>
                <p>{check.message}</p>
                {check.existing ? (
                  <p>
                    <Link to={`/admin/structures/${encodeURIComponent(check.existing.id)}`}>Ouvrir la fiche de {check.existing.name}</Link>
                  </p>
                ) : null}
              </Notice>
            ) : null}
          </div>
          <TextField id="nom" label="Nom de la structure" value={name} onChange={setName} error={form.errors.nom} />
          <SelectField id="type" label="Type de structure" hint="La liste du schéma national des lieux de médiation numérique." value={typology} onChange={setTypology} error={form.errors.type} options={[{ value: '', label: 'Choisir…' }, ...TYPES]} />
          <SelectField id="categorie-juridique" label="Catégorie juridique" hint={LEGAL_CATEGORY_HINT} value={legalCategory} onChange={setLegalCategory} error={form.errors['categorie-juridique']} options={legalCategoryChoices()} />
          <CheckboxGroup id="services" legend="Services proposés" hint="Ce que la structure aide à faire ; les habitants y sont orientés selon leurs besoins." values={services} onChange={setServices} error={form.errors.services} choices={SERVICES.map((s) => ({ value: s, label: s }))} />
          <h2>Contact</h2>
          <TextField id="courriel" label="Adresse e-mail de contact" optional type="email" value={email} onChange={setEmail} error={form.errors.courriel} width="moyen" />
          <TextField id="telephone" label="Téléphone" optional type="tel" value={phone} onChange={setPhone} error={form.errors.telephone} width="moyen" />
          <h2>Premier lieu d’accueil</h2>
          <p>D’autres lieux et les horaires s’ajoutent ensuite depuis la fiche de la structure.</p>
          <SiteFields prefix="lieu" draft={site} onChange={setSite} communes={communes.data} errors={form.errors} />
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Créer la structure
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
