import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A citizen responder (table `volunteers.volunteer`). */
@Entity({ tableName: 'volunteer' })
export class Volunteer {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** Owned by the organisation subgraph; referenced by id only. */
  @Property({ type: 'uuid' })
  municipalityId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
