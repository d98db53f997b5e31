import type { TerritoryTable } from '../../db/schema.ts';

/** The programme's help contact of a territory (booklets, mediators' notices, public pages). */
export function territoryContact(t: Pick<TerritoryTable, 'name' | 'help_phone' | 'help_email' | 'help_address'>) {
  return { territoryName: t.name, phone: t.help_phone, email: t.help_email, address: t.help_address };
}
