/**
 * Duplicate entity representations within one `_entities` fetch, asked once.
 *
 * @apollo/gateway builds one representation per entity in the response, so
 * a list of 201 AEDs of one municipality asks the organization subgraph about
 * that municipality 201 times in one fetch. The same representation in the
 * same fetch (same caller, same query) has the same answer, so it is sent
 * once and its answer is handed back at every position that asked for it, in
 * the order the gateway sent them, each position its own copy: the gateway
 * merges later fetches into what it received, and two positions sharing one
 * object would see each other's merges.
 */

/** A GraphQL error as a subgraph sends it (the `path` of an entity's error starts `["_entities", <index>]`). */
export interface SubgraphError {
  message: string;
  path?: readonly (string | number)[];
  [key: string]: unknown;
}

/** The representations to send, and for each one the gateway asked about, which of them answers it. */
export interface UniqueRepresentations<T> {
  unique: T[];
  /** `answeredBy[i]`: the index in `unique` of the representation at position `i`. */
  answeredBy: number[];
}

/** A representation's identity: its JSON (the gateway builds every one from the same selection, so keys come in one order). */
export function representationKey(representation: unknown): string {
  return JSON.stringify(representation);
}

/** Each distinct representation once, in the order of its first appearance. */
export function uniqueRepresentations<T>(representations: readonly T[]): UniqueRepresentations<T> {
  const indexByKey = new Map<string, number>();
  const unique: T[] = [];
  const answeredBy = representations.map((representation) => {
    const key = representationKey(representation);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = unique.length;
      unique.push(representation);
      indexByKey.set(key, index);
    }
    return index;
  });
  return { unique, answeredBy };
}

/** A copy that shares nothing with `value` (answers are plain JSON). */
export function copyOf<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : structuredClone(value);
}

/**
 * The answers in the gateway's order: position `i` gets a copy of
 * `answers[answeredBy[i]]`. An error about `_entities[j]` is repeated for every
 * position `j` answers, with that position in its path; other errors pass once.
 */
export function fanOut<E>(
  answers: readonly E[],
  errors: readonly SubgraphError[] | undefined,
  answeredBy: readonly number[],
): { entities: E[]; errors: SubgraphError[] | undefined } {
  const seen = new Set<number>();
  const entities = answeredBy.map((index) => {
    const answer = answers[index]!;
    // The first position may keep the object itself; the others get copies.
    if (!seen.has(index)) {
      seen.add(index);
      return answer;
    }
    return copyOf(answer);
  });
  if (!errors) return { entities, errors };
  const positionsOf = new Map<number, number[]>();
  answeredBy.forEach((index, position) => positionsOf.set(index, [...(positionsOf.get(index) ?? []), position]));
  const spread = errors.flatMap((error) => {
    const [root, index, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number') return [error];
    return (positionsOf.get(index) ?? []).map((position) => ({ ...error, path: ['_entities', position, ...rest] }));
  });
  return { entities, errors: spread };
}
