import type { RequestContext } from '../../common/context.ts';
import { isId } from '../../common/ids.ts';
import { Municipality } from './municipality.entity.ts';
import { MunicipalityType } from './municipality.type.ts';

/** Resolves `Municipality` entities for other subgraphs, batched per request. */
export async function resolveMunicipalityReference(
  reference: { id: string },
  { em }: RequestContext,
): Promise<MunicipalityType | null> {
  if (!isId(reference.id)) return null;
  const municipality = await em.findOne(Municipality, { id: reference.id });
  return municipality ? MunicipalityType.from(municipality) : null;
}
