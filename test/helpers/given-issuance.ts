import type { CampaignTable } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { DiagnosticModel } from '../../src/domain/diagnostic.ts';
import { loadCurrentModel } from '../../src/usecases/support/diagnostic-model.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { given } from './given.ts';

export const LENS = '62498';
export const LIEVIN = '62510';
export const AVION = '62065';

export function agentActor(territoryId: string, organisationId: string, id = 'agent-test'): Actor {
  return { kind: 'user', id, role: 'agent', territoryId, organisationId, structureId: null, label: `${id}@test` };
}

export interface IssuanceScene {
  territoryId: string;
  campaign: CampaignTable;
  orgs: { lens: string; lievin: string };
  agents: { lens: { id: string; email: string; actor: Actor }; lievin: { id: string; email: string; actor: Actor } };
  admin: { id: string; email: string };
  manager: { id: string; email: string };
  structures: { lens: { id: string; siteId: string }; lievin: { id: string; siteId: string }; jobs: { id: string; siteId: string }; notAccredited: { id: string; siteId: string } };
  model: DiagnosticModel;
}

/** The CALL, an open campaign, the Lens and Liévin mairies with an agent each, accredited structures. */
export async function issuanceScene(deps: Deps, campaign: Partial<CampaignTable> & { quotas?: Record<string, number> } = {}): Promise<IssuanceScene> {
  const g = given(deps);
  const territoryId = await g.territory();
  const c = await g.campaign({ territoryId, ...campaign });
  const lens = await g.organisation({ territoryId, communeInsee: LENS, name: 'Mairie de Lens' });
  const lievin = await g.organisation({ territoryId, communeInsee: LIEVIN, name: 'Mairie de Liévin' });
  const agentLens = await g.user({ territoryId, role: 'agent', organisationId: lens });
  const agentLievin = await g.user({ territoryId, role: 'agent', organisationId: lievin });
  const admin = await g.user({ territoryId, role: 'admin' });
  const sLens = await g.structure({ territoryId, accreditedFor: [c.id], communeInsee: LENS, name: 'Médiathèque de Lens' });
  const sLievin = await g.structure({ territoryId, accreditedFor: [c.id], communeInsee: LIEVIN, name: 'EPN de Liévin' });
  const sJobs = await g.structure({ territoryId, accreditedFor: [c.id], communeInsee: LENS, name: 'Atelier emploi de Lens', services: 'Insertion professionnelle via le numérique' });
  const sOut = await g.structure({ territoryId, communeInsee: LIEVIN, name: 'Fablab non habilité' });
  const manager = await g.user({ territoryId, role: 'structure_manager', structureId: sLievin.id });
  return {
    territoryId,
    campaign: c,
    orgs: { lens, lievin },
    agents: {
      lens: { ...agentLens, actor: agentActor(territoryId, lens, agentLens.id) },
      lievin: { ...agentLievin, actor: agentActor(territoryId, lievin, agentLievin.id) },
    },
    admin,
    manager,
    structures: { lens: sLens, lievin: sLievin, jobs: sJobs, notAccredited: sOut },
    model: await loadCurrentModel(deps.db),
  };
}

/** Answers to every question: the access block "yes" (first option), every scored question at `option`. */
export function answersAt(model: DiagnosticModel, option: 'jamais' | 'avec_aide' | 'seul_parfois_aide' | 'seul'): Record<string, string> {
  return Object.fromEntries(model.questions.map((q) => [q.id, q.areaId === null ? q.options[0].id : option]));
}

export const PERSON = { firstName: 'Zoé', birthName: 'Lefèvre-Dupont', birthDate: '1958-06-21', communeInsee: LIEVIN, consent: true as const };
