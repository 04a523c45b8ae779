import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { AmbulanceService } from './ambulance-service.entity.ts';
import { AmbulanceServiceType } from './ambulance-service.type.ts';
import { byId } from '../loaders.ts';

/** Resolves `AmbulanceService` entities for other subgraphs, batched per request. */
export async function resolveAmbulanceServiceReference(reference: { id: string }, context: RequestContext): Promise<AmbulanceServiceType | null> {
  if (!isId(reference.id)) return null;
  const service = await byId(context, AmbulanceService).load(reference.id.toLowerCase());
  return service ? AmbulanceServiceType.from(service) : null;
}
