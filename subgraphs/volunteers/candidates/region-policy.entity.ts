import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * What a security region decides about volunteers (table
 * `volunteers.region_policy`): how many days after expiry a certificate still
 * counts. A region without a row has no grace period.
 */
@Entity({ tableName: 'region_policy' })
export class RegionPolicy {
  /** Owned by the organization subgraph. */
  @PrimaryKey({ type: 'uuid' })
  securityRegionId!: string;

  @Property({ type: 'integer' })
  certificateGracePeriodDays!: number;

  @Property({ type: 'text' })
  updatedBy!: string;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
