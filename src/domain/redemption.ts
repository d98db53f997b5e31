// What a redemption request carries: the codes of one booklet and the service delivered (the
// "mini compte-rendu" of the session, in the Coop's vocabulary), checked before any write.
import { invalid } from './errors.ts';
import { parseCode } from './ticket-code.ts';
import { isThemeId, SERVICE_FORMATS, type ServiceFormat, type ThemeId } from './themes.ts';

export const MAX_CODES_PER_REDEMPTION = 50;
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 600;

export interface ServiceInput { format: string; themes: string[]; durationMinutes: number; siteId: string }
export interface Service { format: ServiceFormat; themes: ThemeId[]; durationMinutes: number; siteId: string }

export function validateService(s: ServiceInput): Service {
  if (!(SERVICE_FORMATS as readonly string[]).includes(s.format)) {
    throw invalid('service.format', 'Choisissez le format : accompagnement individuel ou atelier collectif.');
  }
  const themes = [...new Set(s.themes)];
  if (themes.length === 0) throw invalid('service.themes', 'Choisissez au moins une thématique.');
  const unknown = themes.find((t) => !isThemeId(t));
  if (unknown) throw invalid('service.themes', `La thématique « ${unknown} » n’existe pas dans la liste.`);
  if (!Number.isInteger(s.durationMinutes) || s.durationMinutes < MIN_DURATION_MINUTES || s.durationMinutes > MAX_DURATION_MINUTES) {
    throw invalid('service.durationMinutes', `La durée doit être comprise entre ${MIN_DURATION_MINUTES} minutes et ${MAX_DURATION_MINUTES / 60} heures.`);
  }
  return { format: s.format as ServiceFormat, themes: themes as ThemeId[], durationMinutes: s.durationMinutes, siteId: s.siteId };
}

export type ParsedCodes = { codes: { code: string; position: number }[]; invalidPositions: number[] };

/**
 * Normalises the typed or scanned codes; repeated codes count once. Positions (1-based) of codes
 * that are malformed or fail their check character are returned, without saying which failure.
 */
export function parseCodes(inputs: string[]): ParsedCodes {
  if (inputs.length === 0) throw invalid('codes', 'Indiquez au moins un code de ticket.');
  if (inputs.length > MAX_CODES_PER_REDEMPTION) {
    throw invalid('codes', `Au plus ${MAX_CODES_PER_REDEMPTION} tickets par utilisation.`);
  }
  const codes: ParsedCodes['codes'] = [];
  const invalidPositions: number[] = [];
  inputs.forEach((input, i) => {
    const parsed = parseCode(input);
    if (!parsed.ok) invalidPositions.push(i + 1);
    else if (!codes.some((c) => c.code === parsed.code)) codes.push({ code: parsed.code, position: i + 1 });
  });
  return { codes, invalidPositions };
}
