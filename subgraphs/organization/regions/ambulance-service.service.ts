/** Rules for ambulance services, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { AmbulanceService, AmbulanceServiceRegion } from './ambulance-service.entity.ts';
import { getSecurityRegions, parseCode } from './security-region.service.ts';

export interface NewAmbulanceService {
  name: string;
  code: string;
  dispatchCentre: string;
  regionIds: string[];
}

export async function createAmbulanceService(em: EntityManager, input: NewAmbulanceService): Promise<AmbulanceService> {
  const name = input.name.trim();
  const dispatchCentre = input.dispatchCentre.trim();
  if (!name) throw badInput('An ambulance service needs a name.');
  if (!dispatchCentre) throw badInput('An ambulance service needs the name of its dispatch centre.');
  const code = parseCode(input.code, 'ambulance service');
  if (input.regionIds.length === 0) throw badInput('An ambulance service serves at least one security region.');
  const regions = await getSecurityRegions(em, input.regionIds);
  if (await em.count(AmbulanceService, { code })) throw conflict(`An ambulance service with code ${code} already exists.`);
  return em.transactional(async (tx) => {
    const service = tx.create(AmbulanceService, { name, code, dispatchCentre });
    // The rows that point at it are written after it: the ORM does not know these foreign keys.
    await tx.flush();
    for (const region of regions) tx.create(AmbulanceServiceRegion, { ambulanceServiceId: service.id, regionId: region.id });
    return service;
  });
}

/** Replaces the regions a service serves (at least one); its dispatchers' reach follows within the gateway's cache time. */
export async function setAmbulanceServiceRegions(em: EntityManager, id: string, regionIds: string[]): Promise<AmbulanceService> {
  const service = await getAmbulanceService(em, id);
  if (regionIds.length === 0) throw badInput('An ambulance service serves at least one security region.');
  const regions = await getSecurityRegions(em, regionIds);
  await em.transactional(async (tx) => {
    await tx.nativeDelete(AmbulanceServiceRegion, { ambulanceServiceId: service.id });
    for (const region of regions) tx.create(AmbulanceServiceRegion, { ambulanceServiceId: service.id, regionId: region.id });
  });
  return service;
}

export async function getAmbulanceService(em: EntityManager, id: string): Promise<AmbulanceService> {
  const service = await em.findOne(AmbulanceService, { id: parseId(id, 'AmbulanceService') });
  if (!service) throw notFound('AmbulanceService', id);
  return service;
}
