import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PartnerPermission, isAdmin, partnerAssociationsOf, requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { AFTER, FIRST } from '../../../common/connection.type.ts';
import { forbidden } from '../../../common/errors.ts';
import { isId } from '../../../common/ids.ts';
import { requireManageVolunteersOf } from '../access.ts';
import { addMembership, removeMembership } from '../registration/association-membership.service.ts';
import { membersOfAssociation, volunteersById } from '../loaders.ts';
import { memberPage } from '../registration/member-page.ts';
import { PartnerAssociationRef } from '../references.ts';
import { MemberFilterInput, VolunteerConnectionType } from '../registration/volunteer-connection.type.ts';
import { Volunteer } from '../registration/volunteer.entity.ts';
import { findVolunteer } from '../registration/volunteer.resolver.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';

/** The association's id when the caller may list its members: its PARTNER (with ALERTS) or ADMIN; FORBIDDEN otherwise. */
function requireMembersOf(context: RequestContext, association: PartnerAssociationRef): string {
  requireAuthenticated(context.principal);
  const id = association.id.toLowerCase();
  if (!isAdmin(context.principal) && !partnerAssociationsOf(context.principal, PartnerPermission.ALERTS).includes(id)) {
    throw forbidden('Only the association itself (with the ALERTS permission) may list its members.');
  }
  return id;
}

/** The members of the organization subgraph's PartnerAssociation. */
@Resolver(() => PartnerAssociationRef)
export class PartnerAssociationVolunteersResolver {
  @FieldResolver(() => Int, { description: 'Volunteers who are members (from its imported lists). Public: a count.' })
  async memberCount(@Root() association: PartnerAssociationRef, @Ctx() context: RequestContext): Promise<number> {
    if (!isId(association.id)) return 0;
    return (await membersOfAssociation(context).load(association.id.toLowerCase())).length;
  }

  @FieldResolver(() => [VolunteerType], {
    nullable: true,
    description:
      'Its members, so its app can forward their alerts: their ids only (personal data stays with the volunteers’ coordinators). The association’s PARTNER (an API client needs the ALERTS permission), or ADMIN; for anyone else null, with FORBIDDEN on this field only.',
  })
  async members(@Root() association: PartnerAssociationRef, @Ctx() context: RequestContext): Promise<VolunteerType[]> {
    const id = requireMembersOf(context, association);
    const volunteers = await volunteersById(context).loadMany(await membersOfAssociation(context).load(id));
    return volunteers.filter((volunteer): volunteer is Volunteer => volunteer instanceof Volunteer).map(VolunteerType.from);
  }

  @FieldResolver(() => VolunteerConnectionType, {
    nullable: true,
    description:
      'Its members a page at a time, by name (then id), as `members` shows them. The association’s PARTNER (an API client needs the ALERTS permission), or ADMIN; for anyone else null, with FORBIDDEN on this field only.',
  })
  async membersConnection(
    @Root() association: PartnerAssociationRef,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null | undefined,
    @Arg('filter', () => MemberFilterInput, { nullable: true }) filter: MemberFilterInput | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<VolunteerConnectionType> {
    const id = requireMembersOf(context, association);
    return VolunteerConnectionType.from(await memberPage(context.em, id, { first, after, filter }));
  }

  @Mutation(() => VolunteerType, {
    description: 'Makes a volunteer a member of a partner association (imports do this for a whole list). ADMIN or the working group of the volunteer’s municipality.',
  })
  async addAssociationMembership(
    @Arg('volunteerId', () => ID) volunteerId: string,
    @Arg('partnerAssociationId', () => ID) partnerAssociationId: string,
    @Ctx() context: RequestContext,
  ): Promise<VolunteerType> {
    requireAuthenticated(context.principal);
    const volunteer = await findVolunteer(context, volunteerId);
    requireManageVolunteersOf(context.principal, volunteer.municipalityId);
    await addMembership(context.em, context.peers, volunteer, partnerAssociationId, new Date());
    return VolunteerType.from(volunteer);
  }

  @Mutation(() => VolunteerType, { description: 'Ends a volunteer’s membership of a partner association. ADMIN or the working group of the volunteer’s municipality.' })
  async removeAssociationMembership(
    @Arg('volunteerId', () => ID) volunteerId: string,
    @Arg('partnerAssociationId', () => ID) partnerAssociationId: string,
    @Ctx() context: RequestContext,
  ): Promise<VolunteerType> {
    requireAuthenticated(context.principal);
    const volunteer = await findVolunteer(context, volunteerId);
    requireManageVolunteersOf(context.principal, volunteer.municipalityId);
    if (isId(partnerAssociationId)) await removeMembership(context.em, volunteer, partnerAssociationId);
    return VolunteerType.from(volunteer);
  }
}
