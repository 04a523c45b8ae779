/**
 * Outcome statistics of a scope over a period, in the order that computes
 * nothing for bad input: the period is checked (BAD_USER_INPUT), the scope
 * looked up (NOT_FOUND), the caller's access decided (FORBIDDEN), the period
 * held against the kept history (BAD_USER_INPUT); only then are the
 * timelines read.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireAuthenticated, type Principal } from '../../../common/auth.ts';
import type { PeerClient } from '../../../common/peers.ts';
import { localDateOf, type LocalDate } from '../../../common/zoned-time.ts';
import { keptSince, outcomeFacts } from './outcome-facts.ts';
import { resolveOutcomeScope, type OutcomeScope, type OutcomeScopeKind } from './outcome-scope.ts';
import { outcomeDisclosure } from './outcomes.access.ts';
import type { BurdenRow, Disclosure, IncidentFacts } from './outcomes.ts';
import { checkKeptHistory, checkPeriod, type Period } from './period.ts';

/** What the figures are worked out from. */
export interface OutcomeStatistics {
  scope: OutcomeScope;
  period: Period;
  disclosure: Disclosure;
  incidents: IncidentFacts[];
  burden: BurdenRow[];
}

/** The latest calendar date on the clocks of the scope: nothing after it has happened yet. */
function latestToday(scope: OutcomeScope, now: Date): LocalDate {
  const zones = new Set(scope.municipalities.map((municipality) => municipality.timeZone));
  if (zones.size === 0) zones.add('UTC');
  return [...zones]
    .map((zone) => localDateOf(now, zone))
    .sort()
    .at(-1)!;
}

/** The facts of `kind` `id` over `from`–`to` (calendar dates, both included) that `principal` may see. */
export async function outcomeStatistics(
  context: { em: EntityManager; peers: PeerClient; principal: Principal },
  request: { kind: OutcomeScopeKind; id: string; from: string; to: string },
  now = new Date(),
): Promise<OutcomeStatistics> {
  requireAuthenticated(context.principal);
  // "Today" anywhere on earth is at most a day ahead of UTC: enough for the first check.
  checkPeriod(request.from, request.to, localDateOf(now, 'Pacific/Kiritimati'));
  // Where the history starts is asked meanwhile: one index lookup, no figure.
  const kept = keptSince(context.em);
  kept.catch(() => {});
  const scope = await resolveOutcomeScope(context.peers, request.kind, request.id);
  const disclosure = outcomeDisclosure(context.principal, scope);
  const today = latestToday(scope, now);
  const period = checkPeriod(request.from, request.to, today);
  // With nothing recorded yet, the history starts today.
  checkKeptHistory(period, (await kept) ?? today);
  const { incidents, burden } = await outcomeFacts(context.em, scope, period);
  return { scope, period, disclosure, incidents, burden };
}
