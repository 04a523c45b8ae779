import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import type { AvailabilityContext, AvailabilitySchedule, AvailabilityState as State, OpenInterval, WeeklyOpenHours } from './availability.ts';

/** Whether an AED can be reached at an instant (the schema's `AvailabilityState`). */
export enum AvailabilityState {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(AvailabilityState, {
  name: 'AvailabilityState',
  valuesConfig: {
    OPEN: { description: 'The schedule says it can be reached.' },
    CLOSED: { description: 'The schedule says it cannot be reached.' },
    UNKNOWN: { description: 'No schedule, or the schedule says "unknown" (e.g. ask at reception): not dispatched.' },
  },
});

@ObjectType('AedAvailability', { description: 'An AED’s availability at one instant, read in its own time zone with its country’s public holidays.' })
export class AedAvailabilityType {
  @Field(() => Date)
  at!: Date;

  @Field(() => AvailabilityState)
  state!: AvailabilityState;

  @Field(() => Boolean, { description: 'Certainly open (UNKNOWN is not).' })
  available!: boolean;

  @Field(() => String, { nullable: true, description: 'The schedule’s comment here, or the public holiday that closes it (e.g. "Koningsdag").' })
  comment!: string | null;

  /** Not fields: what `nextChange` evaluates. */
  schedule!: AvailabilitySchedule | null;
  context!: AvailabilityContext;

  static of(at: Date, state: State, comment: string | undefined, schedule: AvailabilitySchedule | null, context: AvailabilityContext): AedAvailabilityType {
    return Object.assign(new AedAvailabilityType(), {
      at,
      state: state as AvailabilityState,
      available: state === 'OPEN',
      comment: comment ?? null,
      schedule,
      context,
    });
  }
}

@ObjectType('OpenInterval', { description: 'A stretch of time in which an AED can be reached (or, if `unknown`, maybe).' })
export class OpenIntervalType {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Boolean, { description: 'The schedule says "unknown" here: not certainly open, not dispatched.' })
  unknown!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  static from(interval: OpenInterval): OpenIntervalType {
    return Object.assign(new OpenIntervalType(), { ...interval, comment: interval.comment ?? null });
  }
}

@ObjectType('WeeklyOpenHours', { description: 'Open hours in the AED’s local week (Monday 00:00 to Monday 00:00, wall clock).' })
export class WeeklyOpenHoursType {
  @Field(() => Float)
  openHours!: number;

  @Field(() => Float)
  unknownHours!: number;

  @Field(() => Boolean, { description: 'Open without a single break for the coming year (so "24/7; PH off" is not).' })
  twentyFourSeven!: boolean;

  static from(hours: WeeklyOpenHours): WeeklyOpenHoursType {
    return Object.assign(new WeeklyOpenHoursType(), hours);
  }
}
