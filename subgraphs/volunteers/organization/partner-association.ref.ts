import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's PartnerAssociation, extended with its members. */
@Directive('@key(fields: "id")')
@ObjectType('PartnerAssociation')
export class PartnerAssociationRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): PartnerAssociationRef {
    return Object.assign(new PartnerAssociationRef(), { id });
  }
}
