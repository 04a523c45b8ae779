import { requireAuthenticated, requireRole, Role, type Principal } from '../../../common/auth.ts';
import { forbidden } from '../../../common/errors.ts';

/**
 * Throws unless the principal may manage the association's API clients:
 * ADMIN, or a person holding PARTNER for it. An API client never may, so a
 * leaked credential cannot mint itself successors.
 */
export function requirePartnerManager(principal: Principal, partnerAssociationId: string): void {
  requireAuthenticated(principal);
  if (principal.apiClientId) throw forbidden('An API client cannot manage API clients; sign in as a person of the association.');
  requireRole(principal, Role.PARTNER, partnerAssociationId, 'Only the association’s partners (or ADMIN) manage its API clients.');
}
