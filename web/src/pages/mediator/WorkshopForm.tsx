import { useState, type FormEvent } from 'react';
import { mediatorApi, type Site, type ThemeList, type Workshop } from '../../api/mediator.ts';
import { SelectField, TextField, useForm } from '../../components/forms.tsx';
import { DURATIONS, durationLabel, siteOptions } from '../../presenters/mediator.ts';
import { ThemePicker } from './ThemePicker.tsx';

const FIELDS: Record<string, string> = { themes: 'atelier-themes-mediation', durationMinutes: 'atelier-duree', siteId: 'atelier-lieu', title: 'atelier-titre' };
const fieldOf = (f: string) => FIELDS[f] ?? null;

/** Starts a collective workshop: what was worked on, how long, where — once for all its participants. */
export function WorkshopForm({ themes, usual, sites, onStarted, onCancel }: { themes: ThemeList; usual: string[]; sites: Site[]; onStarted: (w: Workshop) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [duration, setDuration] = useState('');
  const [siteId, setSiteId] = useState(sites.length === 1 ? sites[0].id : '');
  const form = useForm(fieldOf);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const w = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (chosen.length === 0) errors['atelier-themes-mediation'] = 'Cochez au moins une thématique.';
        if (!duration) errors['atelier-duree'] = 'Choisissez la durée de l’atelier.';
        if (!siteId) errors['atelier-lieu'] = 'Choisissez le lieu de l’atelier.';
        return errors;
      },
      () => mediatorApi.createWorkshop({ title: title.trim() || undefined, themes: chosen, durationMinutes: Number(duration), siteId }),
    );
    if (w) onStarted(w);
  };
  return (
    <form onSubmit={submit} noValidate className="atelier-form">
      {form.summary}
      <TextField id="atelier-titre" label="Intitulé de l’atelier" optional width="moyen" value={title} onChange={setTitle} hint="Par exemple : « Atelier smartphone »." />
      <ThemePicker idPrefix="atelier-themes" themes={themes} usual={usual} values={chosen} onChange={setChosen} error={form.errors['atelier-themes-mediation']} />
      <SelectField
        id="atelier-duree"
        label="Durée de l’atelier"
        value={duration}
        onChange={setDuration}
        options={[{ value: '', label: 'Choisir…' }, ...DURATIONS.map((d) => ({ value: String(d), label: durationLabel(d) }))]}
        error={form.errors['atelier-duree']}
      />
      <SelectField id="atelier-lieu" label="Lieu" value={siteId} onChange={setSiteId} options={siteOptions(sites)} error={form.errors['atelier-lieu']} />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          {form.submitting ? 'Enregistrement…' : 'Commencer l’atelier'}
        </button>
        <button type="button" className="bouton--secondaire" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
