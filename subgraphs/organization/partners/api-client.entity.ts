import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PartnerPermission } from '../../../common/auth.ts';

/**
 * A partner association's app credential (table `organization.api_client`).
 * Only a hash of the secret is kept; the secret itself is shown once.
 */
@Entity({ tableName: 'api_client' })
export class ApiClient {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  partnerAssociationId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => PartnerPermission, array: true })
  permissions!: PartnerPermission[];

  /** `scrypt$N$r$p$salt$hash`, see `api-client.secret.ts`. */
  @Property({ type: 'text', lazy: true })
  secretHash!: string;

  /** Subject of whoever created it. */
  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  secretRotatedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
