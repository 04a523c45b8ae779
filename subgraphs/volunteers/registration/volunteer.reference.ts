import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { volunteersById } from '../loaders.ts';
import { VolunteerType } from './volunteer.type.ts';

/** Resolves `Volunteer` entities for other subgraphs, batched per request; deleted accounts resolve to null. */
export async function resolveVolunteerReference(reference: { id: string }, context: RequestContext): Promise<VolunteerType | null> {
  if (!isId(reference.id)) return null;
  const volunteer = await volunteersById(context).load(reference.id.toLowerCase());
  return volunteer ? VolunteerType.from(volunteer) : null;
}
