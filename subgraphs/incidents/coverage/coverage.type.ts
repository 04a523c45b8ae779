import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../../common/geo.type.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { cellCentre } from './coverage-grid.ts';
import { SIX_MINUTES_SECONDS } from './coverage-problem.ts';
import { cellSummaries, coverageShares, hourSummaries, type CellSummary, type CoverageShares, type HourSummary } from './coverage-report.ts';
import type { CoverageReport, PlacementReport } from './coverage.service.ts';

@ObjectType('CoverageHour', { description: 'One hour of the week across the municipality: shares of its grid cells covered.' })
export class CoverageHourType {
  @Field(() => Int, { description: '0–167: hour 0 starts Monday 00:00 on the municipality’s clock.' })
  hourOfWeek!: number;

  @Field(() => Date, { description: 'When this hour starts in the week computed.' })
  startsAt!: Date;

  @Field(() => Boolean, { description: 'Whether it is a night hour (23:00–07:00).' })
  night!: boolean;

  @Field(() => Int, { description: 'Cells covered: enough volunteers and an AED within six minutes.' })
  coveredCells!: number;

  @Field(() => Float, { description: 'Share of cells covered, 0–1.' })
  coveredShare!: number;

  @Field(() => Float, { nullable: true, description: 'Share of the population covered (population spread evenly over the cells); null when the population is not known.' })
  populationCoveredShare!: number | null;

  @Field(() => Float, { description: 'Share of cells with at least N alerted volunteers within six minutes (a).' })
  volunteerCoveredShare!: number;

  @Field(() => Float, { description: 'Share of cells where an AED would be brought within six minutes (b).' })
  aedCoveredShare!: number;

  static from(summary: HourSummary): CoverageHourType {
    return Object.assign(new CoverageHourType(), summary);
  }
}

@ObjectType('CoverageCell', { description: 'A hexagonal grid cell (H3) of the municipality across the week. Counts only.' })
export class CoverageCellType {
  @Field(() => String, { description: 'The H3 index of the cell.' })
  cell!: string;

  @Field(() => GeoPoint, { description: 'Its centre: where the patient of the computation was.' })
  centre!: GeoPoint;

  @Field(() => Float, { nullable: true, description: 'Its share of the population (spread evenly); null when not known.' })
  population!: number | null;

  @Field(() => Int, { description: 'Hours of the week (of 168) in which it is covered.' })
  coveredHours!: number;

  @Field(() => Int, { description: 'Day hours (of 112, 07:00–23:00) in which it is covered.' })
  dayCoveredHours!: number;

  @Field(() => Int, { description: 'Night hours (of 56, 23:00–07:00) in which it is covered.' })
  nightCoveredHours!: number;

  @Field(() => Int, { description: 'Hours with at least N alerted volunteers within six minutes (a).' })
  volunteerCoveredHours!: number;

  @Field(() => Int, { description: 'Hours in which an AED would be brought within six minutes (b).' })
  aedCoveredHours!: number;

  @Field(() => String, { description: 'The covered hours: 42 hexadecimal digits, the first pair hours 0–7 (lowest bit hour 0).' })
  coveredHourMask!: string;

  static from(summary: CellSummary): CoverageCellType {
    return Object.assign(new CoverageCellType(), summary, { centre: GeoPoint.of(summary.latitude, summary.longitude) });
  }
}

@ObjectType('SixMinuteCoverage', {
  description:
    'Six-minute coverage of a municipality for each hour of a week: for every hexagonal grid cell and hour, whether a dispatch at the cell’s centre would get (a) at least N volunteers and (b) an AED within six minutes, by the region’s dispatch policy and the same selection as real dispatch. Cells and counts only.',
})
export class SixMinuteCoverageType {
  @Field(() => LocalDate, { description: 'The Monday of the week computed.' })
  weekStartsOn!: string;

  @Field(() => String, { description: 'The clock the hours are read on: the municipality’s time zone.' })
  timeZone!: string;

  @Field(() => Int, { description: 'H3 resolution of the cells (9: about 0.1 km² each).' })
  resolution!: number;

  @Field(() => Int)
  cellCount!: number;

  @Field(() => Int, { description: 'N: alerted volunteers needed within six minutes.' })
  minimumVolunteers!: number;

  @Field(() => Int, { description: 'The limit, in seconds: six minutes.' })
  limitSeconds!: number;

  @Field(() => Int, { description: 'The version of the region’s dispatch policy computed with (0: the defaults).' })
  policyVersion!: number;

  @Field(() => Date)
  computedAt!: Date;

  @Field(() => Int, { description: 'How long the computation took, in milliseconds.' })
  computeMilliseconds!: number;

  @Field(() => Boolean, {
    description: 'Volunteers, AEDs, schedules or the policy changed since it was computed: a new computation is under way (ask again, or pass fresh: true to wait for it).',
  })
  stale!: boolean;

  /** The stored result the other fields are read from. */
  report!: CoverageReport;

  private hourList?: HourSummary[];
  private cellList?: CellSummary[];
  private shareFigures?: CoverageShares;

  /** Each hour of the week, worked out once per answer. */
  get hourSummaries(): HourSummary[] {
    this.hourList ??= hourSummaries(this.report);
    return this.hourList;
  }

  /** Each cell, worked out once per answer. */
  get cellSummaries(): CellSummary[] {
    this.cellList ??= cellSummaries(this.report);
    return this.cellList;
  }

  /** The week's, the day's and the night's shares, worked out once per answer. */
  get shares(): CoverageShares {
    this.shareFigures ??= coverageShares(this.report);
    return this.shareFigures;
  }

  static from(report: CoverageReport): SixMinuteCoverageType {
    return Object.assign(new SixMinuteCoverageType(), {
      weekStartsOn: report.weekStartsOn,
      timeZone: report.timeZone,
      resolution: report.resolution,
      cellCount: report.cells.length,
      minimumVolunteers: report.minimumVolunteers,
      limitSeconds: SIX_MINUTES_SECONDS,
      policyVersion: report.policyVersion,
      computedAt: report.computedAt,
      computeMilliseconds: report.computeMilliseconds,
      stale: report.stale,
      report,
    });
  }
}

@ObjectType('AedPlacementSuggestion', { description: 'A place (a grid cell’s centre) for a new AED available around the clock, and the night coverage it adds.' })
export class AedPlacementSuggestionType {
  @Field(() => Int, { description: '1 for the best place; each is chosen with the ones before it already hanging.' })
  rank!: number;

  @Field(() => String, { description: 'The H3 index of the cell.' })
  cell!: string;

  @Field(() => GeoPoint, { description: 'Where: the cell’s centre.' })
  location!: GeoPoint;

  @Field(() => Float, { description: 'Night coverage it adds (share of the night cell-hours, 0–1), given the places ranked before it.' })
  nightCoveredShareGain!: number;

  @Field(() => Float, { description: 'Night coverage once it and the places ranked before it have an AED.' })
  nightCoveredShareAfter!: number;

  @Field(() => Int, { description: 'Night cell-hours it turns covered.' })
  nightCellHoursGained!: number;
}

@ObjectType('AedPlacementSuggestions', { description: 'Where new AEDs would add the most six-minute coverage at night (23:00–07:00), best first.' })
export class AedPlacementSuggestionsType {
  @Field(() => LocalDate)
  weekStartsOn!: string;

  @Field(() => Int)
  resolution!: number;

  @Field(() => Int)
  minimumVolunteers!: number;

  @Field(() => Date)
  computedAt!: Date;

  @Field(() => Int)
  computeMilliseconds!: number;

  @Field(() => Boolean, { description: 'Computed from inputs that have changed since; a new computation is under way.' })
  stale!: boolean;

  @Field(() => Float, { description: 'Night coverage now, before any of the suggested AEDs.' })
  nightCoveredShare!: number;

  @Field(() => [AedPlacementSuggestionType], { description: 'Best first; fewer than asked when nowhere else would a new AED add anything at night.' })
  suggestions!: AedPlacementSuggestionType[];

  static from(report: PlacementReport): AedPlacementSuggestionsType {
    return Object.assign(new AedPlacementSuggestionsType(), {
      weekStartsOn: report.weekStartsOn,
      resolution: report.resolution,
      minimumVolunteers: report.minimumVolunteers,
      computedAt: report.computedAt,
      computeMilliseconds: report.computeMilliseconds,
      stale: report.stale,
      nightCoveredShare: report.nightCoveredShare,
      suggestions: report.suggestions.map((suggestion, index) => {
        const { latitude, longitude } = cellCentre(suggestion.cell);
        return Object.assign(new AedPlacementSuggestionType(), {
          rank: index + 1,
          cell: suggestion.cell,
          location: GeoPoint.of(latitude, longitude),
          nightCoveredShareGain: suggestion.gainedShare,
          nightCoveredShareAfter: suggestion.nightCoveredShareAfter,
          nightCellHoursGained: suggestion.gainedCellHours,
        });
      }),
    });
  }
}
