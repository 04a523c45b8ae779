import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's SecurityRegion, extended with the region's volunteer policy. */
@Directive('@key(fields: "id")')
@ObjectType('SecurityRegion')
export class SecurityRegionRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): SecurityRegionRef {
    return Object.assign(new SecurityRegionRef(), { id });
  }
}
