import { SERVICE_FORMAT_LABELS, SERVICE_FORMATS, THEME_GROUP_LABELS, THEMES, type ThemeGroup } from '../../domain/themes.ts';

/** The closed list of themes and formats a redemption records, with their French labels. */
export function listThemes() {
  return {
    groups: (Object.keys(THEME_GROUP_LABELS) as ThemeGroup[]).map((id) => ({ id, label: THEME_GROUP_LABELS[id] })),
    themes: THEMES.map((t) => ({ id: t.id, label: t.label, group: t.group })),
    formats: SERVICE_FORMATS.map((id) => ({ id, label: SERVICE_FORMAT_LABELS[id] })),
  };
}
