/**
 * The keys of the two readiness entities every subgraph with daily figures
 * extends (common/readiness-days.ts): `ReadinessDay` (a municipality on a
 * date) and `ReadinessChange` (a municipality between two dates). The
 * organization subgraph hands them out; each subgraph resolves its own
 * figures on them from its own table, so the history is one query however
 * many subgraphs contribute. `ReadinessHistory` (a municipality over a
 * period) carries the same figures as columns, one entry per date.
 */
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from './scalars.ts';

export const READINESS_DAY_KEY = '@key(fields: "municipalityId date")';
export const READINESS_CHANGE_KEY = '@key(fields: "municipalityId sinceDate untilDate")';
export const READINESS_HISTORY_KEY = '@key(fields: "municipalityId from to")';

export const READINESS_DAY_DESCRIPTION =
  'A municipality’s readiness on one date of its own clock, from the daily snapshots each service keeps. Figures of a date on which no snapshot was taken are null: a gap, never filled in afterwards.';
export const READINESS_HISTORY_DESCRIPTION =
  'A municipality’s readiness on every date of a period, as columns: `dates` lists the dates oldest first, and each figure is a list of the same length, entry i being that figure on dates[i] (null: no snapshot that date, a gap). Columns rather than a list of days, so that a year costs three small fetches instead of a thousand entities; `days` has the same as objects.';
export const READINESS_CHANGE_DESCRIPTION =
  'What changed in a municipality between two dates: the figures on both (since, until) and, for each figure, until − since (null when either date has no snapshot).';

/** Never in a schema by itself (no field returns it): only its subclasses are. */
@ObjectType()
export abstract class ReadinessDayKeyFields {
  @Field(() => ID, { description: 'The municipality.' })
  municipalityId!: string;

  @Field(() => LocalDate, { description: 'The date, on the municipality’s clock.' })
  date!: string;
}

@ObjectType()
export abstract class ReadinessChangeKeyFields {
  @Field(() => ID, { description: 'The municipality.' })
  municipalityId!: string;

  @Field(() => LocalDate, { description: 'The earlier date.' })
  sinceDate!: string;

  @Field(() => LocalDate, { description: 'The later date.' })
  untilDate!: string;
}

@ObjectType()
export abstract class ReadinessHistoryKeyFields {
  @Field(() => ID, { description: 'The municipality.' })
  municipalityId!: string;

  @Field(() => LocalDate, { description: 'The first date of the period.' })
  from!: string;

  @Field(() => LocalDate, { description: 'The last date of the period.' })
  to!: string;
}

/** Each of `fields` of the days as a column: the day objects' values in date order. */
export function columnsOf<Day, Field extends keyof Day>(days: readonly Day[], fields: readonly Field[]): { [F in Field]: Day[F][] } {
  return Object.fromEntries(fields.map((field) => [field, days.map((day) => day[field])])) as { [F in Field]: Day[F][] };
}
