import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from '../domain/actor.ts';
import { addDays, parisDate, parisStartOfDay } from '../domain/paris-time.ts';
import { formatCode } from '../domain/ticket-code.ts';
import { findCampaign, listBookletTickets, takeQuotaPlace } from '../repositories/issuance.ts';
import { inTransaction } from '../repositories/tx.ts';
import { bookSession } from '../usecases/followup/book-session.ts';
import { handOutStockBooklet } from '../usecases/issuance/hand-out-stock-booklet.ts';
import { issueBooklet } from '../usecases/issuance/issue-booklet.ts';
import { createPrintBatch } from '../usecases/issuance/manage-print-batches.ts';
import { createTrainingSession } from '../usecases/followup/manage-training-sessions.ts';
import { recordDiagnostic } from '../usecases/intake/record-diagnostic.ts';
import { registerBeneficiary } from '../usecases/intake/register-beneficiary.ts';
import { replaceBooklet } from '../usecases/issuance/replace-booklet.ts';
import { audit } from '../usecases/support/audit.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { loadCurrentModel } from '../usecases/support/diagnostic-model.ts';
import { mintBooklets } from '../usecases/support/mint-booklets.ts';
import type { DemoContext } from './seed-foundation.ts';
import { DEMO_PEOPLE, type DemoPerson } from './seed-issuance-people.ts';

type CampaignKey = 'c2021' | 'c2022' | 'current';
export interface DemoBooklet { campaign: CampaignKey; id: string; serial: string; beneficiaryId: string; issuedAt: string; tickets: { id: string; serial: string; code: string }[] }

const at = (deps: Deps, iso: string): Deps => ({ ...deps, now: () => new Date(iso) });
const userActor = (ctx: DemoContext, key: string, role: Actor['role'], label: string, scope: { organisationId?: string; structureId?: string } = {}): Actor =>
  ({ kind: 'user', id: ctx.users[key] ?? `demo:${key}`, role, territoryId: ctx.territoryId, organisationId: scope.organisationId ?? null, structureId: scope.structureId ?? null, label }) as Actor;

/**
 * Demo stage (issue #3): residents registered and diagnosed by the Lens and Liévin mairies,
 * booklets handed out in 2021, 2022 (campaigns since closed: written as they were then) and in
 * the current campaign (through the real use cases), pre-printed stock for Lens, upcoming
 * sessions with bookings, one lost booklet replaced; demo-tickets.txt lists unused codes.
 * For the later stages: ctx.extra.issuedBooklets (codes in clear, to redeem), ctx.extra.currentCodes
 * and ctx.extra.reservedTicketSerials (codes given to the demo user: leave them unused).
 */
export async function seedIssuance(deps: Deps, ctx: DemoContext): Promise<void> {
  if (!ctx.campaigns || !ctx.structures?.length) return;
  const agents = {
    lens: userActor(ctx, 'agentLens', 'agent', 'agent.lens@demo.passnum.fr', { organisationId: ctx.organisations.lens }),
    lievin: userActor(ctx, 'agentLievin', 'agent', 'agent.lievin@demo.passnum.fr', { organisationId: ctx.organisations.lievin }),
  };
  const model = await loadCurrentModel(deps.db);
  const campaigns = {
    c2021: (await findCampaign(deps.db, ctx.campaigns.c2021))!,
    c2022: (await findCampaign(deps.db, ctx.campaigns.c2022))!,
    current: (await findCampaign(deps.db, ctx.campaigns.current))!,
  };
  const now = deps.now();
  const today = parisDate(now);
  const currentStart = `${campaigns.current.year}-01-15`;
  const span = Math.max(1, (now.getTime() - Date.parse(`${currentStart}T09:00:00Z`)) / 86_400_000);
  const issuedBooklets: DemoBooklet[] = [];

  const firstBookletDate = (p: DemoPerson, i: number): string => {
    const first = p.booklets[0];
    if (first === 'c2021') return `2021-${String(3 + (i % 8)).padStart(2, '0')}-${String(5 + i).padStart(2, '0')}T09:30:00.000Z`;
    if (first === 'c2022') return `2022-${String(2 + (i % 9)).padStart(2, '0')}-${String(4 + i).padStart(2, '0')}T10:00:00.000Z`;
    // Spread over the current campaign so far; today (a few minutes ago) early in January.
    const day = addDays(currentStart, Math.floor((span * ((i % 10) + 1)) / 12));
    return day < today ? `${day}T09:00:00.000Z` : new Date(now.getTime() - 60_000 * (20 - (i % 10))).toISOString();
  };

  /** 2021 and 2022 are closed now: their booklets are written as they were handed out then. */
  const historical = async (key: 'c2021' | 'c2022', beneficiary: { id: string; communeInsee: string; personKey: string }, actor: Actor, iso: string) => {
    const d = at(deps, iso);
    const c = campaigns[key];
    const [b] = await inTransaction(deps.db, async (trx) => {
      await takeQuotaPlace(trx, c.id, beneficiary.communeInsee);
      const minted = await mintBooklets(d, trx, { campaign: c, communeInsee: beneficiary.communeInsee, count: 1, issue: { beneficiaryId: beneficiary.id, personKey: beneficiary.personKey, organisationId: actor.organisationId!, issuedBy: actor.id } });
      await audit(trx, actor, d.now(), 'booklet.issued', { type: 'booklet', id: minted[0].id }, { serial: minted[0].serial, campaignId: c.id, beneficiaryId: beneficiary.id });
      return minted;
    });
    issuedBooklets.push({ campaign: key, id: b.id, serial: b.serial, beneficiaryId: beneficiary.id, issuedAt: iso, tickets: b.tickets });
  };

  const beneficiaries: { person: DemoPerson; id: string }[] = [];
  for (const [i, p] of DEMO_PEOPLE.entries()) {
    const actor = agents[p.desk];
    const when = firstBookletDate(p, i);
    const d = at(deps, when);
    const reg = await registerBeneficiary(d, actor, {
      firstName: p.firstName, birthName: p.birthName, usageName: p.usageName, birthDate: p.birthDate, communeInsee: p.communeInsee,
      phone: p.phone, consent: true, priorityMarkers: p.markers as never,
    });
    const answers = Object.fromEntries(model.questions.map((q) => [q.id, q.areaId === null ? q.options[i % 3 === 0 ? 1 : 0].id : p.level]));
    await recordDiagnostic(d, actor, reg.id, { version: model.version, answers, needs: p.needs });
    beneficiaries.push({ person: p, id: reg.id });
    const { person_key } = (await deps.db.selectFrom('beneficiaries').select('person_key').where('id', '=', reg.id).executeTakeFirstOrThrow());
    for (const key of p.booklets) {
      if (key === 'current') {
        const override = p.level === 'seul' ? { reason: 'Inscription France Travail urgente, pas d’ordinateur à la maison (démo)' } : undefined;
        const { booklet } = await issueBooklet(d, actor, { beneficiaryId: reg.id, campaignId: campaigns.current.id, override });
        issuedBooklets.push({ campaign: 'current', id: booklet.id, serial: booklet.serial, beneficiaryId: reg.id, issuedAt: when, tickets: await withIds(deps, booklet.id, booklet.tickets) });
      } else {
        const iso = key === p.booklets[0] ? when : `2022-${String(2 + (i % 9)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`;
        await historical(key, { id: reg.id, communeInsee: p.communeInsee, personKey: person_key }, actor, iso);
      }
    }
  }

  // Pre-printed stock for Lens: ten booklets printed, one handed out at the desk.
  const admin = userActor(ctx, 'admin', 'admin', 'admin@demo.passnum.fr');
  const printedAt = new Date(Math.min(Date.parse(`${campaigns.current.year}-01-05T08:00:00.000Z`), now.getTime() - 3_600_000)).toISOString();
  const batch = await createPrintBatch(at(deps, printedAt), admin, { campaignId: campaigns.current.id, communeInsee: '62498', count: 10 });
  const monique = beneficiaries.find((b) => b.person.firstName === 'Monique')!;
  const handOut = await handOutStockBooklet(deps, agents.lens, { serial: batch.firstSerial, beneficiaryId: monique.id });
  issuedBooklets.push({ campaign: 'current', id: handOut.booklet.id, serial: handOut.booklet.serial, beneficiaryId: monique.id, issuedAt: now.toISOString(), tickets: await withIds(deps, handOut.booklet.id) });

  // A lost booklet replaced (Liévin): the unused tickets only, with new codes.
  const mehdi = beneficiaries.find((b) => b.person.firstName === 'Mehdi')!;
  const lost = issuedBooklets.find((b) => b.campaign === 'current' && b.beneficiaryId === mehdi.id)!;
  const replaced = await replaceBooklet(deps, agents.lievin, lost.id, { reason: 'Carnet perdu lors d’un déménagement (démo)', replace: true });
  issuedBooklets.splice(issuedBooklets.indexOf(lost), 1);
  issuedBooklets.push({ campaign: 'current', id: replaced.replacement!.id, serial: replaced.replacement!.serial, beneficiaryId: lost.beneficiaryId, issuedAt: now.toISOString(), tickets: await withIds(deps, replaced.replacement!.id, replaced.replacement!.tickets) });

  await seedSessions(deps, ctx, agents, beneficiaries);

  // Codes for the demo user: unused 2022 tickets (expired) and unused current ones (valid).
  const pick = (key: CampaignKey, n: number) =>
    issuedBooklets.filter((b) => b.campaign === key).slice(-2).flatMap((b) => b.tickets.slice(-Math.ceil(n / 2))).slice(0, n).map((t) => ({ code: t.code, serial: t.serial }));
  const expired = pick('c2022', 4);
  const currentCodes = pick('current', 4);
  ctx.extra.issuedBooklets = issuedBooklets;
  ctx.extra.currentCodes = currentCodes;
  ctx.extra.expiredCodes2022 = expired;
  ctx.extra.reservedTicketSerials = [...expired, ...currentCodes].map((t) => t.serial);
  writeDemoTickets(deps, campaigns.current.year, expired, currentCodes);
}

async function withIds(deps: Deps, bookletId: string, known?: { serial: string; code: string }[]) {
  const rows = await listBookletTickets(deps.db, [bookletId]);
  return rows.map((r) => ({ id: r.id, serial: r.serial, code: known?.find((k) => k.serial === r.serial)?.code ?? deps.secrets.decryptCode(r.code_encrypted!) }));
}

async function seedSessions(deps: Deps, ctx: DemoContext, agents: Record<'lens' | 'lievin', Actor>, people: { person: DemoPerson; id: string }[]) {
  const structures = ctx.structures!.filter((s) => s.accreditedForCurrent);
  const day = (n: number, hour: number) => new Date(parisStartOfDay(addDays(parisDate(deps.now()), n)).getTime() + hour * 3_600_000).toISOString();
  const plan = [
    { s: 0, title: 'Premiers pas sur smartphone', theme: 'Prendre en main son smartphone', format: 'collectif' as const, startsAt: day(4, 14), durationMinutes: 120, capacity: 8 },
    { s: 1, title: 'Créer son compte CAF et ameli', theme: 'Démarches en ligne', format: 'collectif' as const, startsAt: day(6, 10), durationMinutes: 90, capacity: 6 },
    { s: 1, title: 'Rendez-vous individuel : démarches', theme: 'Démarches en ligne', format: 'individuel' as const, startsAt: day(8, 15), durationMinutes: 60, capacity: 1 },
    { s: 3, title: 'Garder le contact en visio avec ses proches', theme: 'Communiquer', format: 'collectif' as const, startsAt: day(12, 14), durationMinutes: 120, capacity: 10 },
  ];
  const ids: string[] = [];
  for (const p of plan) {
    const s = structures[p.s] ?? structures[0];
    const manager = { kind: 'user', id: s.id === ctx.structures![0].id ? (ctx.users.manager ?? `demo:${s.id}`) : `demo:${s.id}`, role: 'structure_manager', territoryId: ctx.territoryId, organisationId: null, structureId: s.id, label: `Responsable de ${s.name}` } as Actor;
    ids.push((await createTrainingSession(deps, manager, { siteId: s.siteId, ...p })).id);
  }
  const byName = (n: string) => people.find((x) => x.person.firstName === n)!;
  await bookSession(deps, agents.lens, ids[0], { beneficiaryId: byName('Jean-Claude').id });
  await bookSession(deps, agents.lens, ids[0], { beneficiaryId: byName('Yasmine').id });
  await bookSession(deps, agents.lievin, ids[1], { beneficiaryId: byName('Sylvie').id });
  await bookSession(deps, agents.lievin, ids[2], { beneficiaryId: byName('Mehdi').id });
}

function writeDemoTickets(deps: Deps, year: number, expired: { code: string; serial: string }[], current: { code: string; serial: string }[]) {
  const line = (t: { code: string; serial: string }) => `${formatCode(t.code)}    ticket n° ${t.serial}`;
  const text = [
    '# passnum — codes de démonstration (à taper ou à coller dans l’écran de vérification des tickets)',
    '',
    '## Tickets 2022 jamais utilisés : valables jusqu’au 31/01/2023, ils sont expirés et doivent être refusés',
    ...expired.map(line),
    '',
    `## Tickets de la campagne ${year} non utilisés : valables, utilisables dans une structure habilitée`,
    ...current.map(line),
    '',
  ].join('\n');
  mkdirSync(deps.config.dataDir, { recursive: true });
  writeFileSync(path.join(deps.config.dataDir, 'demo-tickets.txt'), text, 'utf8');
}
