import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireRole, Role } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { ApiClientType } from './api-client.type.ts';
import { apiClientsOf } from './api-client.service.ts';
import { requirePartnerManager } from './api-client.access.ts';
import { PartnerAssociation } from './partner-association.entity.ts';
import { byId, municipalitiesOfPartner } from '../loaders.ts';
import { Municipality } from '../municipalities/municipality.entity.ts';
import { MunicipalityType } from '../municipalities/municipality.type.ts';
import { createPartnerAssociation, getPartnerAssociation, joinMunicipality, leaveMunicipality } from './partner-association.service.ts';
import { CreatePartnerAssociationInput, PartnerAssociationType, PartnerMunicipalityType } from './partner-association.type.ts';

@Resolver(() => PartnerAssociationType)
export class PartnerAssociationResolver {
  @Query(() => [PartnerAssociationType], { description: 'Partner associations, by name. Public.' })
  async partnerAssociations(@Ctx() { em }: RequestContext): Promise<PartnerAssociationType[]> {
    return (await em.find(PartnerAssociation, {}, { orderBy: { name: 'asc' } })).map(PartnerAssociationType.from);
  }

  @Query(() => PartnerAssociationType, { description: 'One partner association. Public.' })
  async partnerAssociation(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<PartnerAssociationType> {
    return PartnerAssociationType.from(await getPartnerAssociation(em, id));
  }

  @Mutation(() => PartnerAssociationType, { description: 'Registers a partner association. ADMIN only.' })
  async createPartnerAssociation(
    @Arg('input', () => CreatePartnerAssociationInput) input: CreatePartnerAssociationInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<PartnerAssociationType> {
    requireRole(principal, Role.ADMIN);
    return PartnerAssociationType.from(await createPartnerAssociation(em, input));
  }

  @Mutation(() => PartnerAssociationType, {
    description:
      'A partner association joins a municipality (from `joinedOn`, default today): its apps then see that municipality’s anonymous statistics. ADMIN or the municipality’s POLICY_OFFICER.',
  })
  async joinMunicipality(
    @Arg('partnerAssociationId', () => ID) partnerAssociationId: string,
    @Arg('municipalityId', () => ID) municipalityId: string,
    @Arg('joinedOn', () => LocalDate, { nullable: true }) joinedOn: string | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<PartnerAssociationType> {
    requireRole(principal, Role.POLICY_OFFICER, municipalityId.toLowerCase());
    return PartnerAssociationType.from(await joinMunicipality(em, partnerAssociationId, municipalityId, joinedOn));
  }

  @Mutation(() => PartnerAssociationType, {
    description:
      'Ends a partner association’s membership of a municipality (on `leftOn`, default today; not in the future): its apps no longer see that municipality, and it leaves both lists; the membership is kept with its dates. ADMIN or the municipality’s POLICY_OFFICER.',
  })
  async leaveMunicipality(
    @Arg('partnerAssociationId', () => ID) partnerAssociationId: string,
    @Arg('municipalityId', () => ID) municipalityId: string,
    @Arg('leftOn', () => LocalDate, { nullable: true }) leftOn: string | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<PartnerAssociationType> {
    requireRole(principal, Role.POLICY_OFFICER, municipalityId.toLowerCase());
    return PartnerAssociationType.from(await leaveMunicipality(em, partnerAssociationId, municipalityId, leftOn));
  }

  @FieldResolver(() => [PartnerMunicipalityType], { description: 'The municipalities it is a member of (ended memberships left out), and since when.' })
  async municipalities(@Root() association: PartnerAssociationType, @Ctx() context: RequestContext): Promise<PartnerMunicipalityType[]> {
    return (await municipalitiesOfPartner(context).load(association.id)).map((row) =>
      Object.assign(new PartnerMunicipalityType(), { joinedOn: row.joinedOn, municipalityId: row.municipalityId }),
    );
  }

  @FieldResolver(() => [ApiClientType], {
    nullable: true,
    description:
      'Its apps’ API clients, revoked ones included. ADMIN or a PARTNER of the association (not an API client); for anyone else null, with FORBIDDEN on this field only.',
  })
  async apiClients(@Root() association: PartnerAssociationType, @Ctx() { em, principal }: RequestContext): Promise<ApiClientType[]> {
    requirePartnerManager(principal, association.id);
    return (await apiClientsOf(em, association.id)).map(ApiClientType.from);
  }
}

@Resolver(() => PartnerMunicipalityType)
export class PartnerMunicipalityResolver {
  @FieldResolver(() => MunicipalityType)
  async municipality(@Root() row: PartnerMunicipalityType, @Ctx() context: RequestContext): Promise<MunicipalityType> {
    return MunicipalityType.from((await byId(context, Municipality).load(row.municipalityId))!);
  }
}
