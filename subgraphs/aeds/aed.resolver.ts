import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, requireRole } from '../../common/auth.ts';
import type { RequestContext } from '../../common/context.ts';
import { badInput, notFound } from '../../common/errors.ts';
import { checkPosition } from '../../common/geo.type.ts';
import { isId, parseId } from '../../common/ids.ts';
import { Aed } from './aed.entity.ts';
import { AedType, RegisterAedInput } from './aed.type.ts';
import { MunicipalityRef } from './municipality.ref.ts';

@Resolver(() => AedType)
export class AedResolver {
  @Query(() => AedType, { description: 'One AED. Public: AED locations are published to save lives.' })
  async aed(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<AedType> {
    const aed = await em.findOne(Aed, { id: parseId(id, 'Aed') });
    if (!aed) throw notFound('Aed', id);
    return AedType.from(aed);
  }

  @Mutation(() => AedType, { description: 'Registers an AED. ADMIN only.' })
  async registerAed(
    @Arg('input', () => RegisterAedInput) input: RegisterAedInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedType> {
    requireRole(principal, Role.ADMIN);
    const { latitude, longitude } = checkPosition(input.location, 'AED');
    if (!isId(input.municipalityId)) throw badInput('municipalityId is not a valid id.');
    const aed = em.create(Aed, {
      latitude,
      longitude,
      locationDescription: input.locationDescription.trim(),
      municipalityId: input.municipalityId,
    });
    await em.flush();
    return AedType.from(aed);
  }
}

@Resolver(() => MunicipalityRef)
export class MunicipalityAedsResolver {
  @FieldResolver(() => Int, { description: 'Registered AEDs in this municipality. Public.' })
  async aedCount(@Root() municipality: MunicipalityRef, @Ctx() { em }: RequestContext): Promise<number> {
    return em.count(Aed, { municipalityId: municipality.id });
  }
}
