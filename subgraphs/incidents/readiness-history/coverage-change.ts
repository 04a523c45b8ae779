/**
 * Where six-minute coverage grew or shrank between two dates: the kept
 * per-cell coverage of both (coverage-day.ts) side by side, one GeoJSON
 * hexagon per parent cell. A cell in only one of the two grids (the
 * boundary changed in between) has null on the other side and no change.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { change } from '../../../common/readiness-history.ts';
import { cellOutline } from '../coverage/coverage-grid.ts';
import { parentShares, type CoverageGrid } from './coverage-day.ts';

/** A date's kept per-cell coverage. */
export interface KeptCellCoverage {
  grid: CoverageGrid;
  dayHours: Uint8Array;
  nightHours: Uint8Array;
}

/** What each hexagon carries. */
export interface CellChangeProperties {
  cell: string;
  dayCoveredShareSince: number | null;
  dayCoveredShareUntil: number | null;
  dayCoveredShareChange: number | null;
  nightCoveredShareSince: number | null;
  nightCoveredShareUntil: number | null;
  nightCoveredShareChange: number | null;
}

function sharesByCell(kept: KeptCellCoverage | null): Map<string, { day: number; night: number }> {
  const shares = new Map<string, { day: number; night: number }>();
  kept?.grid.cells.forEach((cell, index) => shares.set(cell, parentShares(kept.grid, kept.dayHours, kept.nightHours, index)));
  return shares;
}

const rounded = (share: number | null | undefined) => (share == null ? null : Math.round(share * 10_000) / 10_000);

/** The change per cell from `since` to `until` (either may be missing: a gap), cells in H3 index order. */
export function coverageChangeFeatures(since: KeptCellCoverage | null, until: KeptCellCoverage | null): FeatureCollection<Polygon, CellChangeProperties> {
  const before = sharesByCell(since);
  const after = sharesByCell(until);
  const cells = [...new Set([...before.keys(), ...after.keys()])].sort();
  const features = cells.map((cell): Feature<Polygon, CellChangeProperties> => {
    const [was, is] = [before.get(cell), after.get(cell)];
    return {
      type: 'Feature',
      id: cell,
      geometry: { type: 'Polygon', coordinates: [cellOutline(cell)] },
      properties: {
        cell,
        dayCoveredShareSince: rounded(was?.day),
        dayCoveredShareUntil: rounded(is?.day),
        dayCoveredShareChange: rounded(change(was?.day, is?.day)),
        nightCoveredShareSince: rounded(was?.night),
        nightCoveredShareUntil: rounded(is?.night),
        nightCoveredShareChange: rounded(change(was?.night, is?.night)),
      },
    };
  });
  return { type: 'FeatureCollection', features };
}
