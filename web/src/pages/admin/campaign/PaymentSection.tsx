import { useState, type FormEvent } from 'react';
import { adminApi, type Campaign } from '../../../api/admin.ts';
import { financeApi, type PaymentMode, type PaymentSettings } from '../../../api/finance.ts';
import { RadioGroup, TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { useLoad } from '../../finance/use-load.ts';

// How the territory pays its structures (issue #17, point 5): the mode (admin), and each
// campaign's budget year and imputation, which every mandat of the campaign carries.

const MODE_HINTS: Record<PaymentMode, string> = {
  mandat: 'Le service financier crée les mandats dans son logiciel à partir du fichier des mandats ; le comptable public les paie.',
  sepa: 'L’opérateur du programme (association, SPL) envoie lui-même un fichier de virements à sa banque.',
};

/** The territory's payment mode, on the campaigns page (admin). */
export function PaymentModeSection() {
  const settings = useLoad(() => financeApi.paymentSettings(), []);
  const [mode, setMode] = useState<PaymentMode | null>(null);
  const [saved, setSaved] = useState(false);
  const f = useForm((field) => (field === 'mode' ? 'mode-paiement' : null));
  const current: PaymentSettings | null = settings.data;
  if (!current) return settings.error ? <Notice kind="erreur"><p>{settings.error}</p></Notice> : null;
  const chosen = mode ?? current.mode;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const done = await f.run(() => ({}), () => financeApi.setPaymentMode(chosen));
    if (done) {
      settings.setData(done);
      setSaved(true);
    }
  };
  return (
    <section aria-labelledby="titre-mode-paiement">
      <h2 id="titre-mode-paiement">Paiement des structures</h2>
      <div role="status">
        {saved ? (
          <Notice kind="succes">
            <p>Mode de paiement enregistré : {current.label}. Les ordres déjà préparés gardent le leur.</p>
          </Notice>
        ) : null}
      </div>
      <form onSubmit={submit} noValidate>
        {f.summary}
        <RadioGroup
          id="mode-paiement"
          legend="Comment le territoire paie les structures"
          value={chosen}
          onChange={(v) => setMode(v as PaymentMode)}
          error={f.errors['mode-paiement']}
          choices={current.choices.map((c) => ({ value: c.value, label: c.label, hint: MODE_HINTS[c.value] }))}
        />
        <div className="boutons">
          <button type="submit" className="bouton--secondaire" disabled={f.submitting}>
            Enregistrer le mode de paiement
          </button>
        </div>
      </form>
    </section>
  );
}

const IMPUTATION_FIELDS: Record<string, string> = { budgetYear: 'exercice', nature: 'nature', fonction: 'fonction' };

/** The budget year and imputation of a campaign's mandats, editable whatever the campaign's status. */
export function ImputationSection({ campaign, onSaved }: { campaign: Campaign; onSaved: (c: Campaign) => void }) {
  const [budgetYear, setBudgetYear] = useState(String(campaign.imputation?.budgetYear ?? campaign.year));
  const [nature, setNature] = useState(campaign.imputation?.nature ?? '');
  const [fonction, setFonction] = useState(campaign.imputation?.fonction ?? '');
  const [saved, setSaved] = useState(false);
  const f = useForm((field) => IMPUTATION_FIELDS[field] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const done = await f.run(
      () => {
        const errors: Record<string, string> = {};
        if (!/^\d{4}$/.test(budgetYear.trim())) errors['exercice'] = 'Saisissez l’exercice budgétaire (une année sur 4 chiffres).';
        if (!nature.trim()) errors['nature'] = 'Saisissez le compte de nature (par exemple 6574).';
        if (!fonction.trim()) errors['fonction'] = 'Saisissez la fonction (par exemple 312).';
        return errors;
      },
      () => adminApi.setImputation(campaign.id, { budgetYear: Number(budgetYear.trim()), nature: nature.trim(), fonction: fonction.trim() }),
    );
    if (done) {
      onSaved(done);
      setSaved(true);
    }
  };
  return (
    <section aria-labelledby="titre-imputation">
      <h2 id="titre-imputation">Imputation budgétaire des mandats</h2>
      <p>Chaque mandat de remboursement de cette campagne porte cet exercice et cette imputation (nomenclature M57 ou M14).</p>
      <div role="status">
        {saved ? (
          <Notice kind="succes">
            <p>Imputation enregistrée.</p>
          </Notice>
        ) : null}
      </div>
      {campaign.imputation === null ? (
        <Notice kind="attention">
          <p>Imputation à renseigner : le fichier des mandats ne peut pas être produit sans elle.</p>
        </Notice>
      ) : null}
      <form onSubmit={submit} noValidate>
        {f.summary}
        <TextField id="exercice" label="Exercice budgétaire" value={budgetYear} onChange={setBudgetYear} error={f.errors['exercice']} width="court" inputMode="numeric" />
        <TextField id="nature" label="Nature (compte de charge)" hint="Classe 6, 3 à 7 chiffres, par exemple 6574." value={nature} onChange={setNature} error={f.errors['nature']} width="court" inputMode="numeric" />
        <TextField id="fonction" label="Fonction" hint="1 à 4 chiffres, par exemple 312." value={fonction} onChange={setFonction} error={f.errors['fonction']} width="court" inputMode="numeric" />
        <div className="boutons">
          <button type="submit" className="bouton--secondaire" disabled={f.submitting}>
            Enregistrer l’imputation
          </button>
        </div>
      </form>
    </section>
  );
}
