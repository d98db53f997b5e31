import { useState, type FormEvent } from 'react';
import { agentApi, type BeneficiaryDetails } from '../../../api/agent.ts';
import { Checkbox, TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { frenchPhone } from '../../../presenters/format.ts';
import { CONSENT_SENTENCES, consentWords, offeredChannels, type ReminderChannel } from '../../../presenters/person.ts';

const FIELDS: Record<string, string> = { phone: 'contact-telephone', email: 'contact-email', address: 'contact-adresse', reminderChannels: 'contact-rappels' };

/** Change the contact and the consent to reminders: one unticked box per channel given. */
export function ContactForm({ person, onSaved }: { person: BeneficiaryDetails; onSaved: (p: BeneficiaryDetails) => void }) {
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ phone: person.phone ? frenchPhone(person.phone) : '', email: person.email ?? '', address: person.address ?? '' });
  const [channels, setChannels] = useState<ReminderChannel[]>([]);
  const [saved, setSaved] = useState(false);
  const form = useForm((f) => FIELDS[f] ?? null);
  const offered = offeredChannels(v);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const toggle = (c: ReminderChannel) => (on: boolean) => setChannels((xs) => (on ? [...xs, c] : xs.filter((x) => x !== c)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const result = await form.run(
      () => ({}),
      () => agentApi.changeContact(person.id, { phone: v.phone || null, email: v.email || null, address: v.address || null, reminderChannels: channels.filter((c) => offered.includes(c)) }),
    );
    if (result) {
      onSaved(result);
      setSaved(true);
      setOpen(false);
      setChannels([]);
    }
  };

  return (
    <section aria-labelledby="titre-contact">
      <h2 id="titre-contact">Contact et rappels</h2>
      <dl className="recap">
        <dt>Téléphone</dt>
        <dd>{person.phone ? frenchPhone(person.phone) : 'non indiqué'}</dd>
        <dt>E-mail</dt>
        <dd>{person.email ?? 'non indiqué'}</dd>
        <dt>Adresse</dt>
        <dd>{person.address ?? 'non indiquée'}</dd>
        <dt>Rappels</dt>
        <dd>{consentWords(person)}</dd>
      </dl>
      {saved ? (
        <Notice kind="succes" title="Contact et accord enregistrés" live>
          <p>{consentWords(person)}</p>
        </Notice>
      ) : null}
      {!open ? (
        <div className="boutons">
          <button type="button" className="bouton--secondaire" onClick={() => { setOpen(true); setSaved(false); }}>
            Changer le contact ou l’accord aux rappels
          </button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          {form.summary}
          <p>Lisez chaque phrase à la personne et ne cochez que celles qu’elle accepte. Sans case cochée, elle ne recevra aucun rappel.</p>
          <TextField id="contact-telephone" label="Téléphone" optional type="tel" inputMode="tel" autoComplete="off" value={v.phone} onChange={set('phone')} error={form.errors['contact-telephone']} width="moyen" />
          <TextField id="contact-email" label="Adresse e-mail" optional type="email" autoComplete="off" spellCheck={false} value={v.email} onChange={set('email')} error={form.errors['contact-email']} />
          <TextField id="contact-adresse" label="Adresse postale" optional autoComplete="off" value={v.address} onChange={set('address')} error={form.errors['contact-adresse']} />
          <fieldset className="groupe" id="contact-rappels" tabIndex={-1}>
            <legend className="groupe__legende">Accord de la personne pour recevoir des rappels</legend>
            {form.errors['contact-rappels'] ? <p className="champ__erreur">{form.errors['contact-rappels']}</p> : null}
            {offered.length ? (
              offered.map((c) => <Checkbox key={c} id={`rappel-${c}`} label={CONSENT_SENTENCES[c]} checked={channels.includes(c)} onChange={toggle(c)} />)
            ) : (
              <p className="champ__aide">Indiquez un téléphone, un e-mail ou une adresse pour proposer des rappels.</p>
            )}
          </fieldset>
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Enregistrer le contact et l’accord
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setOpen(false)}>
              Annuler
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
