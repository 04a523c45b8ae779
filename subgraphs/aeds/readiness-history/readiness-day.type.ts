import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
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
import { twentyFourSevenShare, type AedReadinessFigures } from './readiness-day.ts';

type Row = ReadinessDayRow<AedReadinessFigures> | null;

@Directive(READINESS_DAY_KEY)
@ObjectType('ReadinessDay', { description: READINESS_DAY_DESCRIPTION })
export class AedReadinessDayType extends ReadinessDayKeyFields {
  @Field(() => Date, { nullable: true, description: 'When the AEDs’ figures of this date were taken; null: no snapshot (a gap).' })
  aedFiguresTakenAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Registered AEDs (decommissioned ones not counted). Public.' })
  aedCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'AEDs dispatchable (readiness and schedule) in the day hour (07:00–23:00) of this date with the fewest. Public.' })
  dispatchableAedCountByDay!: number | null;

  @Field(() => Int, { nullable: true, description: 'AEDs dispatchable in the night hour (23:00–07:00) of this date with the fewest. Public.' })
  dispatchableAedCountAtNight!: number | null;

  @Field(() => Int, { nullable: true, description: 'AEDs ready that day whose schedule is open around the clock for the coming year. Public.' })
  twentyFourSevenAedCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'twentyFourSevenAedCount as a share of aedCount, 0 to 1 (0 when there are none). Public.' })
  twentyFourSevenAedShare!: number | null;

  static from(key: ReadinessDayKey, row: Row): AedReadinessDayType {
    return Object.assign(new AedReadinessDayType(), {
      municipalityId: key.municipalityId,
      date: key.date,
      aedFiguresTakenAt: row?.takenAt ?? null,
      aedCount: row?.aedCount ?? null,
      dispatchableAedCountByDay: row?.dispatchableByDay ?? null,
      dispatchableAedCountAtNight: row?.dispatchableAtNight ?? null,
      twentyFourSevenAedCount: row?.twentyFourSevenCount ?? null,
      twentyFourSevenAedShare: row ? twentyFourSevenShare(row) : null,
    });
  }
}

@Directive(READINESS_CHANGE_KEY)
@ObjectType('ReadinessChange', { description: READINESS_CHANGE_DESCRIPTION })
export class AedReadinessChangeType extends ReadinessChangeKeyFields {
  @Field(() => Int, { nullable: true, description: 'Change in registered AEDs.' })
  aedCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Change in AEDs dispatchable by day (the day hour with the fewest).' })
  dispatchableAedCountByDay!: number | null;

  @Field(() => Int, { nullable: true, description: 'Change in AEDs dispatchable at night (the night hour with the fewest).' })
  dispatchableAedCountAtNight!: number | null;

  @Field(() => Int, { nullable: true, description: 'Change in AEDs dispatchable around the clock.' })
  twentyFourSevenAedCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change in the 24/7 share (a difference of shares: 0.05 is five percentage points).' })
  twentyFourSevenAedShare!: number | null;

  static from(key: { municipalityId: string; sinceDate: string; untilDate: string }, since: Row, until: Row): AedReadinessChangeType {
    return Object.assign(new AedReadinessChangeType(), {
      ...key,
      aedCount: change(since?.aedCount, until?.aedCount),
      dispatchableAedCountByDay: change(since?.dispatchableByDay, until?.dispatchableByDay),
      dispatchableAedCountAtNight: change(since?.dispatchableAtNight, until?.dispatchableAtNight),
      twentyFourSevenAedCount: change(since?.twentyFourSevenCount, until?.twentyFourSevenCount),
      twentyFourSevenAedShare: change(since && twentyFourSevenShare(since), until && twentyFourSevenShare(until)),
    });
  }
}

@Directive(READINESS_HISTORY_KEY)
@ObjectType('ReadinessHistory', { description: READINESS_HISTORY_DESCRIPTION })
export class AedReadinessHistoryType extends ReadinessHistoryKeyFields {
  @Field(() => [Date], { nullable: 'items', description: 'When the AEDs’ figures were taken. One entry per date.' })
  aedFiguresTakenAt!: (Date | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'Registered AEDs. One entry per date.' })
  aedCount!: (number | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'AEDs dispatchable by day (the day hour with the fewest). One entry per date.' })
  dispatchableAedCountByDay!: (number | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'AEDs dispatchable at night (the night hour with the fewest). One entry per date.' })
  dispatchableAedCountAtNight!: (number | null)[];

  @Field(() => [Int], { nullable: 'items', description: 'AEDs dispatchable around the clock. One entry per date.' })
  twentyFourSevenAedCount!: (number | null)[];

  @Field(() => [Float], { nullable: 'items', description: 'Their share of all AEDs. One entry per date.' })
  twentyFourSevenAedShare!: (number | null)[];

  static from(key: { municipalityId: string; from: string; to: string }, rows: Row[]): AedReadinessHistoryType {
    const days = rows.map((row) => AedReadinessDayType.from({ municipalityId: key.municipalityId, date: row?.date ?? '' }, row));
    return Object.assign(
      new AedReadinessHistoryType(),
      key,
      columnsOf(days, ['aedFiguresTakenAt', 'aedCount', 'dispatchableAedCountByDay', 'dispatchableAedCountAtNight', 'twentyFourSevenAedCount', 'twentyFourSevenAedShare'] as const),
    );
  }
}
