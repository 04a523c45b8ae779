import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PartnerPermission } from '../../../common/auth.ts';
import type { ApiClient as ApiClientEntity } from './api-client.entity.ts';

registerEnumType(PartnerPermission, {
  name: 'PartnerPermission',
  description: 'What a partner’s API client may do: STATISTICS (anonymous statistics), ALERTS (alerts of the association’s own members).',
});

@ObjectType('ApiClient', {
  description: 'A partner app’s credential. Its secret is shown once, when created or rotated, and stored only as a hash.',
})
export class ApiClientType {
  @Field(() => ID, { description: 'The client id: the part of the credential before the dot.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [PartnerPermission])
  permissions!: PartnerPermission[];

  @Field(() => String, { description: 'Subject of who created it.' })
  createdBy!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  secretRotatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last time the gateway checked its credential (about once per 30 s of use).' })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt?: Date | null;

  /** Not a field: read by the `partnerAssociation` resolver. */
  partnerAssociationId!: string;

  static from(entity: ApiClientEntity): ApiClientType {
    return Object.assign(new ApiClientType(), {
      id: entity.id,
      name: entity.name,
      permissions: [...entity.permissions],
      createdBy: entity.createdBy,
      createdAt: entity.createdAt,
      secretRotatedAt: entity.secretRotatedAt,
      lastUsedAt: entity.lastUsedAt ?? null,
      revokedAt: entity.revokedAt ?? null,
      partnerAssociationId: entity.partnerAssociationId,
    });
  }
}

@ObjectType('ApiClientCredential', { description: 'A new credential. Keep it now: it is never shown again.' })
export class ApiClientCredentialType {
  @Field(() => ApiClientType)
  apiClient!: ApiClientType;

  @Field(() => String, { description: 'Send it as `Authorization: Bearer <credential>` (the form `<clientId>.<secret>`).' })
  credential!: string;
}

@InputType()
export class CreateApiClientInput {
  @Field(() => ID)
  partnerAssociationId!: string;

  @Field(() => String, { description: 'What it is for, e.g. the app’s name.' })
  name!: string;

  @Field(() => [PartnerPermission], { description: 'At least one.' })
  permissions!: PartnerPermission[];
}
