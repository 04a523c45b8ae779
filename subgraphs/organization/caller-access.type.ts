import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PartnerPermission, Role, type Grant } from '../../common/auth.ts';
import type { CallerAccess } from './caller-access.service.ts';

registerEnumType(Role, { name: 'Role', description: 'Roles of the access model (see docs/access.md).' });

@ObjectType('AccessGrant', { description: 'One role the caller holds, and what it covers.' })
export class AccessGrantType {
  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'What the role is held for (a municipality, working group, service, association, volunteer or AED id); null for ADMIN.' })
  scope?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The municipalities the grant covers.' })
  municipalityIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The security regions the grant covers.' })
  regionIds?: string[] | null;

  @Field(() => [PartnerPermission], { nullable: true, description: 'For an API client: all it may do.' })
  permissions?: PartnerPermission[] | null;

  static from(grant: Grant): AccessGrantType {
    return Object.assign(new AccessGrantType(), {
      role: grant.role,
      scope: grant.scope ?? null,
      municipalityIds: grant.municipalityIds ?? null,
      regionIds: grant.regionIds ?? null,
      permissions: grant.permissions ?? null,
    });
  }
}

@ObjectType('Access', { description: 'Who the caller is to the whole graph: their grants and what each covers.' })
export class AccessType {
  @Field(() => String)
  subject!: string;

  @Field(() => ID, { nullable: true, description: 'Set when the caller is a partner’s API client.' })
  apiClientId?: string | null;

  @Field(() => [AccessGrantType])
  grants!: AccessGrantType[];

  static from(access: CallerAccess): AccessType {
    return Object.assign(new AccessType(), {
      subject: access.subject,
      apiClientId: access.apiClientId,
      grants: access.grants.map(AccessGrantType.from),
    });
  }
}
