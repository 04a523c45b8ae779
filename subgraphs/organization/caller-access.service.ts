/**
 * What a caller's grants cover, for the gateway to sign into the principal
 * every subgraph sees (see gateway/auth.ts and the access helpers in
 * common/auth.ts). This is where a working group's municipalities, an
 * ambulance service's regions and a person's working-group roles enter the
 * access model.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, WORKING_GROUP_ROLES, type Grant, type PartnerPermission, type Principal } from '../../common/auth.ts';
import { isId } from '../../common/ids.ts';
import { AmbulanceServiceRegion } from './regions/ambulance-service.entity.ts';
import type { ApiClient } from './partners/api-client.entity.ts';
import { Municipality } from './municipalities/municipality.entity.ts';
import { PartnerMunicipality } from './partners/partner-association.entity.ts';
import { WorkingGroupRole } from './working-groups/working-group-member.entity.ts';
import { currentMembershipsOf, isPersonSubject } from './working-groups/working-group-member.service.ts';
import { WorkingGroupMunicipality } from './working-groups/working-group.entity.ts';
import { closedAmong } from './working-groups/working-group.service.ts';

/** What the gateway signs: who the caller is, and every grant with what it covers. */
export interface CallerAccess {
  subject: string;
  apiClientId: string | null;
  grants: Grant[];
}

/** The subject of an API client's principal. */
export const apiClientSubject = (apiClientId: string) => `apiclient:${apiClientId}`;

/**
 * Working-group roles a membership gives its member in the whole graph. A
 * member who volunteers or represents the municipality gets no grant from
 * it: their VOLUNTEER or POLICY_OFFICER grant comes from the identity
 * provider, so no chair can hand anyone a volunteer's or a municipality's identity.
 */
const GRANTED_BY_MEMBERSHIP: Partial<Record<WorkingGroupRole, Role>> = {
  [WorkingGroupRole.CHAIR]: Role.CHAIR,
  [WorkingGroupRole.GROUP_LEADER]: Role.GROUP_LEADER,
  [WorkingGroupRole.ADMIN_SUPPORT]: Role.ADMIN_SUPPORT,
};

function groupBy(rows: [string, string][]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, value] of rows) groups.set(key, [...(groups.get(key) ?? []), value]);
  return groups;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * Fills in what each grant covers, in five queries whatever the number of
 * grants. A working-group role in a closed group, like a partner's ended
 * membership of a municipality, grants nothing: it is left out.
 */
async function resolve(em: EntityManager, grants: Grant[]): Promise<Grant[]> {
  const scopes = (roles: readonly Role[]) => sorted(grants.filter((grant) => roles.includes(grant.role) && grant.scope && isId(grant.scope)).map((grant) => grant.scope!));
  const workingGroupIds = scopes(WORKING_GROUP_ROLES);
  const serviceIds = scopes([Role.DISPATCHER]);
  const partnerIds = scopes([Role.PARTNER]);
  const [groupRows, closedGroups, serviceRows, partnerRows] = await Promise.all([
    workingGroupIds.length ? em.find(WorkingGroupMunicipality, { workingGroupId: { $in: workingGroupIds }, closedAt: null }) : [],
    closedAmong(em, workingGroupIds),
    serviceIds.length ? em.find(AmbulanceServiceRegion, { ambulanceServiceId: { $in: serviceIds } }) : [],
    partnerIds.length ? em.find(PartnerMunicipality, { partnerAssociationId: { $in: partnerIds }, leftOn: null }) : [],
  ]);
  const municipalitiesOfGroup = groupBy(groupRows.map((row) => [row.workingGroupId, row.municipalityId]));
  const regionsOfService = groupBy(serviceRows.map((row) => [row.ambulanceServiceId, row.regionId]));
  const municipalitiesOfPartner = groupBy(partnerRows.map((row) => [row.partnerAssociationId, row.municipalityId]));

  const municipalityIds = sorted([...scopes([Role.POLICY_OFFICER]), ...groupRows.map((row) => row.municipalityId), ...partnerRows.map((row) => row.municipalityId)]);
  const municipalities = municipalityIds.length ? await em.find(Municipality, { id: { $in: municipalityIds } }) : [];
  const regionOf = new Map(municipalities.map((municipality) => [municipality.id, municipality.regionId ?? null]));
  const covering = (ids: string[]) => ({
    municipalityIds: sorted(ids.filter((id) => regionOf.has(id))),
    regionIds: sorted(ids.map((id) => regionOf.get(id)).filter((id): id is string => !!id)),
  });

  const open = grants.filter((grant) => !(WORKING_GROUP_ROLES.includes(grant.role) && grant.scope && closedGroups.has(grant.scope)));
  return open.map((grant): Grant => {
    const scope = grant.scope ?? '';
    switch (grant.role) {
      case Role.POLICY_OFFICER:
        return { ...grant, ...covering([scope]) };
      case Role.CHAIR:
      case Role.GROUP_LEADER:
      case Role.ADMIN_SUPPORT:
        return { ...grant, ...covering(municipalitiesOfGroup.get(scope) ?? []) };
      case Role.PARTNER:
        return { ...grant, ...covering(municipalitiesOfPartner.get(scope) ?? []) };
      case Role.DISPATCHER:
        return { ...grant, regionIds: sorted(regionsOfService.get(scope) ?? []) };
      default:
        return grant;
    }
  });
}

/**
 * The access of a person (or a service) as the gateway verified them: the
 * grants of their token plus those of their current working-group
 * memberships (UTC today), each with what it covers.
 */
export async function accessOf(em: EntityManager, principal: Principal): Promise<CallerAccess> {
  const grants = new Map<string, Grant>();
  const add = (grant: Grant) => grants.set(`${grant.role}:${grant.scope ?? ''}`, grant.scope ? { role: grant.role, scope: grant.scope } : { role: grant.role });
  principal.grants.forEach(add);
  if (isPersonSubject(principal.subject) && !principal.apiClientId) {
    for (const membership of await currentMembershipsOf(em, principal.subject)) {
      const role = GRANTED_BY_MEMBERSHIP[membership.role];
      if (role) add({ role, scope: membership.workingGroupId });
    }
  }
  return { subject: principal.subject, apiClientId: null, grants: await resolve(em, [...grants.values()]) };
}

/** The access of a partner's API client: its association's PARTNER grant, limited to its permissions. */
export async function accessOfApiClient(em: EntityManager, apiClient: ApiClient): Promise<CallerAccess> {
  const grant: Grant = { role: Role.PARTNER, scope: apiClient.partnerAssociationId, permissions: [...apiClient.permissions] as PartnerPermission[] };
  return { subject: apiClientSubject(apiClient.id), apiClientId: apiClient.id, grants: await resolve(em, [grant]) };
}
