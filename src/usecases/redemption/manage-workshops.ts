import { accreditationNotice } from '../../domain/accreditation.ts';
import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { isValidDate, parisDate } from '../../domain/paris-time.ts';
import { validateService, type Service } from '../../domain/redemption.ts';
import { themeLabel, usualThemes } from '../../domain/themes.ts';
import { listCampaigns } from '../../repositories/campaigns.ts';
import { findSite } from '../../repositories/redemptions.ts';
import { listAccreditations } from '../../repositories/structures.ts';
import { getTerritory } from '../../repositories/territories.ts';
import { findWorkshop, insertWorkshop, listWorkshopParticipants, listWorkshopsOfDay, recentThemeLists, type WorkshopRow } from '../../repositories/workshops.ts';
import type { Deps } from '../support/deps.ts';
import { territoryContact } from '../support/territory-contact.ts';

const STAFF = ['mediator', 'structure_manager', 'structure_token'] as const;

/** What the mediator's screen needs on arrival: the structure's usual themes, its accreditation for the open campaigns, whom to contact. */
export async function getMediatorContext(deps: Deps, actor: Actor) {
  requireRole(actor, ...STAFF);
  const structureId = requireStructure(actor);
  const [recent, accreditations, open, territory] = await Promise.all([
    recentThemeLists(deps.db, structureId, 300),
    listAccreditations(deps.db, structureId),
    listCampaigns(deps.db, actor.territoryId, 'open'),
    getTerritory(deps.db, actor.territoryId),
  ]);
  const byCampaign = new Map(accreditations.map((a) => [a.campaign_id, a]));
  return {
    usualThemes: usualThemes(recent.map((t) => JSON.parse(t) as string[])),
    accreditation: accreditationNotice(open.map((c) => ({ campaignName: c.name, status: byCampaign.get(c.id)?.status ?? null, reason: byCampaign.get(c.id)?.reason ?? null }))),
    contact: territoryContact(territory!),
  };
}

/** Records a collective workshop (themes, duration, site) once; each participant's booklet is then redeemed with its id. */
export async function createWorkshop(deps: Deps, actor: Actor, input: { title?: string; themes: string[]; durationMinutes: number; siteId: string }) {
  requireRole(actor, ...STAFF);
  const structureId = requireStructure(actor);
  const service = validateService({ format: 'collectif', themes: input.themes, durationMinutes: input.durationMinutes, siteId: input.siteId });
  const site = await findSite(deps.db, service.siteId);
  if (!site || site.structure_id !== structureId) throw invalid('siteId', 'Ce lieu n’appartient pas à votre structure.');
  const now = deps.now();
  const id = deps.newId();
  await insertWorkshop(deps.db, {
    id, structure_id: structureId, site_id: site.id, title: input.title?.trim() || null, themes: JSON.stringify(service.themes),
    duration_minutes: service.durationMinutes, held_on: parisDate(now), created_by: actor.id, created_at: now.toISOString(),
  });
  return (await workshopViews(deps, [(await findWorkshop(deps.db, id))!]))[0];
}

/** The workshop's service, for a redemption of one of its participants: only the structure's own workshops. */
export async function workshopService(deps: Deps, structureId: string, workshopId: string): Promise<Service> {
  const w = await findWorkshop(deps.db, workshopId);
  if (!w || w.structure_id !== structureId) throw new DomainError('not_found', 'Cet atelier n’existe pas dans votre structure.');
  return { format: 'collectif', themes: JSON.parse(w.themes) as Service['themes'], durationMinutes: w.duration_minutes, siteId: w.site_id };
}

export async function getWorkshop(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, ...STAFF);
  const structureId = requireStructure(actor);
  const w = await findWorkshop(deps.db, id);
  if (!w || w.structure_id !== structureId) throw new DomainError('not_found', 'Cet atelier n’existe pas dans votre structure.');
  return (await workshopViews(deps, [w]))[0];
}

/** The structure's workshops of one Paris day (today by default), with who came. */
export async function listWorkshops(deps: Deps, actor: Actor, input: { date?: string }) {
  requireRole(actor, ...STAFF);
  const structureId = requireStructure(actor);
  const date = input.date ?? parisDate(deps.now());
  if (!isValidDate(date)) throw invalid('date', 'La date doit être au format AAAA-MM-JJ.');
  return workshopViews(deps, await listWorkshopsOfDay(deps.db, structureId, date));
}

async function workshopViews(deps: Deps, rows: WorkshopRow[]) {
  const lines = await listWorkshopParticipants(deps.db, rows.map((w) => w.id));
  return rows.map((w) => {
    const participants = new Map<string, { redemptionId: string; holder: string; bookletSerial: string; ticketCount: number; totalCents: number }>();
    for (const l of lines.filter((x) => x.workshop_id === w.id)) {
      const p = participants.get(l.request_id) ?? { redemptionId: l.request_id, holder: holderLabel(l), bookletSerial: l.booklet_serial, ticketCount: 0, totalCents: 0 };
      if (!l.undone_at) {
        p.ticketCount += 1;
        p.totalCents += l.face_value_cents;
      }
      participants.set(l.request_id, p);
    }
    const themes = JSON.parse(w.themes) as string[];
    return {
      id: w.id, title: w.title, heldOn: w.held_on, themes: themes.map((id) => ({ id, label: themeLabel(id) })),
      durationMinutes: w.duration_minutes, site: { id: w.site_id, name: w.site_name },
      // An undone redemption (a mistake) does not count as someone who came.
      participants: [...participants.values()].filter((p) => p.ticketCount > 0),
    };
  });
}

function holderLabel(l: { first_name: string | null; usage_name: string | null; birth_name: string | null; anonymised_at: string | null; booklet_serial: string }): string {
  const last = l.usage_name || l.birth_name;
  if (!l.first_name || l.anonymised_at) return `Carnet ${l.booklet_serial}`;
  return last ? `${l.first_name} ${last.charAt(0).toUpperCase()}.` : l.first_name;
}
