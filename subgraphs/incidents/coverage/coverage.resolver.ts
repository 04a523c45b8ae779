import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { badInput } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { HOURS_PER_WEEK } from '../../../common/week.ts';
import { MunicipalityRef } from '../references.ts';
import { RESOLUTIONS } from './coverage-grid.ts';
import { coverageFeatureCollection, worstHours, worstPlaces } from './coverage-report.ts';
import { aedPlacementSuggestions, sixMinuteCoverage } from './coverage.service.ts';
import { GeoJSONFeatureCollection } from './geojson.scalar.ts';
import { requireCoverageAccess } from './coverage.access.ts';
import { AedPlacementSuggestionsType, CoverageCellType, CoverageHourType, SixMinuteCoverageType } from './coverage.type.ts';

function checkCount(count: number, maximum: number, field: string): number {
  if (!Number.isInteger(count) || count < 1 || count > maximum) throw badInput(`${field} must be a whole number from 1 to ${maximum}.`, { field });
  return count;
}

const COMMON_ARGUMENTS =
  '`weekOf`: any day of the week (default this week, on the municipality’s clock); `resolution`: H3 cell resolution, 7 (cells of about 5 km²) to 10 (about 0.015 km²), default 9 (about 0.1 km²); `minimumVolunteers`: N (default the region’s enoughAcceptances).';

/** Coverage fields of the organization subgraph's Municipality. */
@Resolver(() => MunicipalityRef)
export class MunicipalityCoverageResolver {
  @FieldResolver(() => SixMinuteCoverageType, {
    description: `Six-minute coverage for each hour of a week over a hexagonal grid. ${COMMON_ARGUMENTS} Computed off the request path and kept; when volunteers, AEDs, schedules or the policy have changed since, the kept result is returned with stale: true while it is recomputed (fresh: true waits for the new one). Its coordinators and ADMIN.`,
  })
  async sixMinuteCoverage(
    @Root() municipality: MunicipalityRef,
    @Arg('weekOf', () => LocalDate, { nullable: true }) weekOf: string | null,
    @Arg('resolution', () => Int, { defaultValue: RESOLUTIONS.default }) resolution: number,
    @Arg('minimumVolunteers', () => Int, { nullable: true }) minimumVolunteers: number | null,
    @Arg('fresh', () => Boolean, { defaultValue: false }) fresh: boolean,
    @Ctx() context: RequestContext,
  ): Promise<SixMinuteCoverageType> {
    const municipalityId = parseId(municipality.id, 'Municipality');
    requireCoverageAccess(context.principal, municipalityId);
    return SixMinuteCoverageType.from(await sixMinuteCoverage(context, { municipalityId, weekOf, resolution, minimumVolunteers, fresh }));
  }

  @FieldResolver(() => AedPlacementSuggestionsType, {
    description: `The \`count\` places (grid cells, default 5, at most 25) where a new AED available around the clock would add the most six-minute coverage at night, chosen one after the other. ${COMMON_ARGUMENTS} Kept and recomputed like sixMinuteCoverage. Its coordinators and ADMIN.`,
  })
  async aedPlacementSuggestions(
    @Root() municipality: MunicipalityRef,
    @Arg('count', () => Int, { defaultValue: 5 }) count: number,
    @Arg('weekOf', () => LocalDate, { nullable: true }) weekOf: string | null,
    @Arg('resolution', () => Int, { defaultValue: RESOLUTIONS.default }) resolution: number,
    @Arg('minimumVolunteers', () => Int, { nullable: true }) minimumVolunteers: number | null,
    @Arg('fresh', () => Boolean, { defaultValue: false }) fresh: boolean,
    @Ctx() context: RequestContext,
  ): Promise<AedPlacementSuggestionsType> {
    const municipalityId = parseId(municipality.id, 'Municipality');
    requireCoverageAccess(context.principal, municipalityId);
    return AedPlacementSuggestionsType.from(await aedPlacementSuggestions(context, { municipalityId, weekOf, resolution, minimumVolunteers, fresh, count }));
  }
}

/** The figures of a coverage, worked out from the kept result when asked for. */
@Resolver(() => SixMinuteCoverageType)
export class SixMinuteCoverageResolver {
  @FieldResolver(() => Float, { description: 'Share of all cell-hours of the week covered, 0–1.' })
  coveredShare(@Root() coverage: SixMinuteCoverageType): number {
    return coverage.shares.covered;
  }

  @FieldResolver(() => Float, { description: 'Share of the day cell-hours (07:00–23:00) covered.' })
  dayCoveredShare(@Root() coverage: SixMinuteCoverageType): number {
    return coverage.shares.day;
  }

  @FieldResolver(() => Float, { description: 'Share of the night cell-hours (23:00–07:00) covered.' })
  nightCoveredShare(@Root() coverage: SixMinuteCoverageType): number {
    return coverage.shares.night;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Share of the population covered over the week (spread evenly over the cells); null when the population is not known.',
  })
  populationCoveredShare(@Root() coverage: SixMinuteCoverageType): number | null {
    return coverage.report.population === null ? null : coverage.shares.covered;
  }

  @FieldResolver(() => [CoverageHourType], { description: 'Every hour of the week, Monday 00:00 first.' })
  hours(@Root() coverage: SixMinuteCoverageType): CoverageHourType[] {
    return coverage.hourSummaries.map(CoverageHourType.from);
  }

  @FieldResolver(() => [CoverageHourType], { description: 'The `count` hours with the smallest share covered, worst first.' })
  worstHours(@Root() coverage: SixMinuteCoverageType, @Arg('count', () => Int, { defaultValue: 5 }) count: number): CoverageHourType[] {
    return worstHours(coverage.hourSummaries, checkCount(count, HOURS_PER_WEEK, 'count')).map(CoverageHourType.from);
  }

  @FieldResolver(() => [CoverageCellType], { description: 'Every cell, in H3 index order.' })
  cells(@Root() coverage: SixMinuteCoverageType): CoverageCellType[] {
    return coverage.cellSummaries.map(CoverageCellType.from);
  }

  @FieldResolver(() => [CoverageCellType], {
    description: 'The `count` cells covered in the fewest hours, worst first; among equals, those with enough volunteers or an AED in the most hours (where one fix helps) first.',
  })
  worstPlaces(@Root() coverage: SixMinuteCoverageType, @Arg('count', () => Int, { defaultValue: 10 }) count: number): CoverageCellType[] {
    return worstPlaces(coverage.cellSummaries, checkCount(count, 1000, 'count')).map(CoverageCellType.from);
  }

  @FieldResolver(() => GeoJSONFeatureCollection, {
    description:
      'The grid as a GeoJSON FeatureCollection of cell hexagons with the CoverageCell counts as properties; with `hourOfWeek` (0–167), also `covered`, `volunteers` and `aed` for that hour.',
  })
  geoJson(@Root() coverage: SixMinuteCoverageType, @Arg('hourOfWeek', () => Int, { nullable: true }) hourOfWeek: number | null | undefined): unknown {
    if (hourOfWeek != null && (!Number.isInteger(hourOfWeek) || hourOfWeek < 0 || hourOfWeek >= HOURS_PER_WEEK)) {
      throw badInput(`hourOfWeek must be a whole number from 0 to ${HOURS_PER_WEEK - 1}.`, { field: 'hourOfWeek' });
    }
    return coverageFeatureCollection(coverage.report, hourOfWeek);
  }
}
