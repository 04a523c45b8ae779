/**
 * Who and what another open Incident has already claimed, so that a new
 * dispatch passes them by: a volunteer on their way to incident A is not
 * alerted for incident B 300 m away (the next nearest takes the place), and
 * an AED being fetched for A is not sent for again.
 */

/** An alert of another open Incident that may still be answered or under way. */
export interface AlertElsewhere {
  volunteerId: string;
  task: 'CPR' | 'FETCH_AED';
  aedId: string | null;
  status: 'PENDING' | 'ACCEPTED' | 'ON_SCENE';
  /** Seconds since it was sent. */
  ageSeconds: number;
}

/** The policy setting the rule reads (dispatch-policy.ts). */
export interface BusyPolicy {
  /** An unanswered alert keeps its volunteer busy for this many seconds after it was sent; 0: only an acceptance does. */
  busyPendingSeconds: number;
}

/** Volunteers and AEDs to leave out of a dispatch. */
export interface BusyElsewhere {
  volunteers: Set<string>;
  aeds: Set<string>;
}

/**
 * What `alerts` (of other open Incidents) keep busy.
 *
 * A volunteer is busy when they accepted or are on scene elsewhere, or have
 * an unanswered alert there younger than `busyPendingSeconds`: they may be
 * reading it, or already running without having answered. Once it is older,
 * they most likely missed it or ignored it, and they are alerted again like
 * anyone else. An AED is busy while any alert elsewhere sends someone to fetch it.
 */
export function busyElsewhere(alerts: readonly AlertElsewhere[], policy: BusyPolicy): BusyElsewhere {
  const volunteers = new Set<string>();
  const aeds = new Set<string>();
  for (const alert of alerts) {
    if (alert.status !== 'PENDING' || alert.ageSeconds < policy.busyPendingSeconds) volunteers.add(alert.volunteerId);
    if (alert.task === 'FETCH_AED' && alert.aedId) aeds.add(alert.aedId);
  }
  return { volunteers, aeds };
}
