/** Entities of other subgraphs that incidents point at, by key only. */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Volunteer')
export class VolunteerRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): VolunteerRef {
    return Object.assign(new VolunteerRef(), { id });
  }
}

@Directive('@key(fields: "id")')
@ObjectType('Aed')
export class AedRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): AedRef {
    return Object.assign(new AedRef(), { id });
  }
}
