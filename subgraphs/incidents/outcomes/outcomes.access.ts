/**
 * Who may read outcome statistics, and how much (docs/results.md, "Who sees
 * what"). Aggregates only, for everyone; whether small cells are withheld
 * depends on who asks:
 *
 * - the coordinators of every municipality of the scope (its policy officer;
 *   the chair, group leader and administrative support of its working group)
 *   and ADMIN see every figure: the incidents are their own programme's;
 * - a coordinator of some municipalities of a working group or security
 *   region, and a dispatcher of an ambulance service serving the region, see
 *   that scope with cells of 1 to 4 incidents withheld;
 * - a partner association (a person holding PARTNER, or an API client with
 *   STATISTICS) sees its own members' figures only, small cells withheld,
 *   and no municipality, working group or region;
 * - anyone else, a policy officer of another municipality included: FORBIDDEN.
 */
import { isAdmin, municipalitiesVisibleTo, PartnerPermission, partnerAssociationsOf, regionsOfDispatcher, requireAuthenticated, type Principal } from '../../../common/auth.ts';
import { forbidden } from '../../../common/errors.ts';
import { OutcomeScopeKind, type OutcomeScope } from './outcome-scope.ts';
import type { Disclosure } from './outcomes.ts';

const FULL: Disclosure = { withholdSmallCells: false };
const AGGREGATE: Disclosure = { withholdSmallCells: true };

/**
 * How the scope's figures may be shown to the principal.
 * @throws UNAUTHENTICATED or FORBIDDEN when they may not see them at all.
 */
export function outcomeDisclosure(principal: Principal, scope: OutcomeScope): Disclosure {
  requireAuthenticated(principal);
  if (isAdmin(principal)) return FULL;
  if (scope.kind === OutcomeScopeKind.PARTNER_ASSOCIATION) {
    if (partnerAssociationsOf(principal, PartnerPermission.STATISTICS).includes(scope.id)) return AGGREGATE;
    throw forbidden('Only the partner association itself (with the STATISTICS permission) and ADMIN may see the outcomes of its members.');
  }
  const coordinated = new Set(municipalitiesVisibleTo(principal).ids);
  const inScope = scope.municipalities.filter((municipality) => coordinated.has(municipality.id)).length;
  if (inScope > 0 && inScope === scope.municipalities.length) return FULL;
  if (scope.kind !== OutcomeScopeKind.MUNICIPALITY) {
    if (inScope > 0) return AGGREGATE;
    if (scope.kind === OutcomeScopeKind.SECURITY_REGION && regionsOfDispatcher(principal).ids.includes(scope.id)) return AGGREGATE;
  }
  throw forbidden(
    scope.kind === OutcomeScopeKind.MUNICIPALITY
      ? 'Only the coordinators of this municipality (its policy officer, its working group) and ADMIN may see its outcomes.'
      : 'Only coordinators of its municipalities, dispatchers serving it (a region) and ADMIN may see these outcomes.',
  );
}
