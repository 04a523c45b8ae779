import { randomUUID } from 'node:crypto';
import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An existing local association (e.g. a first-aid association) that joins
 * the programme and keeps working with its own app (table
 * `organization.partner_association`).
 */
@Entity({ tableName: 'partner_association' })
export class PartnerAssociation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Unique (case-insensitively). */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}

/** A municipality a partner association has joined (table `organization.partner_municipality`). */
@Entity({ tableName: 'partner_municipality' })
export class PartnerMunicipality {
  [PrimaryKeyProp]?: ['partnerAssociationId', 'municipalityId'];

  @PrimaryKey({ type: 'uuid' })
  partnerAssociationId!: string;

  @PrimaryKey({ type: 'uuid' })
  municipalityId!: string;

  /** YYYY-MM-DD. */
  @Property({ type: 'date' })
  joinedOn!: string;

  /** YYYY-MM-DD the membership ended (`leaveMunicipality`); null while it lasts. An ended membership grants nothing. */
  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;
}
