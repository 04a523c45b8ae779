import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** A count for one hour of the local week (common/week.ts). Shared by every subgraph with weekly figures. */
@Directive('@shareable')
@ObjectType('HourOfWeekCount', { description: 'A count for one hour of the local week: hour 0 starts Monday 00:00, hour 167 Sunday 23:00.' })
export class HourOfWeekCount {
  @Field(() => Int, { description: '0–167: day (0 = Monday) × 24 + hour of the day, on the local clock.' })
  hourOfWeek!: number;

  @Field(() => Int)
  count!: number;

  static list(counts: ArrayLike<number>): HourOfWeekCount[] {
    return Array.from(counts, (count, hourOfWeek) => Object.assign(new HourOfWeekCount(), { hourOfWeek, count }));
  }
}
