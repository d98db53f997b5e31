import type { Actor } from '../domain/actor.ts';
import { addDays, parisDate, parisStartOfDay } from '../domain/paris-time.ts';
import { chooseChannel, expiryReminder } from '../domain/reminders.ts';
import { beneficiaryContact, expiredTicketsOf, hasUnsentMessage, peopleTrained, setContact } from '../repositories/demo-followup.ts';
import { insertMessage, markSent, recordAttempt } from '../repositories/outbox.ts';
import { inTransaction } from '../repositories/tx.ts';
import { bookSession } from '../usecases/followup/book-session.ts';
import { createTrainingSession } from '../usecases/followup/manage-training-sessions.ts';
import { recordDiagnostic } from '../usecases/intake/record-diagnostic.ts';
import { insertLevels, sessionsOfPerson } from '../repositories/session-autonomy.ts';
import { recordBeneficiaryOptOut } from '../usecases/intake/record-opt-out.ts';
import { runReminders } from '../usecases/followup/send-reminders.ts';
import { audit } from '../usecases/support/audit.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { loadCurrentModel } from '../usecases/support/diagnostic-model.ts';
import type { DemoContext } from './seed-foundation.ts';

const at = (deps: Deps, iso: string): Deps => ({ ...deps, now: () => new Date(iso) });
const DAY = 86_400_000;

/**
 * Demo stage (issue #7), run last: follow-up diagnostics for people who attended sessions (their
 * autonomy after training), reminders as the programme would have sent them (an SMS sent before
 * the end of the 2022 tickets; for a session tomorrow, an SMS and an e-mail held because the demo
 * has no SMTP or SMS provider configured, and a letter for the commune to print), contact consent
 * on a few people — so that the admin's first dashboard shows the funnel, the people trained by
 * theme, the money and who to call, and the outbox has something in each state.
 */
export async function seedFollowup(deps: Deps, ctx: DemoContext): Promise<void> {
  if (!ctx.campaigns || !ctx.structures?.length) return;
  const agent = (organisationId: string): Actor => {
    const lens = organisationId === ctx.organisations.lens;
    return {
      kind: 'user', id: ctx.users[lens ? 'agentLens' : 'agentLievin'], role: 'agent', territoryId: ctx.territoryId, organisationId, structureId: null,
      label: lens ? 'agent.lens@demo.passnum.fr' : 'agent.lievin@demo.passnum.fr',
    };
  };
  const now = deps.now();
  await followupDiagnostics(deps, agent, now);
  const reminded = await sentReminders2022(deps, ctx.campaigns.c2022);
  await remindersForTomorrow(deps, ctx, agent, now);
  await refusedReminders(deps, ctx, reminded);
}

/**
 * One person who got the 2022 SMS and said she wants no more reminders, as the admin recorded it:
 * the opt-out list of the messages screen is not empty on first open. Someone with nothing left
 * to send, so the outbox of the demo keeps each of its states.
 */
async function refusedReminders(deps: Deps, ctx: DemoContext, reminded: string[]) {
  const admin: Actor = { kind: 'user', id: ctx.users.admin, role: 'admin', territoryId: ctx.territoryId, organisationId: null, structureId: null, label: 'admin@demo.passnum.fr' };
  for (const id of reminded) {
    if (await hasUnsentMessage(deps.db, id)) continue;
    await recordBeneficiaryOptOut(deps, admin, id);
    return;
  }
}

const LEVELS = ['EntierementAccompagne', 'PartiellementAutonome', 'Autonome'];

/**
 * People who used two tickets or more: the autonomy their mediator recorded at each session (the
 * Coop's scale, rising for most), then the follow-up diagnostic with the same questionnaire, most a
 * level higher, and per need whether they could do it alone (issue #18).
 */
async function followupDiagnostics(deps: Deps, agent: (org: string) => Actor, now: Date) {
  const model = await loadCurrentModel(deps.db);
  const trained = await peopleTrained(deps.db, 2);
  for (const [i, p] of trained.entries()) {
    const sessions = await sessionsOfPerson(deps.db, p.id);
    await insertLevels(
      deps.db,
      sessions.flatMap((s, k) =>
        (JSON.parse(s.themes) as string[]).map((theme) => ({
          request_id: s.id, theme, beneficiary_id: p.id, recorded_at: s.created_at,
          level: LEVELS[Math.min(2, i % 4 === 2 ? 0 : k + (i % 2))],
        })),
      ),
    );
    if (!p.answers || p.model_version !== model.version || i % 4 === 3) continue; // not everyone comes back
    const initial = JSON.parse(p.answers) as Record<string, string>;
    const answers = Object.fromEntries(
      model.questions.map((q) => {
        const current = q.options.findIndex((o) => o.id === initial[q.id]);
        // Scored questions: one step up (two for every third person); the access block as before.
        const step = q.areaId === null ? 0 : i % 3 === 0 ? 2 : i % 5 === 4 ? 0 : 1;
        return [q.id, q.options[Math.min(q.options.length - 1, Math.max(0, current) + step)].id];
      }),
    );
    const when = new Date(Math.min(Date.parse(p.last_used_at) + 14 * DAY, now.getTime() - 3_600_000)).toISOString();
    const needs = JSON.parse(p.needs ?? '[]') as string[];
    const needOutcomes = Object.fromEntries(needs.map((n, k) => [n, (i + k) % 4 === 3 ? 'non' : (i + k) % 3 === 2 ? 'avec_aide' : 'oui']));
    await recordDiagnostic(at(deps, when), agent(p.organisation_id), p.id, { version: model.version, answers, needs, kind: 'followup', needOutcomes });
  }
}

/** January 2023: an SMS to each person whose 2022 tickets were about to expire unused (sent then). */
async function sentReminders2022(deps: Deps, campaign2022: string): Promise<string[]> {
  const when = new Date('2023-01-02T09:00:00.000Z');
  const reminded: string[] = [];
  for (const p of (await expiredTicketsOf(deps.db, campaign2022)).slice(0, 2)) {
    const route = chooseChannel({ phone: p.phone, email: null, address: null });
    if (!route) continue;
    reminded.push(p.id);
    const { subject, body } = expiryReminder(route.channel, { firstName: p.first_name, unusedTickets: Number(p.n), unusedCents: Number(p.cents), validUntil: p.valid_until, organisationName: p.organisation_name });
    await inTransaction(deps.db, async (trx) => {
      const id = deps.newId();
      const created = await insertMessage(trx, {
        id, territory_id: p.territory_id, beneficiary_id: p.id, channel: route.channel, kind: 'tickets_expiring', dedupe_key: `expiry:${p.id}:${campaign2022}`,
        recipient: route.recipient, subject, body, status: 'pending', attempts: 1, next_attempt_at: when.toISOString(), sent_at: null, last_error: null, created_at: when.toISOString(),
      });
      if (!created) return;
      const sentAt = new Date(when.getTime() + 4_000).toISOString();
      await recordAttempt(trx, { id: deps.newId(), messageId: id, at: sentAt, ok: true, error: null });
      await markSent(trx, id, sentAt);
      await audit(trx, null, when, 'reminder.planned', { type: 'outbox', id }, { kind: 'tickets_expiring', channel: route.channel, status: 'pending' }, p.territory_id);
      await audit(trx, null, new Date(sentAt), 'reminder.sent', { type: 'outbox', id }, { channel: route.channel, attempt: 1 }, p.territory_id);
    });
  }
  return reminded;
}

/**
 * A session tomorrow afternoon with two people booked, one reachable by SMS, one by e-mail; and one
 * next week for a person reachable only by post (a letter needs the days the post takes). The
 * reminders job plans their reminders; without SMTP nor SMS provider in the demo, the SMS and the
 * e-mail are held in the outbox, the letter waits to be printed.
 */
async function remindersForTomorrow(deps: Deps, ctx: DemoContext, agent: (org: string) => Actor, now: Date) {
  const current = ((ctx.extra.issuedBooklets as { campaign: string; beneficiaryId: string }[] | undefined) ?? []).filter((b) => b.campaign === 'current');
  const people: NonNullable<Awaited<ReturnType<typeof beneficiaryContact>>>[] = [];
  for (const b of current) {
    const c = await beneficiaryContact(deps.db, b.beneficiaryId);
    if (c && !people.some((p) => p.id === c.id)) people.push(c);
  }
  const bySms = people.find((p) => p.phone && p.contact_consent === 1);
  const others = people.filter((p) => !p.phone);
  const byEmail = others[0];
  const byLetter = others[1];
  if (byEmail) await setContact(deps.db, byEmail.id, { email: `${byEmail.first_name.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.demo@example.org`, consent: true });
  if (byLetter) await setContact(deps.db, byLetter.id, { address: '14 rue Émile Zola, 62800 Liévin', consent: true });

  const structure = ctx.structures!.find((s) => s.accreditedForCurrent)!;
  const manager: Actor = {
    kind: 'user', id: structure.id === ctx.structures![0].id ? (ctx.users.manager ?? `demo:${structure.id}`) : `demo:${structure.id}`, role: 'structure_manager',
    territoryId: ctx.territoryId, organisationId: null, structureId: structure.id, label: `Responsable de ${structure.name}`,
  };
  const tomorrow = addDays(parisDate(now), 1);
  const startsAt = new Date(parisStartOfDay(tomorrow).getTime() + 14 * 3_600_000).toISOString();
  const session = await createTrainingSession(deps, manager, {
    siteId: structure.siteId, title: 'Faire ses démarches sur son smartphone', theme: 'Démarches en ligne', format: 'collectif', startsAt, durationMinutes: 120, capacity: 8,
  });
  for (const p of [bySms, byEmail]) if (p) await bookSession(deps, agent(p.organisation_id), session.id, { beneficiaryId: p.id });
  if (byLetter) {
    const nextWeek = await createTrainingSession(deps, manager, {
      siteId: structure.siteId, title: 'Écrire et envoyer un courriel', theme: 'Démarches en ligne', format: 'collectif',
      startsAt: new Date(parisStartOfDay(addDays(parisDate(now), 7)).getTime() + 14 * 3_600_000).toISOString(), durationMinutes: 120, capacity: 8,
    });
    await bookSession(deps, agent(byLetter.organisation_id), nextWeek.id, { beneficiaryId: byLetter.id });
  }
  await runReminders(deps, []);
}
