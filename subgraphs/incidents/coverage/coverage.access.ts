/**
 * Who may read a municipality's six-minute coverage and AED placement
 * suggestions (docs/access.md, "readiness, coverage and AED suggestions of
 * M with details"): its coordinators (its policy officer; the chair, group
 * leader and administrative support of a working group covering it) and
 * ADMIN. They contain no personal data (cells and counts), but they are
 * the working material of the municipality's programme, not a publication:
 * partners, dispatchers, volunteers and other municipalities' coordinators
 * are refused.
 */
import { municipalitiesVisibleTo, requireAuthenticated, type Principal } from '../../../common/auth.ts';
import { forbidden } from '../../../common/errors.ts';

/** Whether the principal may read the coverage details of `municipalityId`. */
export function canSeeCoverageOf(principal: Principal, municipalityId: string): boolean {
  const visible = municipalitiesVisibleTo(principal);
  return visible.all || visible.ids.includes(municipalityId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canSeeCoverageOf}. */
export function requireCoverageAccess(principal: Principal, municipalityId: string): void {
  requireAuthenticated(principal);
  if (!canSeeCoverageOf(principal, municipalityId)) {
    throw forbidden('Only the coordinators of this municipality (its policy officer, its working group) and ADMIN may see its coverage and AED suggestions.');
  }
}
