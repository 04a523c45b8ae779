import { Directive, Field, ObjectType } from 'type-graphql';
import {
  READINESS_CHANGE_DESCRIPTION,
  READINESS_CHANGE_KEY,
  READINESS_DAY_DESCRIPTION,
  READINESS_DAY_KEY,
  READINESS_HISTORY_DESCRIPTION,
  READINESS_HISTORY_KEY,
  ReadinessChangeKeyFields,
  ReadinessDayKeyFields,
  ReadinessHistoryKeyFields,
} from '../../../common/readiness-day.type.ts';
import { datesOf } from '../../../common/readiness-history.ts';
import { LocalDate as LocalDateScalar } from '../../../common/scalars.ts';
import type { LocalDate } from '../../../common/zoned-time.ts';

/** A date of a municipality's history; the figures come from the subgraphs that keep them. */
@Directive(READINESS_DAY_KEY)
@ObjectType('ReadinessDay', { description: READINESS_DAY_DESCRIPTION })
export class ReadinessDayType extends ReadinessDayKeyFields {
  static of(municipalityId: string, date: LocalDate): ReadinessDayType {
    return Object.assign(new ReadinessDayType(), { municipalityId, date });
  }
}

/** Two dates of a municipality's history; the differences come from the subgraphs that keep the figures. */
@Directive(READINESS_CHANGE_KEY)
@ObjectType('ReadinessChange', { description: READINESS_CHANGE_DESCRIPTION })
export class ReadinessChangeType extends ReadinessChangeKeyFields {
  @Field(() => ReadinessDayType, { description: 'The figures on sinceDate.' })
  since!: ReadinessDayType;

  @Field(() => ReadinessDayType, { description: 'The figures on untilDate.' })
  until!: ReadinessDayType;

  static of(municipalityId: string, sinceDate: LocalDate, untilDate: LocalDate): ReadinessChangeType {
    return Object.assign(new ReadinessChangeType(), {
      municipalityId,
      sinceDate,
      untilDate,
      since: ReadinessDayType.of(municipalityId, sinceDate),
      until: ReadinessDayType.of(municipalityId, untilDate),
    });
  }
}

/** A period of a municipality's history; the columns of figures come from the subgraphs that keep them. */
@Directive(READINESS_HISTORY_KEY)
@ObjectType('ReadinessHistory', { description: READINESS_HISTORY_DESCRIPTION })
export class ReadinessHistoryType extends ReadinessHistoryKeyFields {
  @Field(() => [LocalDateScalar], { description: 'Every date of the period, oldest first: entry i of each figure is that figure on dates[i].' })
  dates!: LocalDate[];

  @Field(() => [ReadinessDayType], { description: 'The same as one object per date, oldest first (costlier: an entity per date from each service).' })
  days!: ReadinessDayType[];

  static of(municipalityId: string, from: LocalDate, to: LocalDate): ReadinessHistoryType {
    const dates = datesOf({ from, to });
    return Object.assign(new ReadinessHistoryType(), { municipalityId, from, to, dates, days: dates.map((date) => ReadinessDayType.of(municipalityId, date)) });
  }
}
