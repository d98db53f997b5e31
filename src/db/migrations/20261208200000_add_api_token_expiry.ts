import type { Kysely } from 'kysely';

// Integration tokens expire (issue 19, finding 9): a token forgotten in a retired tool stops
// working by itself. Tokens created before this migration get the default validity, one year from
// their creation; a token without an expiry date is refused (authenticate.ts), so none may stay null.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  const rows = await db.selectFrom('api_tokens').select(['id', 'created_at']).execute();
  for (const row of rows as { id: string; created_at: string }[]) {
    const expires = new Date(row.created_at);
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    await db.updateTable('api_tokens').set({ expires_at: expires.toISOString() }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
