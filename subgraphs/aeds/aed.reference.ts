import type { RequestContext } from '../../common/context.ts';
import { isId } from '../../common/ids.ts';
import { Aed } from './aed.entity.ts';
import { AedType } from './aed.type.ts';

export async function resolveAedReference(reference: { id: string }, { em }: RequestContext): Promise<AedType | null> {
  if (!isId(reference.id)) return null;
  const aed = await em.findOne(Aed, { id: reference.id });
  return aed ? AedType.from(aed) : null;
}
