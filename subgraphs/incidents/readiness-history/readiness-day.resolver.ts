import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { parseId } from '../../../common/ids.ts';
import { requireCoverageAccess } from '../coverage/coverage.access.ts';
import { GeoJSONFeatureCollection } from '../coverage/geojson.scalar.ts';
import { coverageChangeFeatures } from './coverage-change.ts';
import { keptCellCoverage } from './readiness-day.ts';
import { CoverageReadinessChangeType } from './readiness-day.type.ts';

/** Coverage change between two dates, per grid cell. */
@Resolver(() => CoverageReadinessChangeType)
export class CoverageReadinessChangeResolver {
  @FieldResolver(() => GeoJSONFeatureCollection, {
    nullable: true,
    description:
      'Where six-minute coverage grew or shrank: one hexagon per grid cell (H3, one resolution coarser than computed: about 0.7 km²) with its day and night covered shares on both dates and their change (null on a side without a snapshot, or for a cell outside the boundary of that date). Its coordinators and ADMIN (detail, like sixMinuteCoverage); for anyone else null, with FORBIDDEN on this field only.',
  })
  async coverageChangeGeoJson(@Root() readinessChange: CoverageReadinessChangeType, @Ctx() context: RequestContext): Promise<unknown> {
    const municipalityId = parseId(readinessChange.municipalityId, 'Municipality');
    requireCoverageAccess(context.principal, municipalityId);
    const [since, until] = await Promise.all([
      keptCellCoverage(context.em.fork(), municipalityId, readinessChange.sinceDate),
      keptCellCoverage(context.em.fork(), municipalityId, readinessChange.untilDate),
    ]);
    return coverageChangeFeatures(since, until);
  }
}
