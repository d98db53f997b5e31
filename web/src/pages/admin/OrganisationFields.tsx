import { useState, type FormEvent } from 'react';
import { adminApi, type Commune, type Organisation, type OrganisationInput } from '../../api/admin.ts';
import { structureApi } from '../../api/structure.ts';
import { RadioGroup, SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';

export const ORGANISATION_KINDS = [
  { value: 'mairie', label: 'Mairie' },
  { value: 'ccas', label: 'CCAS (centre communal d’action sociale)' },
  { value: 'france_services', label: 'France Services' },
  { value: 'autre', label: 'Autre point d’accueil (association…)' },
];
const FIELD: Record<string, string> = { kind: 'org-type', name: 'org-nom', communeInsee: 'org-commune', siret: 'org-siret' };

/** Create or edit a prescribing organisation: type, name, commune of the territory, SIRET. */
export function OrganisationForm({ communes, initial, submitLabel, onSaved }: { communes: Commune[]; initial?: Organisation; submitLabel: string; onSaved: (o: Organisation) => void }) {
  const [kind, setKind] = useState(initial?.kind ?? 'ccas');
  const [name, setName] = useState(initial?.name ?? '');
  const [communeInsee, setCommuneInsee] = useState(initial?.communeInsee ?? '');
  const [siret, setSiret] = useState(initial?.siret ?? '');
  const form = useForm((f) => FIELD[f] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: OrganisationInput = { kind: kind as OrganisationInput['kind'], name: name.trim(), communeInsee, siret: siret.replace(/\s/g, '') || null };
    const saved = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (name.trim().length < 3) errors['org-nom'] = 'Saisissez le nom, par exemple « CCAS d’Avion ».';
        if (!communeInsee) errors['org-commune'] = 'Choisissez la commune où se trouve l’organisation.';
        return errors;
      },
      () => (initial ? adminApi.updateOrganisation(initial.id, body) : adminApi.createOrganisation(body)),
    );
    if (saved) {
      onSaved(saved);
      if (!initial) {
        setName('');
        setSiret('');
      }
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.summary}
      <RadioGroup id="org-type" legend="Type d’organisation" value={kind} onChange={setKind} choices={ORGANISATION_KINDS} error={form.errors['org-type']} />
      <TextField id="org-nom" label="Nom" hint="Tel que les habitants le connaissent." value={name} onChange={setName} error={form.errors['org-nom']} />
      <SelectField
        id="org-commune"
        label="Commune"
        value={communeInsee}
        onChange={setCommuneInsee}
        error={form.errors['org-commune']}
        options={[{ value: '', label: 'Choisir…' }, ...communes.map((c) => ({ value: c.inseeCode, label: c.name }))]}
      />
      <TextField id="org-siret" label="SIRET" optional hint="14 chiffres." inputMode="numeric" value={siret} onChange={setSiret} error={form.errors['org-siret']} width="moyen" />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A new agent account for one organisation; the password link is sent to the agent's e-mail. */
export function AgentForm({ organisation, onCreated }: { organisation: Organisation; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm((f) => (f === 'displayName' ? 'agent-nom' : f === 'email' ? 'agent-email' : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const user = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!name.trim()) errors['agent-nom'] = 'Saisissez le prénom et le nom de l’agent.';
        if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors['agent-email'] = 'Saisissez une adresse e-mail valide, par exemple prenom.nom@mairie.fr.';
        return errors;
      },
      () => structureApi.createUser({ displayName: name.trim(), email: email.trim(), role: 'agent', organisationId: organisation.id }),
    );
    if (user) {
      setCreated(`Compte créé pour ${user.displayName} (${user.email}). Envoyez-lui maintenant le lien pour choisir son mot de passe, dans la liste ci-dessus (il part à son adresse e-mail).`);
      setName('');
      setEmail('');
      onCreated();
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-nouvel-agent">
      <h2 id="titre-nouvel-agent">Ajouter un agent à {organisation.name}</h2>
      <div role="status">{created ? <Notice kind="succes"><p>{created}</p></Notice> : null}</div>
      {form.summary}
      <TextField id="agent-nom" label="Prénom et nom" value={name} onChange={setName} error={form.errors['agent-nom']} autoComplete="off" width="moyen" />
      <TextField id="agent-email" label="Adresse e-mail professionnelle" type="email" value={email} onChange={setEmail} error={form.errors['agent-email']} autoComplete="off" width="moyen" />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Créer le compte de l’agent
        </button>
      </div>
    </form>
  );
}
