import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An automated external defibrillator (table `aeds.aed`). */
@Entity({ tableName: 'aed' })
export class Aed {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'double precision' })
  latitude!: number;

  @Property({ type: 'double precision' })
  longitude!: number;

  /** Where exactly, as OSM's `defibrillator:location` ("left of the entrance of the sports hall"). */
  @Property({ type: 'text' })
  locationDescription!: string;

  /** Owned by the organisation subgraph; referenced by id only. */
  @Property({ type: 'uuid' })
  municipalityId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
