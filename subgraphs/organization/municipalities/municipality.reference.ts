import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { byId } from '../loaders.ts';
import { Municipality } from './municipality.entity.ts';
import { MunicipalityType } from './municipality.type.ts';

/** Resolves `Municipality` entities for other subgraphs, batched per request. */
export async function resolveMunicipalityReference(reference: { id: string }, context: RequestContext): Promise<MunicipalityType | null> {
  if (!isId(reference.id)) return null;
  const municipality = await byId(context, Municipality).load(reference.id.toLowerCase());
  return municipality ? MunicipalityType.from(municipality) : null;
}
