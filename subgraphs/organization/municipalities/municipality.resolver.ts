import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isAdmin, requireRole, Role } from '../../../common/auth.ts';
import { AFTER, FIRST } from '../../../common/connection.type.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput, forbidden } from '../../../common/errors.ts';
import { checkPosition, GeoPointInput } from '../../../common/geo.type.ts';
import { markPhase } from '../../../common/phases.ts';
import { byId, partnersOfMunicipality, workingGroupIdsOfMunicipality } from '../loaders.ts';
import { LocationType } from './location.type.ts';
import { Municipality } from './municipality.entity.ts';
import { distanceOutside } from './boundary.ts';
import { createMunicipality, getMunicipality, municipalityAt, placeAt, updateMunicipality } from './municipality.service.ts';
import { municipalityPage } from './municipality-page.ts';
import { CreateMunicipalityInput, MunicipalityConnectionType, MunicipalityFilterInput, MunicipalityType, UpdateMunicipalityInput } from './municipality.type.ts';
import { PartnerAssociation } from '../partners/partner-association.entity.ts';
import { PartnerAssociationType } from '../partners/partner-association.type.ts';
import { SecurityRegion } from '../regions/security-region.entity.ts';
import { SecurityRegionType } from '../regions/security-region.type.ts';
import { WorkingGroup } from '../working-groups/working-group.entity.ts';
import { WorkingGroupType } from '../working-groups/working-group.type.ts';

@Resolver(() => MunicipalityType)
export class MunicipalityResolver {
  @Query(() => [MunicipalityType], { description: 'Municipalities taking part, by name. Public.' })
  async municipalities(@Ctx() { em }: RequestContext): Promise<MunicipalityType[]> {
    const rows = await em.find(Municipality, {}, { orderBy: { name: 'asc' } });
    return rows.map(MunicipalityType.from);
  }

  @Query(() => MunicipalityConnectionType, { description: 'Municipalities taking part a page at a time, by name (then id), filtered. Public.' })
  async municipalitiesConnection(
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null | undefined,
    @Arg('filter', () => MunicipalityFilterInput, { nullable: true }) filter: MunicipalityFilterInput | null | undefined,
    @Ctx() { em }: RequestContext,
  ): Promise<MunicipalityConnectionType> {
    return MunicipalityConnectionType.from(await municipalityPage(em, { first, after, filter }));
  }

  @Query(() => MunicipalityType, { description: 'One municipality. Public.' })
  async municipality(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<MunicipalityType> {
    return MunicipalityType.from(await getMunicipality(em, id));
  }

  @Query(() => MunicipalityType, {
    nullable: true,
    description: 'The municipality whose boundary contains the position (so its region, and the ambulance services that serve it), or null. Public.',
  })
  async municipalityAt(@Arg('position', () => GeoPointInput) position: GeoPointInput, @Ctx() { em }: RequestContext): Promise<MunicipalityType | null> {
    const municipality = await municipalityAt(em, position);
    return municipality ? MunicipalityType.from(municipality) : null;
  }

  @Query(() => LocationType, {
    nullable: true,
    description: 'The municipality and region a point lies in, or null when it is in no municipality placed in a region. For the incidents subgraph (SERVICE) only.',
  })
  async locate(
    @Arg('latitude', () => Float) latitude: number,
    @Arg('longitude', () => Float) longitude: number,
    @Ctx() { dispatchEm, principal }: RequestContext,
  ): Promise<LocationType | null> {
    markPhase('organization', 'locate.asked');
    requireRole(principal, Role.SERVICE, 'incidents');
    // On the dispatch path: the dispatch lane's connections.
    const place = await placeAt(dispatchEm, { latitude, longitude });
    markPhase('organization', 'locate.found');
    return (place && LocationType.from(place)) ?? null;
  }

  @Mutation(() => MunicipalityType, { description: 'Registers a municipality. ADMIN only.' })
  async createMunicipality(@Arg('input', () => CreateMunicipalityInput) input: CreateMunicipalityInput, @Ctx() { em, principal }: RequestContext): Promise<MunicipalityType> {
    requireRole(principal, Role.ADMIN);
    return MunicipalityType.from(await createMunicipality(em, input));
  }

  @Mutation(() => MunicipalityType, {
    description: 'Changes a municipality’s name, time zone, population or boundary: ADMIN or its POLICY_OFFICER. Its region, code and country: ADMIN only.',
  })
  async updateMunicipality(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMunicipalityInput) input: UpdateMunicipalityInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<MunicipalityType> {
    requireRole(principal, Role.POLICY_OFFICER, id.toLowerCase());
    // Moving a municipality to another region changes which dispatch centres may report incidents in it.
    if (input.regionId !== undefined && !isAdmin(principal)) throw forbidden('Only ADMIN may move a municipality to another security region.');
    // The code and country are the registry's keys and the other subgraphs' copies; corrected centrally.
    if ((input.code !== undefined || input.countryCode !== undefined) && !isAdmin(principal)) {
      throw forbidden('Only ADMIN may correct a municipality’s code or country.');
    }
    return MunicipalityType.from(await updateMunicipality(em, id, input));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'How far in metres the position lies outside its boundary: 0 inside or on it; null when no boundary is registered. Public (boundaries are). The volunteers and AEDs subgraphs check addresses with it.',
  })
  distanceOutside(@Root() municipality: MunicipalityType, @Arg('position', () => GeoPointInput) position: GeoPointInput): number | null {
    if (!municipality.boundary) return null;
    const { latitude, longitude } = checkPosition(position);
    return distanceOutside(municipality.boundary, latitude, longitude);
  }

  @FieldResolver(() => [Float], {
    nullable: true,
    description:
      'distanceOutside for many positions at once, in their order (at most 1000): how the volunteers subgraph checks an imported list in one call. Null when no boundary is registered. Public (boundaries are).',
  })
  distancesOutside(@Root() municipality: MunicipalityType, @Arg('positions', () => [GeoPointInput]) positions: GeoPointInput[]): number[] | null {
    if (positions.length > 1000) throw badInput('At most 1000 positions at once.', { field: 'positions' });
    if (!municipality.boundary) return null;
    return positions.map((position) => {
      const { latitude, longitude } = checkPosition(position);
      return distanceOutside(municipality.boundary!, latitude, longitude);
    });
  }

  @FieldResolver(() => SecurityRegionType, { nullable: true })
  async region(@Root() municipality: MunicipalityType, @Ctx() context: RequestContext): Promise<SecurityRegionType | null> {
    if (!municipality.regionId) return null;
    const region = await byId(context, SecurityRegion).load(municipality.regionId);
    return region ? SecurityRegionType.from(region) : null;
  }

  @FieldResolver(() => WorkingGroupType, { nullable: true, description: 'The working group that covers it, if any.' })
  async workingGroup(@Root() municipality: MunicipalityType, @Ctx() context: RequestContext): Promise<WorkingGroupType | null> {
    const [id] = await workingGroupIdsOfMunicipality(context).load(municipality.id);
    const group = id ? await byId(context, WorkingGroup).load(id) : null;
    return group ? WorkingGroupType.from(group) : null;
  }

  @FieldResolver(() => [PartnerAssociationType], { description: 'Partner associations that joined it, by name.' })
  async partnerAssociations(@Root() municipality: MunicipalityType, @Ctx() context: RequestContext): Promise<PartnerAssociationType[]> {
    const ids = await partnersOfMunicipality(context).load(municipality.id);
    const associations = (await byId(context, PartnerAssociation).loadMany(ids)).filter((row): row is PartnerAssociation => row instanceof PartnerAssociation);
    return associations.sort((a, b) => a.name.localeCompare(b.name)).map(PartnerAssociationType.from);
  }
}
