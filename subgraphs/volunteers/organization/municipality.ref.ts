import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's Municipality, which this subgraph extends with volunteer fields. */
@Directive('@key(fields: "id")')
@ObjectType('Municipality')
export class MunicipalityRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): MunicipalityRef {
    return Object.assign(new MunicipalityRef(), { id });
  }
}
