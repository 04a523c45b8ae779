import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { byId } from '../loaders.ts';
import { SecurityRegion } from './security-region.entity.ts';
import { SecurityRegionType } from './security-region.type.ts';

/** Resolves `SecurityRegion` entities for other subgraphs, batched per request. */
export async function resolveSecurityRegionReference(reference: { id: string }, context: RequestContext): Promise<SecurityRegionType | null> {
  if (!isId(reference.id)) return null;
  const region = await byId(context, SecurityRegion).load(reference.id.toLowerCase());
  return region ? SecurityRegionType.from(region) : null;
}
