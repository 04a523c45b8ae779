import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A volunteer's membership of a partner association (table
 * `volunteers.association_membership`), recorded when the association's list
 * is imported. Partner apps forward alerts of their own members, so dispatch
 * hands each candidate's associations to the incidents subgraph.
 */
@Entity({ tableName: 'association_membership' })
export class AssociationMembership {
  [PrimaryKeyProp]?: ['volunteerId', 'partnerAssociationId'];

  @PrimaryKey({ type: 'uuid' })
  volunteerId!: string;

  /** Owned by the organization subgraph. */
  @PrimaryKey({ type: 'uuid' })
  partnerAssociationId!: string;

  @Property({ type: 'timestamptz' })
  since: Opt<Date> = new Date();
}
