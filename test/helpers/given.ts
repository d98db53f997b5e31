import type { CampaignTable, Role, StructureTable } from '../../src/db/schema.ts';
import { personKey as computePersonKey, searchText } from '../../src/domain/person.ts';
import { hashPassword } from '../../src/usecases/administration/create-user.ts';
import { CALL_SIREN } from '../../src/demo/seed-foundation.ts';
import { importTerritory } from '../../src/usecases/administration/import-territory.ts';
import { mintBooklets, type MintedBooklet } from '../../src/usecases/support/mint-booklets.ts';
import { withStats } from '../../src/repositories/stats.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';

// Factories with complete defaults: each returns the ids it created. They write rows directly
// (not through use cases) so that a test states only what matters to it.

let counter = 0;
const next = () => ++counter;
let cachedPasswordHash: Promise<string> | null = null;
export const TEST_PASSWORD = 'passnum-demo';

export function given(deps: Deps) {
  const now = () => deps.now().toISOString();
  return {
    /** The CALL territory (imported from @etalab/decoupage-administratif), once per database. */
    async territory(code = CALL_SIREN): Promise<string> {
      return (await importTerritory(deps, { code })).id;
    },

    async organisation(p: { territoryId: string; communeInsee?: string; name?: string; kind?: string }): Promise<string> {
      const id = deps.newId();
      // One mairie per commune (index one_mairie_per_commune): without a commune named, a CCAS, of which a commune may have several.
      await deps.db
        .insertInto('organisations')
        .values({ id, territory_id: p.territoryId, kind: p.kind ?? (p.communeInsee ? 'mairie' : 'ccas'), name: p.name ?? `Mairie ${next()}`, commune_insee: p.communeInsee ?? '62498', siret: null, created_at: now() })
        .execute();
      return id;
    },

    async user(p: { territoryId: string; role: Role; organisationId?: string; structureId?: string; email?: string }): Promise<{ id: string; email: string }> {
      cachedPasswordHash ??= hashPassword(TEST_PASSWORD);
      const id = deps.newId();
      const email = p.email ?? `${p.role}.${next()}@test.passnum.fr`;
      await deps.db
        .insertInto('users')
        .values({
          id, territory_id: p.territoryId, email, display_name: email, role: p.role,
          organisation_id: p.organisationId ?? null, structure_id: p.structureId ?? null,
          password_hash: await cachedPasswordHash, totp_secret: null, totp_enabled: 0, recovery_codes: '[]',
          disabled_at: null, created_at: now(),
        })
        .execute();
      return { id, email };
    },

    async campaign(p: { territoryId: string } & Partial<CampaignTable> & { quotas?: Record<string, number> }): Promise<CampaignTable> {
      const { quotas, territoryId: _t, ...overrides } = p;
      const row: CampaignTable = {
        id: deps.newId(),
        territory_id: p.territoryId,
        name: `Campagne ${next()}`,
        year: 2026,
        status: 'open',
        tickets_per_booklet: 5,
        face_value_cents: 1000,
        issuance_start: '2026-01-01',
        issuance_end: '2026-12-31',
        validity_end: '2027-01-31',
        claim_deadline: '2027-03-31',
        budget_cents: 10_000_000,
        eligible_services: JSON.stringify(['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives']),
        diagnostic_threshold: 'intermediaire',
        quota_fixed: 10,
        quota_weighted_total: 0,
        allow_replacement: 1,
        created_at: now(),
        updated_at: now(),
        ...overrides,
      };
      await deps.db.insertInto('campaigns').values(row).execute();
      const communes = await deps.db.selectFrom('communes').select('insee_code').where('territory_id', '=', p.territoryId).execute();
      if (communes.length) {
        await deps.db
          .insertInto('commune_quotas')
          .values(communes.map((c) => ({ campaign_id: row.id, commune_insee: c.insee_code, weight: 0, quota: quotas?.[c.insee_code] ?? row.quota_fixed, issued: 0 })))
          .execute();
      }
      return row;
    },

    /** A structure with one site, accredited for the given campaigns. */
    async structure(p: { territoryId: string; accreditedFor?: string[]; communeInsee?: string } & Partial<StructureTable>): Promise<{ id: string; siteId: string }> {
      const { accreditedFor, communeInsee, territoryId: _t, ...overrides } = p;
      const id = deps.newId();
      const n = next();
      await deps.db
        .insertInto('structures')
        .values({
          id, territory_id: p.territoryId, siret: String(10_000_000_000_000 + n), name: `Structure ${n}`,
          typology: 'EPN', email: null, phone: '+33321000000', website: null, presentation: null,
          services: 'Maîtrise des outils numériques du quotidien|Aide aux démarches administratives',
          publics: '', specific_support: '', fees: 'Gratuit sous condition', national_programmes: '', access_modes: 'Se présenter',
          support_modes: 'Accompagnement individuel|Dans un atelier collectif', iban: null, bic: null, account_holder: null,
          bank_status: 'none', bank_updated_at: null, bank_verified_at: null, bank_verified_by: null, bank_updated_by: null, bank_document_id: null,
          created_at: now(), updated_at: now(), ...overrides,
        })
        .execute();
      const siteId = deps.newId();
      await deps.db
        .insertInto('sites')
        .values({ id: siteId, structure_id: id, name: `Site ${n}`, address: '1 rue de la Gare', commune_insee: communeInsee ?? '62498', postal_code: '62300', opening_hours: 'Mo-Fr 09:00-12:00,14:00-18:00', phone: null, latitude: null, longitude: null, created_at: now() })
        .execute();
      for (const campaignId of accreditedFor ?? []) {
        await deps.db
          .insertInto('accreditations')
          .values({ structure_id: id, campaign_id: campaignId, status: 'accredited', applied_at: now(), decided_at: now(), decided_by: null, reason: null })
          .execute();
      }
      return { id, siteId };
    },

    async beneficiary(p: { territoryId: string; organisationId: string; firstName?: string; birthName?: string; birthDate?: string; communeInsee?: string }): Promise<{ id: string; personKey: string }> {
      const id = deps.newId();
      const firstName = p.firstName ?? 'Camille';
      const birthName = p.birthName ?? `Martin${next()}`;
      const birthDate = p.birthDate ?? '1950-04-12';
      const personKey = computePersonKey({ firstName, birthName, birthDate });
      await deps.db
        .insertInto('beneficiaries')
        .values({
          id, territory_id: p.territoryId, organisation_id: p.organisationId, first_name: firstName, birth_name: birthName,
          usage_name: null, birth_date: birthDate, person_key: personKey, search_text: searchText({ firstName, birthName }), commune_insee: p.communeInsee ?? '62498',
          address: null, phone: null, email: null, contact_consent: 0, consent_at: now(), priority_markers: '[]',
          opted_out_at: null, last_contact_at: now(), anonymised_at: null, created_by: 'test', created_at: now(),
        })
        .execute();
      return { id, personKey };
    },

    /** A booklet handed out to a new beneficiary, with its codes in clear. */
    async issuedBooklet(p: { campaign: CampaignTable; organisationId: string; communeInsee?: string; beneficiaryId?: string }): Promise<MintedBooklet & { beneficiaryId: string }> {
      const b = p.beneficiaryId
        ? { id: p.beneficiaryId, personKey: `key-${p.beneficiaryId}` }
        : await this.beneficiary({ territoryId: p.campaign.territory_id, organisationId: p.organisationId, communeInsee: p.communeInsee });
      const [minted] = await deps.db.transaction().execute((trx) =>
        withStats(trx, deps.dialect, { beneficiaryIds: [b.id] }, () => mintBooklets(deps, trx, {
          campaign: p.campaign,
          communeInsee: p.communeInsee ?? '62498',
          count: 1,
          issue: { beneficiaryId: b.id, personKey: b.personKey, organisationId: p.organisationId, issuedBy: 'test' },
        })),
      );
      return { ...minted, beneficiaryId: b.id };
    },

    /** Booklets in stock (pre-printed, not handed out). */
    async stockBooklets(p: { campaign: CampaignTable; communeInsee?: string; count?: number }): Promise<MintedBooklet[]> {
      return deps.db.transaction().execute((trx) =>
        mintBooklets(deps, trx, { campaign: p.campaign, communeInsee: p.communeInsee ?? '62498', count: p.count ?? 1 }),
      );
    },
  };
}
