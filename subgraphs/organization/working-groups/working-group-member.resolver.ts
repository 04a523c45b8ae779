import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ANONYMOUS } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { byId } from '../loaders.ts';
import { VolunteerRef } from '../references.ts';
import { requireAbility } from './working-group.access.ts';
import { WorkingGroup } from './working-group.entity.ts';
import { addMember, currentMembershipsOf, getMember, updateMember } from './working-group-member.service.ts';
import { AddWorkingGroupMemberInput, UpdateWorkingGroupMemberInput, WorkingGroupMemberType } from './working-group-member.type.ts';
import { getWorkingGroup } from './working-group.service.ts';
import { WorkingGroupType } from './working-group.type.ts';

@Resolver(() => WorkingGroupMemberType)
export class WorkingGroupMemberResolver {
  @Query(() => [WorkingGroupMemberType], { description: 'The caller’s current working-group memberships (by the subject of their token).' })
  async myMemberships(@Ctx() { em, principal }: RequestContext): Promise<WorkingGroupMemberType[]> {
    if (principal.subject === ANONYMOUS.subject || principal.apiClientId) return [];
    return (await currentMembershipsOf(em, principal.subject)).map(WorkingGroupMemberType.from);
  }

  @Mutation(() => WorkingGroupMemberType, {
    description: 'Adds a member. ADMIN or the CHAIR. A CHAIR, GROUP_LEADER or ADMIN_SUPPORT member holds that role for the group in the whole graph (within 30 s).',
  })
  async addWorkingGroupMember(@Arg('input', () => AddWorkingGroupMemberInput) input: AddWorkingGroupMemberInput, @Ctx() context: RequestContext): Promise<WorkingGroupMemberType> {
    const group = await getWorkingGroup(context.em, input.workingGroupId);
    await requireAbility(context, group.id, 'manage');
    return WorkingGroupMemberType.from(await addMember(context.em, { ...input, workingGroupId: group.id }));
  }

  @Mutation(() => WorkingGroupMemberType, { description: 'Changes a membership or ends it (`until`). ADMIN or the CHAIR.' })
  async updateWorkingGroupMember(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWorkingGroupMemberInput) input: UpdateWorkingGroupMemberInput,
    @Ctx() context: RequestContext,
  ): Promise<WorkingGroupMemberType> {
    const member = await getMember(context.em, id);
    await requireAbility(context, member.workingGroupId, 'manage');
    return WorkingGroupMemberType.from(await updateMember(context.em, member.id, input));
  }

  @FieldResolver(() => WorkingGroupType)
  async workingGroup(@Root() member: WorkingGroupMemberType, @Ctx() context: RequestContext): Promise<WorkingGroupType> {
    return WorkingGroupType.from((await byId(context, WorkingGroup).load(member.workingGroupId))!);
  }

  @FieldResolver(() => VolunteerRef, { nullable: true, description: 'Their volunteer record, when they also volunteer.' })
  volunteer(@Root() member: WorkingGroupMemberType): VolunteerRef | null {
    return member.volunteerId ? VolunteerRef.of(member.volunteerId) : null;
  }
}
