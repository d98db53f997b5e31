import { SERVICES } from '../../../../src/domain/mediation-enums.ts';
import { PROFILE_LABELS } from '../../../../src/domain/diagnostic.ts';
import { ELIGIBILITY_RULE_TEXT, ELIGIBILITY_RULES } from '../../../../src/domain/eligibility.ts';
import { Checkbox, CheckboxGroup, RadioGroup, SelectField, TextField, type FieldErrors } from '../../components/forms.tsx';
import { CAMPAIGN_FIELDS as F, type CampaignForm } from '../../presenters/admin.ts';

/** The campaign's settings: vintage, booklet, dates, budget, eligible services, threshold and eligibility rule, quotas. */
export function CampaignFields({ form, onChange, errors }: { form: CampaignForm; onChange: (f: CampaignForm) => void; errors: FieldErrors }) {
  const set = (patch: Partial<CampaignForm>) => onChange({ ...form, ...patch });
  const text = (key: keyof CampaignForm, apiKey: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField id={F[apiKey]} label={label} value={form[key] as string} onChange={(v) => set({ [key]: v } as Partial<CampaignForm>)} error={errors[F[apiKey]]} {...extra} />
  );
  return (
    <>
      {text('name', 'name', 'Nom de la campagne')}
      <div className="en-ligne">
        {text('year', 'year', 'Millésime', { width: 'court', inputMode: 'numeric' })}
        {text('ticketsPerBooklet', 'ticketsPerBooklet', 'Tickets par carnet', { width: 'court', inputMode: 'numeric' })}
        {text('faceValue', 'faceValueCents', 'Valeur d’un ticket (€)', { width: 'court', inputMode: 'decimal' })}
      </div>
      <div className="en-ligne">
        {text('issuanceStart', 'issuanceStart', 'Début de la distribution', { type: 'date', width: 'moyen' })}
        {text('issuanceEnd', 'issuanceEnd', 'Fin de la distribution', { type: 'date', width: 'moyen' })}
      </div>
      <div className="en-ligne">
        {text('validityEnd', 'validityEnd', 'Fin de validité des tickets (incluse)', { type: 'date', width: 'moyen' })}
        {text('claimDeadline', 'claimDeadline', 'Date limite des demandes de remboursement', { type: 'date', width: 'moyen' })}
      </div>
      {text('budget', 'budgetCents', 'Budget (€)', { width: 'moyen', inputMode: 'decimal', hint: 'Par exemple 150 000,00.' })}
      <CheckboxGroup
        id={F.eligibleServices}
        legend="Services payables avec les tickets"
        values={form.eligibleServices}
        onChange={(eligibleServices) => set({ eligibleServices })}
        choices={SERVICES.map((s) => ({ value: s, label: s }))}
        error={errors[F.eligibleServices]}
      />
      <SelectField
        id={F.diagnosticThreshold}
        label="Seuil du diagnostic"
        hint="Le niveau d’autonomie jusqu’auquel un carnet est remis, lu selon la règle ci-dessous (dérogation possible avec un motif)."
        value={form.diagnosticThreshold}
        onChange={(diagnosticThreshold) => set({ diagnosticThreshold })}
        options={Object.entries(PROFILE_LABELS).map(([value, label]) => ({ value, label }))}
        error={errors[F.diagnosticThreshold]}
      />
      <RadioGroup
        id={F.eligibilityRule}
        legend="Comment le diagnostic décide qui peut recevoir un carnet"
        hint="Le diagnostic donne un niveau dans chacun des cinq domaines (utiliser un appareil, trouver une information, communiquer, faire une démarche en ligne, se protéger)."
        value={form.eligibilityRule}
        onChange={(eligibilityRule) => set({ eligibilityRule: eligibilityRule as CampaignForm['eligibilityRule'] })}
        choices={ELIGIBILITY_RULES.map((value) => ({ value, ...ELIGIBILITY_RULE_TEXT[value] }))}
        error={errors[F.eligibilityRule]}
      />
      <Checkbox id="remplacement" label="Un carnet perdu peut être remplacé (tickets non utilisés)" checked={form.allowReplacement} onChange={(allowReplacement) => set({ allowReplacement })} />
      <div className="en-ligne">
        {text('quotaFixed', 'quotaFixed', 'Carnets par commune (part fixe)', { width: 'court', inputMode: 'numeric' })}
        {text('quotaWeightedTotal', 'quotaWeightedTotal', 'Carnets répartis selon les critères sociaux (part pondérée)', { width: 'court', inputMode: 'numeric', hint: 'Répartis selon le chiffre de chaque commune, que vous importez ou saisissez dans la section « Part pondérée » de la page de la campagne : laissez 0 tant que ces chiffres ne sont pas saisis.' })}
      </div>
    </>
  );
}
