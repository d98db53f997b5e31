import type { Site, ThemeList } from '../../api/mediator.ts';
import { CheckboxGroup, RadioGroup, SelectField, type FieldErrors } from '../../components/forms.tsx';
import { DURATIONS, durationLabel, type ServiceForm } from '../../presenters/mediator.ts';

/** The service delivered: format, themes (the Coop's vocabulary), duration and site. */
export function ServiceFields({ form, onChange, themes, sites, errors }: { form: ServiceForm; onChange: (f: ServiceForm) => void; themes: ThemeList; sites: Site[]; errors: FieldErrors }) {
  const set = (patch: Partial<ServiceForm>) => onChange({ ...form, ...patch });
  const inGroup = (g: string) => themes.themes.filter((t) => t.group === g).map((t) => ({ value: t.id, label: t.label }));
  const groupLabel = (g: string) => themes.groups.find((x) => x.id === g)?.label ?? g;
  const demarches = inGroup('demarches');
  const demarchesChosen = form.themes.filter((t) => demarches.some((d) => d.value === t)).length;
  return (
    <>
      <RadioGroup
        id="format"
        legend="Format de l’accompagnement"
        value={form.format}
        onChange={(format) => set({ format })}
        choices={themes.formats.map((f) => ({ value: f.id, label: f.label }))}
        error={errors['format']}
      />
      <CheckboxGroup
        id="themes-mediation"
        legend={groupLabel('mediation')}
        hint="Cochez ce qui a été travaillé pendant la séance."
        values={form.themes}
        onChange={(themes) => set({ themes })}
        choices={inGroup('mediation')}
        error={errors['themes-mediation']}
      />
      <details open={demarchesChosen > 0}>
        <summary>
          {groupLabel('demarches')}
          {demarchesChosen ? ` (${demarchesChosen} cochée${demarchesChosen > 1 ? 's' : ''})` : ''}
        </summary>
        <CheckboxGroup id="themes-demarches" legend={`${groupLabel('demarches')} : précisez`} values={form.themes} onChange={(themes) => set({ themes })} choices={demarches} />
      </details>
      <SelectField
        id="duree"
        label="Durée"
        value={form.durationMinutes}
        onChange={(durationMinutes) => set({ durationMinutes })}
        options={[{ value: '', label: 'Choisir…' }, ...DURATIONS.map((d) => ({ value: String(d), label: durationLabel(d) }))]}
        error={errors['duree']}
      />
      <SelectField
        id="lieu"
        label="Lieu"
        value={form.siteId}
        onChange={(siteId) => set({ siteId })}
        options={[...(sites.length > 1 ? [{ value: '', label: 'Choisir…' }] : []), ...sites.map((s) => ({ value: s.id, label: `${s.name} — ${s.communeName ?? s.communeInsee}` }))]}
        error={errors['lieu']}
      />
    </>
  );
}
