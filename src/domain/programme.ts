import { invalid } from './errors.ts';
import { checkPhone, EMAIL } from './structure.ts';

/** The programme's public face: the help line printed on booklets and pages, and the logo of the header. */
export interface ProgrammeSettings {
  helpPhone: string | null;
  helpEmail: string | null;
  helpAddress: string | null;
  /** A PNG or JPEG as a data URL (served with the pages: no outside address for visitors' browsers to call). */
  logo: string | null;
}

export const LOGO_MAX_BYTES = 100_000;

/** The logo's bytes checked by content: a PNG or a JPEG, at most 100 KB. */
function checkLogo(logo: string | null): string | null {
  if (!logo) return null;
  const m = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(logo);
  if (!m) throw invalid('logo', 'Le logo doit être une image PNG ou JPEG.');
  const bytes = Buffer.from(m[2], 'base64');
  if (bytes.length > LOGO_MAX_BYTES) throw invalid('logo', 'Le logo dépasse 100 Ko : choisissez une image plus légère.');
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!(m[1] === 'image/png' ? png : jpeg)) throw invalid('logo', 'Le contenu du fichier ne correspond pas à une image PNG ou JPEG.');
  return logo;
}

export function validateProgrammeSettings(p: ProgrammeSettings): ProgrammeSettings {
  const helpEmail = p.helpEmail?.trim() ? p.helpEmail.trim().toLowerCase() : null;
  if (helpEmail && !EMAIL.test(helpEmail)) throw invalid('helpEmail', 'L’adresse e-mail d’aide n’est pas valide.');
  const helpAddress = p.helpAddress?.trim() ? p.helpAddress.trim() : null;
  if (helpAddress && helpAddress.length > 200) throw invalid('helpAddress', 'L’adresse postale d’aide ne dépasse pas 200 caractères.');
  return { helpPhone: checkPhone('helpPhone', p.helpPhone), helpEmail, helpAddress, logo: checkLogo(p.logo) };
}
