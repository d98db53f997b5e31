import type { ThemeList } from '../../api/mediator.ts';
import { CheckboxGroup } from '../../components/forms.tsx';

/**
 * The themes of a service: a short list (the structure's usual themes, plus any already chosen) and
 * « Autres thèmes » folded below with the rest of the list, so that a phone shows a few boxes, not thirty.
 */
export function ThemePicker({ idPrefix, themes, usual, values, onChange, error }: { idPrefix: string; themes: ThemeList; usual: string[]; values: string[]; onChange: (v: string[]) => void; error?: string }) {
  const short = themes.themes.filter((t) => usual.includes(t.id) || values.includes(t.id));
  const others = themes.themes.filter((t) => !short.includes(t));
  const othersChosen = values.filter((v) => others.some((o) => o.id === v)).length;
  return (
    <>
      <CheckboxGroup
        id={`${idPrefix}-mediation`}
        legend="Thématiques travaillées"
        hint="Les thématiques habituelles de votre structure ; les autres sont dans « Autres thèmes »."
        values={values}
        onChange={onChange}
        choices={short.map((t) => ({ value: t.id, label: t.label }))}
        error={error}
      />
      {others.length ? (
        <details className="autres-themes" open={othersChosen > 0}>
          <summary>
            Autres thèmes{othersChosen ? ` (${othersChosen} coché${othersChosen > 1 ? 's' : ''})` : ''}
          </summary>
          <CheckboxGroup id={`${idPrefix}-autres`} legend="Autres thèmes" values={values} onChange={onChange} choices={others.map((t) => ({ value: t.id, label: t.label }))} />
        </details>
      ) : null}
    </>
  );
}
