import { useState, type FormEvent } from 'react';
import { LOGO_MAX_BYTES } from '../../../../src/domain/programme.ts';
import { adminApi, type ProgrammeSettings } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { FileField, fileBase64, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchPhone } from '../../presenters/format.ts';
import { useLoad } from '../finance/use-load.ts';

const FIELD: Record<string, string> = {
  helpPhone: 'telephone',
  helpEmail: 'courriel',
  helpAddress: 'adresse',
  logo: 'logo',
};

/** The programme's public face: the help line printed on every booklet and the header's logo. */
export default function Programme() {
  const { refresh } = useSession();
  const { data, error, setData } = useLoad(adminApi.programme, []);
  return (
    <Page
      title="Le programme"
      lead="Le contact d’aide imprimé sur chaque carnet et affiché en bas des pages publiques, et le logo de l’en-tête."
    >
      {error ? (
        <Notice kind="erreur" title="Chargement impossible">
          <p>{error}</p>
        </Notice>
      ) : null}
      {data ? (
        <ProgrammeForm
          initial={data}
          onSaved={(s) => {
            setData(s);
            void refresh();
          }}
        />
      ) : error ? null : (
        <Loading />
      )}
    </Page>
  );
}

function ProgrammeForm({
  initial,
  onSaved,
}: {
  initial: ProgrammeSettings;
  onSaved: (s: ProgrammeSettings) => void;
}) {
  const [phone, setPhone] = useState(initial.helpPhone ? frenchPhone(initial.helpPhone) : '');
  const [email, setEmail] = useState(initial.helpEmail ?? '');
  const [address, setAddress] = useState(initial.helpAddress ?? '');
  const [logo, setLogo] = useState<string | null>(initial.logo);
  const [saved, setSaved] = useState(false);
  const form = useForm((f) => FIELD[f] ?? null);

  const chooseLogo = async (file: File | null) => {
    form.setErrors({});
    if (!file) return;
    if (file.size > LOGO_MAX_BYTES)
      return form.setErrors({ logo: 'Le logo dépasse 100 Ko : choisissez une image plus légère.' });
    setLogo(`data:${file.type};base64,${await fileBase64(file)}`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = {
      helpPhone: phone.trim() || null,
      helpEmail: email.trim() || null,
      helpAddress: address.trim() || null,
      logo,
    };
    const done = await form.run(
      () => ({}),
      () => adminApi.updateProgramme(body),
    );
    if (done) {
      setSaved(true);
      onSaved(done);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <div role="status">
        {saved ? (
          <Notice kind="succes" title="Enregistré">
            <p>Les prochains carnets imprimés porteront ce contact ; les pages publiques l’affichent déjà.</p>
          </Notice>
        ) : null}
      </div>
      {form.summary}
      <h2>Contact d’aide</h2>
      <TextField
        id="telephone"
        label="Téléphone"
        hint="Par exemple 03 21 00 00 00."
        type="tel"
        autoComplete="off"
        width="court"
        optional
        value={phone}
        onChange={setPhone}
        error={form.errors['telephone']}
      />
      <TextField
        id="courriel"
        label="Adresse e-mail"
        type="email"
        autoComplete="off"
        optional
        value={email}
        onChange={setEmail}
        error={form.errors['courriel']}
      />
      <TextField
        id="adresse"
        label="Adresse postale"
        hint="Où écrire ou venir poser une question."
        optional
        value={address}
        onChange={setAddress}
        error={form.errors['adresse']}
      />
      <h2>Logo</h2>
      {logo ? (
        <p>
          <img src={logo} alt="Le logo actuel" className="apercu-logo" />{' '}
          <button type="button" className="bouton--secondaire" onClick={() => setLogo(null)}>
            Retirer le logo
          </button>
        </p>
      ) : (
        <p>Aucun logo : l’en-tête affiche le nom du territoire seul.</p>
      )}
      <FileField
        id="logo"
        label="Choisir un logo"
        hint="PNG ou JPEG, 100 Ko au plus. Le nom du territoire reste écrit à côté."
        accept="image/png,image/jpeg"
        onChange={(f) => void chooseLogo(f)}
        error={form.errors['logo']}
      />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Enregistrer
        </button>
      </div>
    </form>
  );
}
