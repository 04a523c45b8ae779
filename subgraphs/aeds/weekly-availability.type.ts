import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import type { WeeklyDispatchableAeds } from './weekly-availability.service.ts';

@Directive('@inaccessible')
@ObjectType('WeeklyDispatchableAeds', {
  description:
    'The AEDs of an area that are dispatchable in some hour of a week (incidents subgraph only): one entry per AED in each list, in the same order. No ids, no codes.',
})
export class WeeklyDispatchableAedsType {
  @Field(() => String, { description: 'The Monday of the week, YYYY-MM-DD.' })
  weekStartsOn!: string;

  @Field(() => String, { description: 'Changes exactly when the AEDs or their hours change.' })
  fingerprint!: string;

  @Field(() => [Float])
  latitudes!: number[];

  @Field(() => [Float])
  longitudes!: number[];

  @Field(() => [Int], { description: 'The hours in which the readiness rule lets dispatch send for the AED, as an index into hourSets.' })
  hourSetIndexes!: number[];

  @Field(() => [String], { description: 'The distinct sets of hours of the week: 42 hexadecimal digits each (common/week.ts).' })
  hourSets!: string[];

  static from(answer: WeeklyDispatchableAeds): WeeklyDispatchableAedsType {
    return Object.assign(new WeeklyDispatchableAedsType(), answer);
  }
}
