import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A security region (veiligheidsregio, table `organization.security_region`):
 * a group of municipalities served by one or more ambulance services. Dispatch
 * policy is set per region.
 */
@Entity({ tableName: 'security_region' })
export class SecurityRegion {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** Official code (e.g. `VR20` for Hart voor Brabant), unique. */
  @Property({ type: 'text', unique: true })
  code!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
