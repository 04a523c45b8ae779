import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AftercarePolicy } from '../aftercare/aftercare-policy.ts';
import type { DispatchPolicy } from './dispatch-policy.ts';

/**
 * One version of a security region's policy (table `incidents.dispatch_policy`).
 * Versions are never changed, only added: every Incident records the version
 * it was dispatched under. Only the settings the region changed are stored;
 * the rest come from the defaults.
 */
@Entity({ tableName: 'dispatch_policy' })
export class DispatchPolicyVersion {
  @PrimaryKey({ type: 'uuid' })
  securityRegionId!: string;

  /** 1, 2, …; version 0 is the defaults, never stored. */
  @PrimaryKey({ type: 'integer' })
  version!: number;

  @Property({ type: 'json' })
  dispatch!: Partial<DispatchPolicy>;

  @Property({ type: 'json' })
  aftercare!: Partial<AftercarePolicy>;

  /** Subject of the administrator who set it. */
  @Property({ type: 'text' })
  setBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Opt<Date>;
}
