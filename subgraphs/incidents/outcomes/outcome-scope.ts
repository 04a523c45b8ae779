/**
 * What outcome statistics are asked for: a municipality, a working group
 * (its municipalities), a security region, or a partner association (the
 * alerts of its members, wherever they were). The organization subgraph says
 * which municipalities a scope holds and on which clock each one runs, the
 * way the gateway learns what a grant covers; an id it does not know is
 * NOT_FOUND, before anything is computed.
 */
import { GraphQLError } from 'graphql';
import { servicePrincipal } from '../../../common/auth.ts';
import { ErrorCode, notFound } from '../../../common/errors.ts';
import { isId } from '../../../common/ids.ts';
import type { PeerClient } from '../../../common/peers.ts';

const SERVICE = servicePrincipal('incidents');

/** The kinds of scope, one word each in schema, code and docs. */
export enum OutcomeScopeKind {
  MUNICIPALITY = 'MUNICIPALITY',
  WORKING_GROUP = 'WORKING_GROUP',
  SECURITY_REGION = 'SECURITY_REGION',
  PARTNER_ASSOCIATION = 'PARTNER_ASSOCIATION',
}

/** A municipality and its clock. */
export interface ScopeMunicipality {
  id: string;
  timeZone: string;
}

/** A scope as the organization subgraph knows it. */
export interface OutcomeScope {
  kind: OutcomeScopeKind;
  id: string;
  /**
   * The municipalities whose incidents count (for a partner association:
   * every municipality, whose clocks read its members' alerts; its incidents
   * are chosen by its members instead).
   */
  municipalities: ScopeMunicipality[];
}

/** What each lookup answers; only the municipalities are read. */
interface ScopeAnswer {
  municipality?: ScopeMunicipality;
  workingGroup?: { municipalities: ScopeMunicipality[] };
  securityRegion?: { municipalities: ScopeMunicipality[] };
  municipalities?: ScopeMunicipality[];
}

const QUERIES: Record<OutcomeScopeKind, { query: string; what: string; municipalities: (data: ScopeAnswer) => ScopeMunicipality[] }> = {
  [OutcomeScopeKind.MUNICIPALITY]: {
    what: 'Municipality',
    query: 'query OutcomeMunicipality($id: ID!) { municipality(id: $id) { id timeZone } }',
    municipalities: (data) => [data.municipality!],
  },
  [OutcomeScopeKind.WORKING_GROUP]: {
    what: 'WorkingGroup',
    query: 'query OutcomeWorkingGroup($id: ID!) { workingGroup(id: $id) { municipalities { id timeZone } } }',
    municipalities: (data) => data.workingGroup!.municipalities,
  },
  [OutcomeScopeKind.SECURITY_REGION]: {
    what: 'SecurityRegion',
    query: 'query OutcomeSecurityRegion($id: ID!) { securityRegion(id: $id) { municipalities { id timeZone } } }',
    municipalities: (data) => data.securityRegion!.municipalities,
  },
  [OutcomeScopeKind.PARTNER_ASSOCIATION]: {
    what: 'PartnerAssociation',
    query: 'query OutcomePartnerAssociation($id: ID!) { partnerAssociation(id: $id) { id } municipalities { id timeZone } }',
    municipalities: (data) => data.municipalities!,
  },
};

/**
 * Looks the scope up in the organization subgraph.
 * @throws NOT_FOUND when it does not exist (or the id is no id).
 */
export async function resolveOutcomeScope(peers: PeerClient, kind: OutcomeScopeKind, id: string): Promise<OutcomeScope> {
  const { query, what, municipalities } = QUERIES[kind];
  if (!isId(id)) throw notFound(what, id);
  try {
    const data = await peers.request<ScopeAnswer>('organization', query, { id }, SERVICE);
    return { kind, id: id.toLowerCase(), municipalities: municipalities(data) };
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.NOT_FOUND) throw notFound(what, id);
    throw error;
  }
}
