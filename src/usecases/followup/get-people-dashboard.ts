import type { Actor } from '../../domain/actor.ts';
import { percent, summariseMarkers, summariseProfiles, summariseSessions } from '../../domain/dashboard.ts';
import { markersFromStats, profilesFromStats, sessionsFromStats, statsScope } from '../../repositories/read-models/dashboard-stats.ts';
import { handedOutByMarkers, profileTransitions, sessionGroups, trainedByMarkers } from '../../repositories/read-models/people.ts';
import type { Deps } from '../support/deps.ts';
import { resolveReadScope, scopeBody, type ReadFilters } from '../support/read-scope.ts';

/** People trained, sessions by theme, format and duration, priority public, autonomy before/after. */
export async function getPeopleDashboard(deps: Deps, actor: Actor, filters: ReadFilters) {
  const scope = await resolveReadScope(deps, actor, filters);
  const isStructure = scope.actorScope.level === 'structure';
  // Each trained person has one stored set of markers: the groups' distinct counts add up to the
  // number of people trained (one pass over the redemptions instead of two).
  // A territory over whole months: the maintained aggregates; otherwise the detail rows.
  const stats = statsScope(scope.read);
  const [sessions, trainedMarkers, handedMarkers, transitions] = await Promise.all(
    stats
      ? [sessionsFromStats(deps.db, stats), markersFromStats(deps.db, 'trained_markers', stats), markersFromStats(deps.db, 'handed_markers', stats), profilesFromStats(deps.db, stats)]
      : [
          sessionGroups(deps.db, scope.read).then((groups) => ({ groups, themes: undefined })),
          trainedByMarkers(deps.db, scope.read),
          isStructure ? Promise.resolve(null) : handedOutByMarkers(deps.db, scope.read),
          profileTransitions(deps.db, scope.read),
        ],
  );
  const handedOut = handedMarkers ? summariseMarkers(handedMarkers) : null;
  const trainedSummary = summariseMarkers(trainedMarkers);
  const trained = trainedSummary.people;
  return {
    scope: scopeBody(scope),
    trainedPeople: trained,
    handedOutPeople: handedOut ? handedOut.people : null,
    trainedPercent: handedOut ? percent(trained, handedOut.people) : null,
    sessions: summariseSessions(sessions.groups, sessions.themes),
    priorityPublic: { handedOut, trained: trainedSummary },
    autonomy: summariseProfiles(transitions),
  };
}
