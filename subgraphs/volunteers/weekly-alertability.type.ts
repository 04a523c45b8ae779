import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import type { WeeklyAlertablePositions } from './weekly-alertability.service.ts';

@Directive('@inaccessible')
@ObjectType('WeeklyAlertablePositions', {
  description:
    'Where volunteers can be alerted from in an area during a week (incidents subgraph only): one entry per position in each list, in the same order.',
})
export class WeeklyAlertablePositionsType {
  @Field(() => String, { description: 'The Monday of the week, YYYY-MM-DD.' })
  weekStartsOn!: string;

  @Field(() => String, { description: 'Changes exactly when the positions or their hours change.' })
  fingerprint!: string;

  @Field(() => [Int], { description: 'Which volunteer: shared by the positions of one volunteer within this answer; not their id.' })
  volunteerKeys!: number[];

  @Field(() => [Float])
  latitudes!: number[];

  @Field(() => [Float])
  longitudes!: number[];

  @Field(() => [Int], { description: 'The hours in which the candidate search would find the volunteer at the position, as an index into hourSets.' })
  hourSetIndexes!: number[];

  @Field(() => [String], { description: 'The distinct sets of hours of the week: 42 hexadecimal digits each (common/week.ts).' })
  hourSets!: string[];

  static from(answer: WeeklyAlertablePositions): WeeklyAlertablePositionsType {
    return Object.assign(new WeeklyAlertablePositionsType(), answer);
  }
}
