/**
 * Who may see and change what of a volunteer. The access model lives in
 * common/auth.ts; these are its volunteer-specific applications.
 *
 * Personal data (name, contact details, addresses, positions, certificates,
 * availability, alertability) is visible to the volunteer themselves and to
 * the coordinators of their municipality (ADMIN, its policy officer, the
 * chair, group leader and administrative support of the working group
 * covering it): `canSeePersonalDataOf`. Never to partners, to other
 * municipalities' coordinators, or to dispatchers: a dispatcher sees the
 * phone and position of the volunteers alerted for their incident in the
 * incidents subgraph, which received them with the alert (see docs/volunteers.md,
 * "Volunteers: privacy").
 */
import { ANONYMOUS, Role, WORKING_GROUP_ROLES, canSeePersonalDataOf, municipalitiesVisibleTo, scopesOf, type Principal } from '../../common/auth.ts';
import { forbidden, unauthenticated } from '../../common/errors.ts';
import { isId } from '../../common/ids.ts';
import { Volunteer, VolunteerStatus } from './registration/volunteer.entity.ts';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Whether the caller is a person signed in with the identity provider (not anonymous, not an app, not a subgraph). */
export function isPerson(principal: Principal): boolean {
  return principal.subject !== ANONYMOUS.subject && principal.apiClientId === undefined && !principal.grants.some((grant) => grant.role === Role.SERVICE);
}

/** Throws UNAUTHENTICATED unless {@link isPerson}. A token without any role is enough (a new user signing up). */
export function requirePerson(principal: Principal): void {
  if (!isPerson(principal)) throw unauthenticated('Sign in as a person to do this.');
}

/**
 * Throws UNAUTHENTICATED for anonymous callers only: a signed-in person
 * without any role may still be a volunteer (signed up with `registerMe`,
 * before their token carries the VOLUNTEER grant).
 */
export function requireSignedIn(principal: Principal): void {
  if (principal.subject === ANONYMOUS.subject) throw unauthenticated();
}

/** Whether the caller is the volunteer: by their VOLUNTEER grant, or by the account they signed up with. */
export function isSelf(principal: Principal, volunteer: Pick<Volunteer, 'id' | 'accountSubject'>): boolean {
  if (scopesOf(principal, Role.VOLUNTEER).includes(volunteer.id)) return true;
  return isPerson(principal) && !!volunteer.accountSubject && volunteer.accountSubject === principal.subject;
}

/** Whether the caller may see the volunteer's personal data: themselves, or a coordinator of their municipality. */
export function canSeeVolunteer(principal: Principal, volunteer: Pick<Volunteer, 'id' | 'accountSubject' | 'municipalityId'>): boolean {
  return isSelf(principal, volunteer) || canSeePersonalDataOf(principal, volunteer.municipalityId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canSeeVolunteer}. */
export function requireVolunteerAccess(principal: Principal, volunteer: Pick<Volunteer, 'id' | 'accountSubject' | 'municipalityId'>): void {
  if (canSeeVolunteer(principal, volunteer)) return;
  if (principal.subject === ANONYMOUS.subject) throw unauthenticated();
  throw forbidden('Only the volunteer and the coordinators of their municipality may see their personal data.');
}

/**
 * Whether the caller manages the volunteers of `municipalityId` (registers,
 * corrects, suspends, imports): ADMIN, or a chair, group leader or
 * administrative support of the working group covering it.
 */
export function canManageVolunteersOf(principal: Principal, municipalityId: string): boolean {
  const managed = municipalitiesVisibleTo(principal, WORKING_GROUP_ROLES);
  return managed.all || managed.ids.includes(municipalityId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canManageVolunteersOf}. */
export function requireManageVolunteersOf(principal: Principal, municipalityId: string): void {
  if (canManageVolunteersOf(principal, municipalityId)) return;
  if (principal.subject === ANONYMOUS.subject) throw unauthenticated();
  throw forbidden('Only ADMIN and the working group of the volunteer’s municipality (chair, group leader, administrative support) may do this.');
}

/** Whether the caller may verify certificates in `municipalityId`: ADMIN, or the working group's administrative support. */
export function canVerifyCertificatesOf(principal: Principal, municipalityId: string): boolean {
  const verifiers = municipalitiesVisibleTo(principal, [Role.ADMIN_SUPPORT]);
  return verifiers.all || verifiers.ids.includes(municipalityId);
}

/** Throws unless {@link canVerifyCertificatesOf}. */
export function requireCertificateVerifierOf(principal: Principal, municipalityId: string): void {
  if (canVerifyCertificatesOf(principal, municipalityId)) return;
  if (principal.subject === ANONYMOUS.subject) throw unauthenticated();
  throw forbidden('Only the administrative support of the volunteer’s working group (or ADMIN) may verify certificates.');
}

/**
 * The caller's own volunteer record: the one named by their VOLUNTEER grant,
 * else the one they signed up with (so `registerMe` works before the identity
 * provider issues a token with the new VOLUNTEER grant). Throws FORBIDDEN when
 * the caller is not a volunteer.
 */
export async function myVolunteer(em: EntityManager, principal: Principal): Promise<Volunteer> {
  requirePerson(principal);
  const found = await findMyVolunteer(em, principal);
  if (!found) throw forbidden('You are not registered as a volunteer; sign up with registerMe.');
  return found;
}

/** Like {@link myVolunteer}, but null when the caller is not a volunteer. */
export async function findMyVolunteer(em: EntityManager, principal: Principal): Promise<Volunteer | null> {
  if (!isPerson(principal)) return null;
  // A scope that is not an id cannot name a volunteer (and must not reach a uuid column).
  const granted = scopesOf(principal, Role.VOLUNTEER).filter(isId);
  const active = { status: { $ne: VolunteerStatus.DELETED } };
  if (granted.length > 0) {
    const byGrant = await em.findOne(Volunteer, { id: { $in: granted }, ...active }, { orderBy: { createdAt: 'asc' } });
    if (byGrant) return byGrant;
  }
  return em.findOne(Volunteer, { accountSubject: principal.subject, ...active });
}
