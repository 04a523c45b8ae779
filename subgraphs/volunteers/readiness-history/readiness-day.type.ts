import { Directive, Field, Int, ObjectType } from 'type-graphql';
import {
  READINESS_CHANGE_DESCRIPTION,
  READINESS_CHANGE_KEY,
  READINESS_DAY_DESCRIPTION,
  READINESS_DAY_KEY,
  READINESS_HISTORY_DESCRIPTION,
  READINESS_HISTORY_KEY,
  columnsOf,
  ReadinessChangeKeyFields,
  ReadinessDayKeyFields,
  ReadinessHistoryKeyFields,
} from '../../../common/readiness-day.type.ts';
import { change } from '../../../common/readiness-history.ts';
import type { ReadinessDayKey, ReadinessDayRow } from '../../../common/readiness-days.ts';
import type { VolunteerReadinessFigures } from './readiness-day.ts';

type Row = ReadinessDayRow<VolunteerReadinessFigures> | null;

@Directive(READINESS_DAY_KEY)
@ObjectType('ReadinessDay', { description: READINESS_DAY_DESCRIPTION })
export class VolunteerReadinessDayType extends ReadinessDayKeyFields {
  @Field(() => Date, { nullable: true, description: 'When the volunteers’ figures of this date were taken; null: no snapshot (a gap).' })
  volunteerFiguresTakenAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Registered volunteers (deleted accounts not counted). Public.' })
  volunteerCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Volunteers alertable by the eligibility rule in the day hour (07:00–23:00) of this date with the fewest. Public.' })
  alertableVolunteerCountByDay!: number | null;

  @Field(() => Int, { nullable: true, description: 'Volunteers alertable in the night hour (23:00–07:00) of this date with the fewest. Public.' })
  alertableVolunteerCountAtNight!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of the volunteers alertable that day, those whose certificate lapses within three months unless renewed. Public.' })
  volunteersLapsingWithinThreeMonths!: number | null;

  static from(key: ReadinessDayKey, row: Row): VolunteerReadinessDayType {
    return Object.assign(new VolunteerReadinessDayType(), {
      municipalityId: key.municipalityId,
      date: key.date,
      volunteerFiguresTakenAt: row?.takenAt ?? null,
      volunteerCount: row?.volunteerCount ?? null,
      alertableVolunteerCountByDay: row?.alertableByDay ?? null,
      alertableVolunteerCountAtNight: row?.alertableAtNight ?? null,
      volunteersLapsingWithinThreeMonths: row?.lapsingWithinThreeMonths ?? null,
    });
  }
}

@Directive(READINESS_CHANGE_KEY)
@ObjectType('ReadinessChange', { description: READINESS_CHANGE_DESCRIPTION })
export class VolunteerReadinessChangeType extends ReadinessChangeKeyFields {
  @Field(() => Int, { nullable: true, description: 'Change in registered volunteers.' })
  volunteerCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Change in volunteers alertable by day (the day hour with the fewest).' })
  alertableVolunteerCountByDay!: number | null;

  @Field(() => Int, { nullable: true, description: 'Change in volunteers alertable at night (the night hour with the fewest).' })
  alertableVolunteerCountAtNight!: number | null;

  @Field(() => Int, { nullable: true, description: 'Change in volunteers lapsing within three months.' })
  volunteersLapsingWithinThreeMonths!: number | null;

  static from(key: { municipalityId: string; sinceDate: string; untilDate: string }, since: Row, until: Row): VolunteerReadinessChangeType {
    return Object.assign(new VolunteerReadinessChangeType(), {
      ...key,
      volunteerCount: change(since?.volunteerCount, until?.volunteerCount),
      alertableVolunteerCountByDay: change(since?.alertableByDay, until?.alertableByDay),
      alertableVolunteerCountAtNight: change(since?.alertableAtNight, until?.alertableAtNight),
      volunteersLapsingWithinThreeMonths: change(since?.lapsingWithinThreeMonths, until?.lapsingWithinThreeMonths),
    });
  }
}

@Directive(READINESS_HISTORY_KEY)
@ObjectType('ReadinessHistory', { description: READINESS_HISTORY_DESCRIPTION })
export class VolunteerReadinessHistoryType extends ReadinessHistoryKeyFields {
  @Field(() => [Date], { nullable: 'items', description: 'When the volunteers’ figures were taken. One entry per date.' })
  volunteerFiguresTakenAt!: (Date | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'Registered volunteers. One entry per date.' })
  volunteerCount!: (number | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'Volunteers alertable by day (the day hour with the fewest). One entry per date.' })
  alertableVolunteerCountByDay!: (number | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'Volunteers alertable at night (the night hour with the fewest). One entry per date.' })
  alertableVolunteerCountAtNight!: (number | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'Volunteers lapsing within three months. One entry per date.' })
  volunteersLapsingWithinThreeMonths!: (number | null)[];

  static from(key: { municipalityId: string; from: string; to: string }, rows: Row[]): VolunteerReadinessHistoryType {
    const days = rows.map((row) => VolunteerReadinessDayType.from({ municipalityId: key.municipalityId, date: row?.date ?? '' }, row));
    return Object.assign(
      new VolunteerReadinessHistoryType(),
      key,
      columnsOf(days, [
        'volunteerFiguresTakenAt',
        'volunteerCount',
        'alertableVolunteerCountByDay',
        'alertableVolunteerCountAtNight',
        'volunteersLapsingWithinThreeMonths',
      ] as const),
    );
  }
}
