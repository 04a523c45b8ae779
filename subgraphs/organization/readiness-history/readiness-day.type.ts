import { Directive, Field, ObjectType } from 'type-graphql';
import {
  READINESS_CHANGE_DESCRIPTION,
  READINESS_CHANGE_KEY,
  READINESS_DAY_DESCRIPTION,
  READINESS_DAY_KEY,
  ReadinessChangeKeyFields,
  ReadinessDayKeyFields,
} from '../../../common/readiness-day.type.ts';
import type { IsoDate } from '../../../common/zoned-time.ts';

/** A date of a municipality's history; the figures come from the subgraphs that keep them. */
@Directive(READINESS_DAY_KEY)
@ObjectType('ReadinessDay', { description: READINESS_DAY_DESCRIPTION })
export class ReadinessDayType extends ReadinessDayKeyFields {
  static of(municipalityId: string, date: IsoDate): ReadinessDayType {
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

  static of(municipalityId: string, sinceDate: IsoDate, untilDate: IsoDate): ReadinessChangeType {
    return Object.assign(new ReadinessChangeType(), {
      municipalityId,
      sinceDate,
      untilDate,
      since: ReadinessDayType.of(municipalityId, sinceDate),
      until: ReadinessDayType.of(municipalityId, untilDate),
    });
  }
}
