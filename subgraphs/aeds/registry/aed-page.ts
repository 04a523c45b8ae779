/**
 * A municipality's AEDs a page at a time (common/connection.ts), filtered:
 * dispatchable or not at an instant (the readiness rule), and a search on
 * the location description and address; ordered by location description,
 * then id. Works on the municipality's AEDs as loaded for its counts
 * (a municipality has hundreds, not millions).
 */
import { checkFirst, decodeCursor, pageOf, type Page } from '../../../common/connection.ts';
import { badInput } from '../../../common/errors.ts';
import type { Aed } from './aed.entity.ts';
import { readinessFactsOf } from './aed.facts.ts';
import { assessReadiness, type ReadinessPolicy } from '../readiness/readiness.ts';

/** What a list of AEDs is narrowed to; every filter given must hold. */
export interface AedFilter {
  /** Only those dispatch may send (true) or may not (false) at `at`. */
  dispatchable?: boolean | null;
  /** The instant `dispatchable` is judged at; default now. */
  at?: Date | null;
  /** Part of the location description or address, any case. */
  search?: string | null;
}

const LONGEST_SEARCH = 100;

/** The page after `after` of `aeds`, by location description, then id. */
export function aedPage(aeds: readonly Aed[], options: { first?: number | null; after?: string | null; filter?: AedFilter | null }, policy: ReadinessPolicy): Page<Aed> {
  const first = checkFirst(options.first);
  const cursor = decodeCursor(options.after, 2) as [string, string] | null;
  const filter = options.filter ?? {};
  const search = filter.search?.trim().toLowerCase() || null;
  if (search && search.length > LONGEST_SEARCH) throw badInput(`search is longer than ${LONGEST_SEARCH} characters.`, { field: 'filter.search' });
  const at = filter.at ?? new Date();
  const matching = aeds.filter(
    (aed) =>
      (search === null || `${aed.locationDescription}\n${aed.address ?? ''}`.toLowerCase().includes(search)) &&
      (filter.dispatchable == null || assessReadiness(readinessFactsOf(aed), at, policy).dispatchable === filter.dispatchable),
  );
  const key = (aed: Aed): [string, string] => [aed.locationDescription, aed.id];
  // Sorted here with the same comparison as the cursor's, whatever the database's collation.
  matching.sort((a, b) => compareKeys(key(a), key(b)));
  const start = cursor === null ? 0 : matching.findIndex((aed) => compareKeys(key(aed), cursor) > 0);
  const rest = start === -1 ? [] : matching.slice(start, start + first + 1);
  return pageOf(rest, first, matching.length, key);
}

/** Location description, then id, by code unit: a total order a cursor can resume from. */
function compareKeys(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
