import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role, requireRole } from '../../common/auth.ts';
import type { RequestContext } from '../../common/context.ts';
import { parseId } from '../../common/ids.ts';
import { Municipality } from './municipality.entity.ts';
import { createMunicipality, getMunicipality } from './municipality.service.ts';
import { CreateMunicipalityInput, MunicipalityType } from './municipality.type.ts';

@Resolver(() => MunicipalityType)
export class MunicipalityResolver {
  @Query(() => [MunicipalityType], { description: 'Municipalities taking part, by name. Public.' })
  async municipalities(@Ctx() { em }: RequestContext): Promise<MunicipalityType[]> {
    const rows = await em.find(Municipality, {}, { orderBy: { name: 'asc' } });
    return rows.map(MunicipalityType.from);
  }

  @Query(() => MunicipalityType, { description: 'One municipality. Public.' })
  async municipality(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<MunicipalityType> {
    return MunicipalityType.from(await getMunicipality(em, parseId(id, 'Municipality')));
  }

  @Mutation(() => MunicipalityType, { description: 'Registers a municipality. ADMIN only.' })
  async createMunicipality(
    @Arg('input', () => CreateMunicipalityInput) input: CreateMunicipalityInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<MunicipalityType> {
    requireRole(principal, Role.ADMIN);
    return MunicipalityType.from(await createMunicipality(em, input));
  }
}
