import type { RequestContext } from '../../common/context.ts';
import { isId } from '../../common/ids.ts';
import { Volunteer } from './volunteer.entity.ts';
import { VolunteerType } from './volunteer.type.ts';

export async function resolveVolunteerReference(reference: { id: string }, { em }: RequestContext): Promise<VolunteerType | null> {
  if (!isId(reference.id)) return null;
  const volunteer = await em.findOne(Volunteer, { id: reference.id });
  return volunteer ? VolunteerType.from(volunteer) : null;
}
