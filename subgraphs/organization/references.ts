/** Entities of other subgraphs that the organisation subgraph points at, by key only. */
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
