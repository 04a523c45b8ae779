import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A person who looks after one AED (table `aeds.aed_guardian`): checks it,
 * gets its reminders and is told when it was used. Their contact details are
 * personal data. Signing in as a guardian is a `GUARDIAN` grant scoped to the
 * AED's id, issued by the identity provider; this row is whom to contact.
 */
@Entity({ tableName: 'aed_guardian' })
export class AedGuardian {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  aedId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  /** E.164, e.g. +31612345678. */
  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
