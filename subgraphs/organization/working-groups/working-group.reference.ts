import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { byId } from '../loaders.ts';
import { WorkingGroup } from './working-group.entity.ts';
import { WorkingGroupType } from './working-group.type.ts';

/** Resolves `WorkingGroup` entities for other subgraphs, batched per request. */
export async function resolveWorkingGroupReference(reference: { id: string }, context: RequestContext): Promise<WorkingGroupType | null> {
  if (!isId(reference.id)) return null;
  const group = await byId(context, WorkingGroup).load(reference.id.toLowerCase());
  return group ? WorkingGroupType.from(group) : null;
}
