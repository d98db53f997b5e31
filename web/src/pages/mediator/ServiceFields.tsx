import type { Site, ThemeList } from '../../api/mediator.ts';
import { RadioGroup, SelectField, type FieldErrors } from '../../components/forms.tsx';
import { DURATIONS, durationLabel, siteOptions, type ServiceForm } from '../../presenters/mediator.ts';
import { ThemePicker } from './ThemePicker.tsx';

/** The service delivered: format, themes (the Coop's vocabulary, usual ones first), duration and site. */
export function ServiceFields({ form, onChange, themes, usual, sites, errors }: { form: ServiceForm; onChange: (f: ServiceForm) => void; themes: ThemeList; usual: string[]; sites: Site[]; errors: FieldErrors }) {
  const set = (patch: Partial<ServiceForm>) => onChange({ ...form, ...patch });
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
      <ThemePicker idPrefix="themes" themes={themes} usual={usual} values={form.themes} onChange={(t) => set({ themes: t })} error={errors['themes-mediation']} />
      <SelectField
        id="duree"
        label="Durée"
        value={form.durationMinutes}
        onChange={(durationMinutes) => set({ durationMinutes })}
        options={[{ value: '', label: 'Choisir…' }, ...DURATIONS.map((d) => ({ value: String(d), label: durationLabel(d) }))]}
        error={errors['duree']}
      />
      <SelectField id="lieu" label="Lieu" value={form.siteId} onChange={(siteId) => set({ siteId })} options={siteOptions(sites)} error={errors['lieu']} />
    </>
  );
}
