import { Directive, Field, Float, ObjectType } from 'type-graphql';
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
import { populationShare, type CoverageReadinessFigures } from './readiness-day.ts';

type Row = ReadinessDayRow<CoverageReadinessFigures> | null;

const dayShare = (row: Row) => (row ? populationShare(row, row.dayCoveredShare) : null);
const nightShare = (row: Row) => (row ? populationShare(row, row.nightCoveredShare) : null);

@Directive(READINESS_DAY_KEY)
@ObjectType('ReadinessDay', { description: READINESS_DAY_DESCRIPTION })
export class CoverageReadinessDayType extends ReadinessDayKeyFields {
  @Field(() => Date, { nullable: true, description: 'When the coverage of this date was taken; null: no snapshot (a gap, or no boundary to measure over).' })
  coverageTakenAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share of the population within six minutes of enough volunteers and an AED in the day hours (07:00–23:00) of this date, 0–1 (population spread evenly over the cells, as in sixMinuteCoverage); null when the population is not known. Public: one figure for the municipality.',
  })
  dayCoveredPopulationShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'The same in the night hours (23:00–07:00) of this date. Public.' })
  nightCoveredPopulationShare!: number | null;

  static from(key: ReadinessDayKey, row: Row): CoverageReadinessDayType {
    return Object.assign(new CoverageReadinessDayType(), {
      municipalityId: key.municipalityId,
      date: key.date,
      coverageTakenAt: row?.takenAt ?? null,
      dayCoveredPopulationShare: dayShare(row),
      nightCoveredPopulationShare: nightShare(row),
    });
  }
}

@Directive(READINESS_CHANGE_KEY)
@ObjectType('ReadinessChange', { description: READINESS_CHANGE_DESCRIPTION })
export class CoverageReadinessChangeType extends ReadinessChangeKeyFields {
  @Field(() => Float, { nullable: true, description: 'Change in the share of the population covered by day (a difference of shares: 0.05 is five percentage points).' })
  dayCoveredPopulationShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change in the share of the population covered at night.' })
  nightCoveredPopulationShare!: number | null;

  static from(key: { municipalityId: string; sinceDate: string; untilDate: string }, since: Row, until: Row): CoverageReadinessChangeType {
    return Object.assign(new CoverageReadinessChangeType(), {
      ...key,
      dayCoveredPopulationShare: change(dayShare(since), dayShare(until)),
      nightCoveredPopulationShare: change(nightShare(since), nightShare(until)),
    });
  }
}

@Directive(READINESS_HISTORY_KEY)
@ObjectType('ReadinessHistory', { description: READINESS_HISTORY_DESCRIPTION })
export class CoverageReadinessHistoryType extends ReadinessHistoryKeyFields {
  @Field(() => [Date], { nullable: 'items', description: 'When the coverage was taken. One entry per date.' })
  coverageTakenAt!: (Date | null)[];

  @Field(() => [Float], { nullable: 'items', description: 'Share of the population covered by day. One entry per date.' })
  dayCoveredPopulationShare!: (number | null)[];

  @Field(() => [Float], { nullable: 'items', description: 'Share of the population covered at night. One entry per date.' })
  nightCoveredPopulationShare!: (number | null)[];

  static from(key: { municipalityId: string; from: string; to: string }, rows: Row[]): CoverageReadinessHistoryType {
    const days = rows.map((row) => CoverageReadinessDayType.from({ municipalityId: key.municipalityId, date: row?.date ?? '' }, row));
    return Object.assign(new CoverageReadinessHistoryType(), key, columnsOf(days, ['coverageTakenAt', 'dayCoveredPopulationShare', 'nightCoveredPopulationShare'] as const));
  }
}
