/**
 * When enough volunteers have accepted an Incident, the others are stood
 * down, so that nobody runs through the night for nothing and the scene does
 * not crowd (6–8 responders arriving at once felt chaotic).
 */
import type { DispatchPolicy } from './dispatch-policy.ts';
import type { SentAlert } from './selection.ts';

/**
 * The volunteers to tell "stand down" now, in the order of `sent`; empty
 * while fewer than `enoughAcceptances` have accepted.
 *
 * Only volunteers who have not answered are stood down; those who accepted
 * keep going. One exception: while no accepted volunteer is fetching an AED,
 * pending AED fetchers stay alerted. Four people doing CPR without an AED is
 * not "enough": a shock is what most often restarts the heart, and the next
 * fetcher to accept may be the only AED before the ambulance. Once a fetcher
 * has accepted, the remaining pending fetchers are stood down too.
 */
export function volunteersToStandDown(sent: readonly SentAlert[], policy: DispatchPolicy): string[] {
  const accepted = sent.filter((alert) => alert.response === 'ACCEPTED');
  if (accepted.length < policy.enoughAcceptances) return [];
  const aedOnItsWay = accepted.some((alert) => alert.task === 'FETCH_AED');
  return sent.filter((alert) => alert.response === 'PENDING' && (alert.task === 'CPR' || aedOnItsWay)).map((alert) => alert.volunteerId);
}
