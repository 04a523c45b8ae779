/**
 * Per-request DataLoaders, so lists of municipalities, working groups and
 * federation references cost one query per relation instead of one per row.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loader, type RequestContext } from '../../common/context.ts';
import { AmbulanceServiceRegion } from './regions/ambulance-service.entity.ts';
import { PartnerMunicipality } from './partners/partner-association.entity.ts';
import { WorkingGroupMunicipality } from './working-groups/working-group.entity.ts';
import { todaysOf } from './working-groups/working-group.service.ts';

type EntityClass<T> = new (...args: any[]) => T;

/** Rows of `entity` by id; null for ids that do not exist. */
export function byId<T extends { id: string }>(context: RequestContext, entity: EntityClass<T>): DataLoader<string, T | null> {
  return loader(
    context,
    `${entity.name}:byId`,
    () =>
      new DataLoader<string, T | null>(async (ids) => {
        const rows = (await context.em.find(entity as EntityClass<{ id: string }>, { id: { $in: [...ids] } })) as T[];
        const found = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => found.get(id) ?? null);
      }),
  );
}

function grouped<K extends string, V>(context: RequestContext, name: string, load: (em: EntityManager, keys: K[]) => Promise<[K, V][]>): DataLoader<K, V[]> {
  return loader(
    context,
    name,
    () =>
      new DataLoader<K, V[]>(async (keys) => {
        const groups = new Map<K, V[]>();
        for (const [key, value] of await load(context.em, [...keys])) {
          let group = groups.get(key);
          if (!group) groups.set(key, (group = []));
          group.push(value);
        }
        return keys.map((key) => groups.get(key) ?? []);
      }),
  );
}

/** Municipality ids per working group. */
export const municipalityIdsOfWorkingGroup = (context: RequestContext) =>
  grouped<string, string>(context, 'municipalityIdsOfWorkingGroup', async (em, ids) =>
    (await em.find(WorkingGroupMunicipality, { workingGroupId: { $in: ids } })).map((row) => [row.workingGroupId, row.municipalityId]),
  );

/** The open working group (at most one) per municipality id. */
export const workingGroupIdsOfMunicipality = (context: RequestContext) =>
  grouped<string, string>(context, 'workingGroupIdsOfMunicipality', async (em, ids) =>
    (await em.find(WorkingGroupMunicipality, { municipalityId: { $in: ids }, closedAt: null })).map((row) => [row.municipalityId, row.workingGroupId]),
  );

/** Region ids per ambulance service. */
export const regionIdsOfAmbulanceService = (context: RequestContext) =>
  grouped<string, string>(context, 'regionIdsOfAmbulanceService', async (em, ids) =>
    (await em.find(AmbulanceServiceRegion, { ambulanceServiceId: { $in: ids } })).map((row) => [row.ambulanceServiceId, row.regionId]),
  );

/** Ambulance service ids per region. */
export const ambulanceServiceIdsOfRegion = (context: RequestContext) =>
  grouped<string, string>(context, 'ambulanceServiceIdsOfRegion', async (em, ids) =>
    (await em.find(AmbulanceServiceRegion, { regionId: { $in: ids } })).map((row) => [row.regionId, row.ambulanceServiceId]),
  );

/** Today in each working group's time zone (see `todaysOf`). */
export const todayOfWorkingGroup = (context: RequestContext) =>
  loader(
    context,
    'todayOfWorkingGroup',
    () =>
      new DataLoader<string, string>(async (ids) => {
        const today = await todaysOf(context.em, [...ids]);
        return ids.map((id) => today.get(id)!);
      }),
  );

/** Memberships of municipalities per partner association. */
export const municipalitiesOfPartner = (context: RequestContext) =>
  grouped<string, PartnerMunicipality>(context, 'municipalitiesOfPartner', async (em, ids) =>
    (await em.find(PartnerMunicipality, { partnerAssociationId: { $in: ids }, leftOn: null }, { orderBy: { joinedOn: 'asc' } })).map((row) => [row.partnerAssociationId, row]),
  );

/** Partner association ids per municipality. */
export const partnersOfMunicipality = (context: RequestContext) =>
  grouped<string, string>(context, 'partnersOfMunicipality', async (em, ids) =>
    (await em.find(PartnerMunicipality, { municipalityId: { $in: ids }, leftOn: null })).map((row) => [row.municipalityId, row.partnerAssociationId]),
  );
