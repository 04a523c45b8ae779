/**
 * One shape for every list that can grow: cursor pagination. A page is asked
 * with `first` (how many, 1–500, default 50) and `after` (the `endCursor` of
 * the page before); it answers `nodes`, `totalCount` (all rows matching the
 * filter, on every page) and `pageInfo { endCursor hasNextPage }`. Rows come
 * in a stable order that ends in the id, so a row is never seen twice or
 * skipped while others are added. A cursor is opaque to clients: the sort
 * key of the last row, encoded.
 */
import { badInput } from './errors.ts';
import { isId } from './ids.ts';

/** Rows on a page when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** Most rows on one page. */
export const MAXIMUM_PAGE_SIZE = 500;

/** The longest search accepted in a list's filter. */
export const LONGEST_SEARCH = 100;

/** An ILIKE pattern matching `text` anywhere, its wildcards taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** A filter's `search` trimmed (null when empty); BAD_USER_INPUT naming `filter.search` when longer than {@link LONGEST_SEARCH}. */
export function checkSearch(search: string | null | undefined): string | null {
  const text = search?.trim() || null;
  if (text && text.length > LONGEST_SEARCH) throw badInput(`search is longer than ${LONGEST_SEARCH} characters.`, { field: 'filter.search' });
  return text;
}

/** A page of rows with what the next request needs. */
export interface Page<T> {
  nodes: T[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** `first` checked: a whole number from 1 to {@link MAXIMUM_PAGE_SIZE}; BAD_USER_INPUT naming `first` otherwise. */
export function checkFirst(first: number | null | undefined): number {
  const value = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAXIMUM_PAGE_SIZE) {
    throw badInput(`first must be a whole number from 1 to ${MAXIMUM_PAGE_SIZE}, not ${first}.`, { field: 'first' });
  }
  return value;
}

/** The cursor of a row with sort key `key`. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in `after`, with `length` parts; BAD_USER_INPUT naming `after` when it is not a cursor of this list. */
export function decodeCursor(after: string | null | undefined, length: number): (string | number)[] | null {
  if (after == null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key;
  } catch {
    // Reported below, as any other foreign string.
  }
  throw badInput('after is not a cursor of this list; pass the endCursor of the page before.', { field: 'after' });
}

/** The key in `after` of a list ordered by name, then id; BAD_USER_INPUT naming `after` when it is not one. */
export function decodeNameIdCursor(after: string | null | undefined): [string, string] | null {
  const key = decodeCursor(after, 2);
  if (key === null) return null;
  const [name, id] = key;
  if (typeof name !== 'string' || typeof id !== 'string' || !isId(id)) {
    throw badInput('after is not a cursor of this list; pass the endCursor of the page before.', { field: 'after' });
  }
  return [name, id];
}

/** The page of `rows` fetched with limit `first + 1`: the extra row only tells that there is a next page. */
export function pageOf<T>(rows: T[], first: number, totalCount: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, totalCount, endCursor: last === undefined ? null : encodeCursor(keyOf(last)), hasNextPage: rows.length > first };
}
