import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireRole, Role } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { AmbulanceService } from './ambulance-service.entity.ts';
import { AmbulanceServiceType } from './ambulance-service.type.ts';
import { ambulanceServiceIdsOfRegion } from '../loaders.ts';
import { Municipality } from '../municipalities/municipality.entity.ts';
import { MunicipalityType } from '../municipalities/municipality.type.ts';
import { SecurityRegion } from './security-region.entity.ts';
import { createSecurityRegion, getSecurityRegion } from './security-region.service.ts';
import { CreateSecurityRegionInput, SecurityRegionType } from './security-region.type.ts';

@Resolver(() => SecurityRegionType)
export class SecurityRegionResolver {
  @Query(() => [SecurityRegionType], { description: 'Security regions, by name. Public.' })
  async securityRegions(@Ctx() { em }: RequestContext): Promise<SecurityRegionType[]> {
    return (await em.find(SecurityRegion, {}, { orderBy: { name: 'asc' } })).map(SecurityRegionType.from);
  }

  @Query(() => SecurityRegionType, { description: 'One security region. Public.' })
  async securityRegion(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<SecurityRegionType> {
    return SecurityRegionType.from(await getSecurityRegion(em, id));
  }

  @Mutation(() => SecurityRegionType, { description: 'Registers a security region. ADMIN only.' })
  async createSecurityRegion(
    @Arg('input', () => CreateSecurityRegionInput) input: CreateSecurityRegionInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<SecurityRegionType> {
    requireRole(principal, Role.ADMIN);
    return SecurityRegionType.from(await createSecurityRegion(em, input));
  }

  @FieldResolver(() => [MunicipalityType], { description: 'Its municipalities, by name.' })
  async municipalities(@Root() region: SecurityRegionType, @Ctx() { em }: RequestContext): Promise<MunicipalityType[]> {
    return (await em.find(Municipality, { regionId: region.id }, { orderBy: { name: 'asc' } })).map(MunicipalityType.from);
  }

  @FieldResolver(() => [AmbulanceServiceType], { description: 'The ambulance services that serve it, by name.' })
  async ambulanceServices(@Root() region: SecurityRegionType, @Ctx() context: RequestContext): Promise<AmbulanceServiceType[]> {
    const ids = await ambulanceServiceIdsOfRegion(context).load(region.id);
    const services = ids.length ? await context.em.find(AmbulanceService, { id: { $in: ids } }, { orderBy: { name: 'asc' } }) : [];
    return services.map(AmbulanceServiceType.from);
  }
}
