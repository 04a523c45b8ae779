import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import { WorkingGroupRole, type WorkingGroupMember as WorkingGroupMemberEntity } from './working-group-member.entity.ts';

registerEnumType(WorkingGroupRole, {
  name: 'WorkingGroupRole',
  description: 'What a member does in the working group. CHAIR, GROUP_LEADER and ADMIN_SUPPORT also grant that role for the group in the whole graph.',
});

@ObjectType('WorkingGroupMember', { description: 'A person’s membership of a working group.' })
export class WorkingGroupMemberType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The person’s subject at the identity provider.' })
  userSubject!: string;

  @Field(() => String)
  name!: string;

  @Field(() => WorkingGroupRole)
  role!: WorkingGroupRole;

  @Field(() => String, { description: 'The organisation they come from.' })
  organisation!: string;

  @Field(() => LocalDate)
  since!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of membership; null while it lasts.' })
  until?: string | null;

  /** Not fields: read by the resolvers of `workingGroup` and `volunteer`. */
  workingGroupId!: string;
  volunteerId!: string | null;

  static from(entity: WorkingGroupMemberEntity): WorkingGroupMemberType {
    return Object.assign(new WorkingGroupMemberType(), {
      id: entity.id,
      userSubject: entity.userSubject,
      name: entity.name,
      role: entity.role,
      organisation: entity.organisation,
      since: entity.since,
      until: entity.until ?? null,
      workingGroupId: entity.workingGroupId,
      volunteerId: entity.volunteerId ?? null,
    });
  }
}

@InputType()
export class AddWorkingGroupMemberInput {
  @Field(() => ID)
  workingGroupId!: string;

  @Field(() => String, { description: 'The person’s subject at the identity provider (the `sub` of their token).' })
  userSubject!: string;

  @Field(() => String)
  name!: string;

  @Field(() => WorkingGroupRole)
  role!: WorkingGroupRole;

  @Field(() => String, { description: 'The organisation they come from (municipality, ambulance service, association…).' })
  organisation!: string;

  @Field(() => LocalDate, { nullable: true, description: 'First day; default today.' })
  since?: string | null;

  @Field(() => LocalDate, { nullable: true })
  until?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their volunteer record, when they also volunteer.' })
  volunteerId?: string | null;
}

@InputType({ description: 'Changes to a membership: an absent field stays as it is. Set `until` to end it.' })
export class UpdateWorkingGroupMemberInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => WorkingGroupRole, { nullable: true })
  role?: WorkingGroupRole;

  @Field(() => String, { nullable: true })
  organisation?: string;

  @Field(() => LocalDate, { nullable: true })
  until?: string | null;
}
