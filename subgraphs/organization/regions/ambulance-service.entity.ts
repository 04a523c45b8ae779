import { randomUUID } from 'node:crypto';
import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A regional ambulance service (RAV, table `organization.ambulance_service`)
 * with its dispatch centre. Its dispatchers report incidents in the regions it serves.
 */
@Entity({ tableName: 'ambulance_service' })
export class AmbulanceService {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** Short unique code, e.g. `RAV-BMW`. */
  @Property({ type: 'text', unique: true })
  code!: string;

  /** Name of the dispatch centre (meldkamer) that takes the 112 calls. */
  @Property({ type: 'text' })
  dispatchCentre!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}

/** A security region an ambulance service serves (table `organization.ambulance_service_region`). */
@Entity({ tableName: 'ambulance_service_region' })
export class AmbulanceServiceRegion {
  [PrimaryKeyProp]?: ['ambulanceServiceId', 'regionId'];

  @PrimaryKey({ type: 'uuid' })
  ambulanceServiceId!: string;

  @PrimaryKey({ type: 'uuid' })
  regionId!: string;
}
