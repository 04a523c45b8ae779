import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireRole, Role } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { AmbulanceService } from './ambulance-service.entity.ts';
import { createAmbulanceService, getAmbulanceService, setAmbulanceServiceRegions } from './ambulance-service.service.ts';
import { AmbulanceServiceType, CreateAmbulanceServiceInput } from './ambulance-service.type.ts';
import { byId, regionIdsOfAmbulanceService } from '../loaders.ts';
import { SecurityRegion } from './security-region.entity.ts';
import { SecurityRegionType } from './security-region.type.ts';

@Resolver(() => AmbulanceServiceType)
export class AmbulanceServiceResolver {
  @Query(() => [AmbulanceServiceType], { description: 'Ambulance services, by name. Public.' })
  async ambulanceServices(@Ctx() { em }: RequestContext): Promise<AmbulanceServiceType[]> {
    return (await em.find(AmbulanceService, {}, { orderBy: { name: 'asc' } })).map(AmbulanceServiceType.from);
  }

  @Query(() => AmbulanceServiceType, { description: 'One ambulance service. Public.' })
  async ambulanceService(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<AmbulanceServiceType> {
    return AmbulanceServiceType.from(await getAmbulanceService(em, id));
  }

  @Mutation(() => AmbulanceServiceType, { description: 'Registers an ambulance service and the regions it serves. ADMIN only.' })
  async createAmbulanceService(
    @Arg('input', () => CreateAmbulanceServiceInput) input: CreateAmbulanceServiceInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AmbulanceServiceType> {
    requireRole(principal, Role.ADMIN);
    return AmbulanceServiceType.from(await createAmbulanceService(em, input));
  }

  @Mutation(() => AmbulanceServiceType, {
    description: 'Replaces the regions a service serves, and so where its dispatchers may report incidents. ADMIN only.',
  })
  async setAmbulanceServiceRegions(
    @Arg('id', () => ID) id: string,
    @Arg('regionIds', () => [ID]) regionIds: string[],
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AmbulanceServiceType> {
    requireRole(principal, Role.ADMIN);
    return AmbulanceServiceType.from(await setAmbulanceServiceRegions(em, id, regionIds));
  }

  @FieldResolver(() => [SecurityRegionType], { description: 'The regions it serves, by name.' })
  async regions(@Root() service: AmbulanceServiceType, @Ctx() context: RequestContext): Promise<SecurityRegionType[]> {
    const ids = await regionIdsOfAmbulanceService(context).load(service.id);
    const regions = (await byId(context, SecurityRegion).loadMany(ids)).filter((row): row is SecurityRegion => row instanceof SecurityRegion);
    return regions.sort((a, b) => a.name.localeCompare(b.name)).map(SecurityRegionType.from);
  }
}
