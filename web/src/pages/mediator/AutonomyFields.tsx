import type { ThemeList } from '../../api/mediator.ts';
import { RadioGroup } from '../../components/forms.tsx';

const LEVELS = [
  { value: 'EntierementAccompagne', label: 'Avec guidage' },
  { value: 'PartiellementAutonome', label: 'Autonome avec guidage en cas de besoin' },
  { value: 'Autonome', label: 'Autonome' },
];

/**
 * The person's autonomy on each theme worked in this session, on the Coop's scale (issue #18,
 * item 3): an observed measure at every session, at no extra visit. Optional: a theme left blank
 * records nothing.
 */
export function AutonomyFields({ themes, chosen, value, onChange }: { themes: ThemeList; chosen: string[]; value: Record<string, string>; onChange: (v: Record<string, string>) => void }) {
  if (!chosen.length) return null;
  return (
    <fieldset className="groupe">
      <legend className="groupe__legende">Autonomie de la personne, par thématique travaillée (facultatif)</legend>
      {chosen.map((id) => (
        <RadioGroup
          key={id}
          id={`autonomie-${id}`}
          legend={themes.themes.find((t) => t.id === id)?.label ?? id}
          inline
          value={value[id] ?? ''}
          onChange={(level) => onChange({ ...value, [id]: level })}
          choices={LEVELS}
        />
      ))}
    </fieldset>
  );
}

/** The levels to send with the redemption: the themes still checked that have a level. */
export function autonomyOf(value: Record<string, string>, chosen: string[]) {
  return chosen.filter((t) => value[t]).map((theme) => ({ theme, level: value[theme] as 'Autonome' }));
}
