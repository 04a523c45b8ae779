import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, hasRole, requireAuthenticated, requireRole } from '../../common/auth.ts';
import type { RequestContext } from '../../common/context.ts';
import { badInput, forbidden, notFound } from '../../common/errors.ts';
import { isId, parseId } from '../../common/ids.ts';
import { MunicipalityRef } from './municipality.ref.ts';
import { Volunteer } from './volunteer.entity.ts';
import { RegisterVolunteerInput, VolunteerType } from './volunteer.type.ts';

@Resolver(() => VolunteerType)
export class VolunteerResolver {
  @Query(() => VolunteerType, { description: 'A volunteer: themselves, or ADMIN.' })
  async volunteer(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: RequestContext): Promise<VolunteerType> {
    requireAuthenticated(principal);
    const volunteerId = parseId(id, 'Volunteer');
    if (!hasRole(principal, Role.VOLUNTEER, volunteerId)) throw forbidden('You may only see your own volunteer record.');
    const volunteer = await em.findOne(Volunteer, { id: volunteerId });
    if (!volunteer) throw notFound('Volunteer', id);
    return VolunteerType.from(volunteer);
  }

  @Mutation(() => VolunteerType, { description: 'Registers a volunteer. ADMIN only.' })
  async registerVolunteer(
    @Arg('input', () => RegisterVolunteerInput) input: RegisterVolunteerInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<VolunteerType> {
    requireRole(principal, Role.ADMIN);
    if (!input.name.trim()) throw badInput('A volunteer needs a name.');
    if (!isId(input.municipalityId)) throw badInput('municipalityId is not a valid id.');
    const volunteer = em.create(Volunteer, { name: input.name.trim(), municipalityId: input.municipalityId });
    await em.flush();
    return VolunteerType.from(volunteer);
  }
}

@Resolver(() => MunicipalityRef)
export class MunicipalityVolunteersResolver {
  @FieldResolver(() => Int, { description: 'Registered volunteers in this municipality. Public (a count, no personal data).' })
  async volunteerCount(@Root() municipality: MunicipalityRef, @Ctx() { em }: RequestContext): Promise<number> {
    return em.count(Volunteer, { municipalityId: municipality.id });
  }
}
