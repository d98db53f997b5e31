import { useMemo, useState, type FormEvent } from 'react';
import { PRIORITY_MARKERS, type PriorityMarker } from '../../../../../src/domain/person.ts';
import { agentApi } from '../../../api/agent.ts';
import { ApiError } from '../../../api/client.ts';
import { Notice } from '../../../components/Notice.tsx';
import { Checkbox, CheckboxGroup, RadioGroup, TextField, useForm } from '../../../components/forms.tsx';
import { Link, navigate } from '../../../app/router.tsx';
import { parseFrenchDate } from '../../../presenters/format.ts';
import { CONSENT_SENTENCES, offeredChannels, resumeIntakePath, type ReminderChannel } from '../../../presenters/person.ts';
import type { StepProps } from './state.ts';

const FIELD_OF: Record<string, string> = {
  firstName: 'prenom',
  birthName: 'nom-naissance',
  usageName: 'nom-usage',
  birthDate: 'naissance',
  communeInsee: 'commune',
  phone: 'telephone',
  email: 'email',
  consent: 'consentement',
  reminderChannels: 'rappels',
};

/** Step 2: who the person is and where they live (postal code first, then the commune). */
export function IdentityStep({ reference, update, go }: StepProps) {
  const [v, setV] = useState({ firstName: '', birthName: '', usageName: '', birthDate: '', postalCode: '', communeInsee: '', phone: '', email: '' });
  // Consent to reminders is asked channel by channel and never ticked in advance.
  const [channels, setChannels] = useState<ReminderChannel[]>([]);
  const offered = offeredChannels(v);
  const [consent, setConsent] = useState(false);
  const [markers, setMarkers] = useState<string[]>([]);
  // Already registered by this organisation: the agent resumes that record instead.
  const [existingId, setExistingId] = useState<string | null>(null);
  const form = useForm((f) => FIELD_OF[f] ?? null);
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));

  // Postal codes are shared between communes: the agent picks the commune among those of the code.
  const matches = useMemo(() => {
    const code = v.postalCode.trim();
    return /^\d{5}$/.test(code) ? reference.communes.filter((c) => c.postalCodes.includes(code)).sort((a, b) => a.name.localeCompare(b.name, 'fr')) : [];
  }, [v.postalCode, reference.communes]);
  const communeInsee = matches.length === 1 ? matches[0].inseeCode : matches.some((c) => c.inseeCode === v.communeInsee) ? v.communeInsee : '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const birthDate = parseFrenchDate(v.birthDate);
    const result = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!v.firstName.trim()) errors.prenom = 'Saisissez le prénom.';
        if (!v.birthName.trim()) errors['nom-naissance'] = 'Saisissez le nom de naissance.';
        if (!birthDate) errors.naissance = 'Saisissez la date de naissance au format JJ/MM/AAAA, par exemple 14/07/1958.';
        if (!/^\d{5}$/.test(v.postalCode.trim())) errors['code-postal'] = 'Saisissez le code postal à 5 chiffres, par exemple 62800.';
        else if (!matches.length) errors['code-postal'] = 'Aucune commune du territoire n’a ce code postal : la personne ne peut pas recevoir ce pass.';
        else if (!communeInsee) errors.commune = 'Choisissez la commune où habite la personne.';
        if (!consent) errors.consentement = 'Informez la personne et cochez la case : sans son accord, rien ne peut être enregistré.';
        return errors;
      },
      () =>
        agentApi
          .register({
          firstName: v.firstName.trim(),
          birthName: v.birthName.trim(),
          ...(v.usageName.trim() ? { usageName: v.usageName.trim() } : {}),
          birthDate: birthDate!,
          communeInsee,
          ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
          ...(v.email.trim() ? { email: v.email.trim() } : {}),
          reminderChannels: channels.filter((c) => offered.includes(c)),
          consent: true,
          priorityMarkers: markers as PriorityMarker[],
        })
          .catch((e: unknown) => {
            if (e instanceof ApiError && typeof e.details.existingId === 'string') setExistingId(e.details.existingId);
            throw e;
          }),
    );
    if (!result) return;
    update({
      person: {
        id: result.id,
        firstName: v.firstName.trim(),
        birthName: v.birthName.trim(),
        usageName: v.usageName.trim() || null,
        birthDate: birthDate!,
        communeInsee,
        communeName: result.communeName,
      },
      existingBooklets: result.existingBooklets ?? [],
    });
    go('equipement');
  };

  // The same path as « Reprendre l’accueil »: the baseline's version and today's answers are loaded.
  const resume = () => navigate(resumeIntakePath(existingId!));

  return (
    <>
      {form.summary}
      {existingId ? (
        <Notice kind="attention" title="Cette personne est déjà enregistrée par votre organisation">
          <div className="boutons">
            <button type="button" onClick={resume}>
              Reprendre son dossier
            </button>
          </div>
        </Notice>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField id="prenom" label="Prénom" autoComplete="off" value={v.firstName} onChange={set('firstName')} error={form.errors.prenom} width="moyen" />
        <TextField id="nom-naissance" label="Nom de naissance" hint="Celui qui figure sur l’acte de naissance." autoComplete="off" value={v.birthName} onChange={set('birthName')} error={form.errors['nom-naissance']} width="moyen" />
        <TextField id="nom-usage" label="Nom d’usage" optional hint="Par exemple le nom d’époux ou d’épouse." autoComplete="off" value={v.usageName} onChange={set('usageName')} error={form.errors['nom-usage']} width="moyen" />
        <TextField id="naissance" label="Date de naissance" hint="Au format JJ/MM/AAAA, par exemple 14/07/1958." inputMode="numeric" autoComplete="off" value={v.birthDate} onChange={set('birthDate')} error={form.errors.naissance} width="court" />
        <TextField id="code-postal" label="Code postal du domicile" hint="Plusieurs communes peuvent partager un code postal : vous choisirez ensuite la commune." inputMode="numeric" autoComplete="off" maxLength={5} value={v.postalCode} onChange={set('postalCode')} error={form.errors['code-postal']} width="court" />
        {matches.length ? (
          <RadioGroup
            id="commune"
            legend={matches.length === 1 ? 'Commune' : 'Dans quelle commune habite la personne ?'}
            value={communeInsee}
            onChange={set('communeInsee')}
            error={form.errors.commune}
            choices={matches.map((c) => ({ value: c.inseeCode, label: c.name }))}
          />
        ) : null}
        <h3>Pour les rappels</h3>
        <TextField id="telephone" label="Téléphone portable" optional hint="Pour un SMS de rappel avant la séance et avant la fin de validité des tickets." type="tel" inputMode="tel" autoComplete="off" value={v.phone} onChange={set('phone')} error={form.errors.telephone} width="moyen" />
        <TextField id="email" label="Adresse e-mail" optional type="email" autoComplete="off" spellCheck={false} value={v.email} onChange={set('email')} error={form.errors.email} />
        {offered.length ? (
          <fieldset className="groupe" id="rappels" tabIndex={-1}>
            <legend className="groupe__legende">Lisez chaque phrase à la personne ; cochez seulement celles qu’elle accepte</legend>
            {form.errors.rappels ? <p className="champ__erreur">{form.errors.rappels}</p> : null}
            {offered.map((c) => (
              <Checkbox key={c} id={`rappels-${c}`} label={CONSENT_SENTENCES[c]} checked={channels.includes(c)} onChange={(on) => setChannels((xs) => (on ? [...xs, c] : xs.filter((x) => x !== c)))} />
            ))}
          </fieldset>
        ) : null}
        <CheckboxGroup
          id="prioritaire"
          legend="Public prioritaire"
          hint="Cochez ce que la personne vous a indiqué. Cela sert aux statistiques du programme, jamais à refuser un carnet."
          values={markers}
          onChange={setMarkers}
          choices={PRIORITY_MARKERS.map((m) => ({ value: m.id, label: m.label }))}
        />
        <Checkbox
          id="consentement"
          label="J’ai informé la personne de l’enregistrement de ses données pour le pass numérique, et elle l’accepte."
          hint={
            <>
              Ce qui est enregistré, pourquoi et pour combien de temps : <Link to="/donnees-personnelles" target="_blank">données personnelles</Link> (s’ouvre dans un nouvel onglet).
            </>
          }
          checked={consent}
          onChange={setConsent}
          error={form.errors.consentement}
        />
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Enregistrer et continuer
          </button>
          <button type="button" className="bouton--secondaire" onClick={() => go('recherche')}>
            Revenir à la recherche
          </button>
        </div>
      </form>
    </>
  );
}
