/**
 * Who may see and do what in the incidents subgraph, on top of the shared
 * rules in common/auth.ts:
 *
 * - an Incident, its alerts and its timeline: dispatchers of the ambulance
 *   service that reported it, and ADMIN;
 * - an alert: also the alerted volunteer; the patient's address and position,
 *   the route and the cabinet code only the alerted volunteer (not even ADMIN);
 * - partner apps: the alerts of their own members, never an address, phone
 *   number or position (a type of their own, MemberAlert);
 * - aftercare: the follow-ups only the volunteer; escalations the coordinators
 *   of the volunteer's municipality;
 * - devices and their push tokens: only the volunteer (not even ADMIN).
 */
import { Role, hasRole, holdsGrant, requireAuthenticated, scopesOf, type Principal } from '../../common/auth.ts';
import { forbidden } from '../../common/errors.ts';

/** Whether the principal is this volunteer themselves (ADMIN does not count). */
export function isVolunteerSelf(principal: Principal, volunteerId: string): boolean {
  return holdsGrant(principal, Role.VOLUNTEER, volunteerId);
}

/** Whether the principal follows and manages Incidents of this ambulance service: its dispatchers, or ADMIN. */
export function canManageIncidentsOf(principal: Principal, ambulanceServiceId: string): boolean {
  return hasRole(principal, Role.DISPATCHER, ambulanceServiceId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canManageIncidentsOf}. */
export function requireIncidentAccess(principal: Principal, ambulanceServiceId: string): void {
  requireAuthenticated(principal);
  if (!canManageIncidentsOf(principal, ambulanceServiceId)) {
    throw forbidden('Only dispatchers of the ambulance service that reported this incident may see or change it.');
  }
}

/** Whether the principal may see an alert (without the volunteer-only fields): the volunteer, the Incident's dispatchers, ADMIN. */
export function canSeeAlert(principal: Principal, volunteerId: string, ambulanceServiceId: string | null): boolean {
  return hasRole(principal, Role.VOLUNTEER, volunteerId) || (ambulanceServiceId !== null && canManageIncidentsOf(principal, ambulanceServiceId));
}

/**
 * The volunteer the caller is (their one VOLUNTEER grant), for what only a
 * volunteer does for themselves (their devices); ADMIN does not count.
 */
export function requireOwnVolunteerId(principal: Principal): string {
  requireAuthenticated(principal);
  const ids = [...new Set(scopesOf(principal, Role.VOLUNTEER))];
  if (ids.length === 0) throw forbidden('Only a volunteer manages their own devices and alert delivery.');
  if (ids.length > 1) throw forbidden('You are signed in as several volunteers; sign in as one to manage devices.');
  return ids[0]!;
}
