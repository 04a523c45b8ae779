import type { RequestContext } from '../../../common/context.ts';
import { AedType } from './aed.type.ts';
import { aedById } from '../loaders.ts';

/** Resolves `Aed` references from other subgraphs (an alert's AED), batched per request. */
export async function resolveAedReference(reference: { id: string }, context: RequestContext): Promise<AedType | null> {
  const aed = await aedById(context).load(reference.id);
  return aed ? AedType.from(aed) : null;
}
