import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisation subgraph's Municipality, which this subgraph extends with AED fields. */
@Directive('@key(fields: "id")')
@ObjectType('Municipality')
export class MunicipalityRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): MunicipalityRef {
    return Object.assign(new MunicipalityRef(), { id });
  }
}
