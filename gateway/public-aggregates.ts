/**
 * Public aggregates (counts per municipality) kept by the gateway for a short
 * while, so a dashboard listing every municipality with its AED and volunteer
 * counts costs the aeds and volunteers subgraphs one computation per change
 * (or per {@link PUBLIC_AGGREGATE_TTL_MS}), not one per caller.
 *
 * Only what {@link PUBLIC_AGGREGATES} names is kept: fields that are public
 * (the same answer for every caller, anonymous included, no personal data)
 * and without arguments, asked for in an `_entities` fetch that asks for
 * nothing else. Anything that depends on the caller never comes near it.
 *
 * A kept figure is dropped when its owning subgraph changes:
 * - at once, when a mutation through this gateway reaches that subgraph (the
 *   caller who registered an AED sees the new count on their next query);
 * - for changes made anywhere else (another gateway, a worker, an import),
 *   within {@link VERSION_POLL_MS}: the subgraph counts committed changes
 *   (common/public-aggregates.ts) and the gateway asks for that count;
 * - and in any case after {@link PUBLIC_AGGREGATE_TTL_MS}, which also bounds
 *   how old "now" is in a count of what is dispatchable or alertable now.
 * A figure fetched while a change arrived is not kept. Nothing new is kept
 * while the gateway cannot read the subgraph's count of changes (before the
 * first answer, or while asking fails, as under heavy load); what is kept then
 * lives out its TTL, and the next answer drops it if the count moved meanwhile
 * (the count is a sequence in the database: it survives restarts).
 */
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Logger } from '../common/logger.ts';
import { PUBLIC_AGGREGATES_VERSION_PATH } from '../common/public-aggregates.ts';

/**
 * The public aggregates the gateway may keep, by owning subgraph and entity
 * type. Every field here must answer the same to every caller, and its owner
 * must report its changes (common/public-aggregates.ts). Those with an `at`
 * argument are kept only when asked without it (meaning "now").
 */
export const PUBLIC_AGGREGATES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  aeds: { Municipality: ['aedCount', 'dispatchableAedCount', 'twentyFourSevenAedCount', 'twentyFourSevenAedShare'] },
  volunteers: { Municipality: ['volunteerCount', 'formerVolunteerCount', 'alertableVolunteerCount'] },
};

/** The longest a figure is kept, whatever else happens. */
export const PUBLIC_AGGREGATE_TTL_MS = 10_000;

/** How often the gateway asks an owning subgraph for its count of changes. */
export const VERSION_POLL_MS = 1_000;

/** How long one such question may take: a busy subgraph answers late, not never. */
const VERSION_TIMEOUT_MS = 5_000;

/** Most figures kept per subgraph (a figure is one entity's answer: a municipality has a few hundred bytes). */
const MAX_ENTRIES = 20_000;

/** Fetch documents parsed once (a gateway sends a bounded set of them: its query plans'). */
const selections = new Map<string, boolean>();
const MAX_SELECTIONS = 2_000;

/** Whether `query`, a fetch for `subgraph`, asks for nothing but public aggregates of entities. */
export function asksOnlyPublicAggregates(subgraph: string, query: string): boolean {
  const key = `${subgraph}\u0000${query}`;
  let answer = selections.get(key);
  if (answer === undefined) {
    let document: DocumentNode | undefined;
    try {
      document = parse(query, { noLocation: true });
    } catch {
      document = undefined;
    }
    answer = document !== undefined && onlyPublicAggregates(PUBLIC_AGGREGATES[subgraph], document);
    if (selections.size >= MAX_SELECTIONS) selections.clear();
    selections.set(key, answer);
  }
  return answer;
}

/**
 * `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on T { a b } } }`
 * with every field listed for T, no arguments, aliases, directives or sub-selections.
 */
function onlyPublicAggregates(allowed: Readonly<Record<string, readonly string[]>> | undefined, document: DocumentNode): boolean {
  if (!allowed || document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return false;
  if ((operation.directives?.length ?? 0) > 0) return false;
  if (operation.variableDefinitions?.length !== 1 || operation.variableDefinitions[0]!.variable.name.value !== 'representations') return false;
  const [root, ...others] = operation.selectionSet.selections;
  if (others.length > 0 || root?.kind !== Kind.FIELD || root.name.value !== '_entities' || root.alias || (root.directives?.length ?? 0) > 0) return false;
  if (!root.selectionSet) return false;
  return entitySelections(allowed, root.selectionSet);
}

function entitySelections(allowed: Readonly<Record<string, readonly string[]>>, selectionSet: SelectionSetNode): boolean {
  let fields = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias && !selection.directives?.length) continue;
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition || (selection.directives?.length ?? 0) > 0) return false;
    const fieldsOfType = allowed[selection.typeCondition.name.value];
    if (!fieldsOfType) return false;
    for (const field of selection.selectionSet.selections) {
      if (field.kind !== Kind.FIELD || field.alias || field.selectionSet || (field.arguments?.length ?? 0) > 0 || (field.directives?.length ?? 0) > 0) return false;
      if (field.name.value === '__typename') continue;
      if (!fieldsOfType.includes(field.name.value)) return false;
      fields += 1;
    }
  }
  return fields > 0;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** The figures of one owning subgraph. */
class SubgraphFigures {
  readonly entries = new Map<string, Entry>();
  /** Bumped at every invalidation: a fetch that started before one may not keep its answer. */
  generation = 0;
  /** The subgraph's count of changes as last heard; undefined before the first answer. */
  version: string | undefined;
  /** Whether the last question about it was answered: nothing new is kept while not. */
  answering = false;

  invalidate(): void {
    this.entries.clear();
    this.generation += 1;
  }
}

export interface PublicAggregateOptions {
  /** Subgraph name → its `/graphql` URL; figures are kept only for the owners in {@link PUBLIC_AGGREGATES}. */
  subgraphUrls: Record<string, string>;
  ttlMs?: number;
  pollMs?: number;
  logger?: Logger;
}

/** The gateway's store of public aggregates, one part per owning subgraph. */
export class PublicAggregateCache {
  private readonly figures = new Map<string, SubgraphFigures>();
  private readonly ttlMs: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: PublicAggregateOptions) {
    this.ttlMs = options.ttlMs ?? PUBLIC_AGGREGATE_TTL_MS;
    this.pollMs = options.pollMs ?? VERSION_POLL_MS;
    for (const name of Object.keys(PUBLIC_AGGREGATES)) if (options.subgraphUrls[name]) this.figures.set(name, new SubgraphFigures());
  }

  /**
   * Starts asking the owners for their count of changes, without waiting for the answers: a
   * subgraph that does not answer must not hold up the gateway's start (nothing is kept until it does).
   */
  start(): void {
    const next = () => {
      if (this.closed) return;
      this.timer = setTimeout(() => void this.poll().finally(next), this.pollMs);
      this.timer.unref();
    };
    void this.poll().finally(next);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** Whether figures of `subgraph` may be read or kept (it owns some, and its count of changes was read). */
  keeps(subgraph: string): boolean {
    return this.figures.get(subgraph)?.version !== undefined;
  }

  /** The current generation of `subgraph`'s figures: pass it to {@link keep} for what a fetch started now brings back. */
  generation(subgraph: string): number {
    return this.figures.get(subgraph)?.generation ?? 0;
  }

  /** The kept answer for `key`, or undefined. */
  get(subgraph: string, key: string, now = Date.now()): unknown {
    const figures = this.figures.get(subgraph);
    const entry = figures?.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      figures!.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` for `key`, unless the figures were invalidated since `generation` (the fetch may have read what is now old). */
  keep(subgraph: string, key: string, value: unknown, generation: number, now = Date.now()): void {
    const figures = this.figures.get(subgraph);
    if (!figures?.answering || figures.generation !== generation) return;
    figures.entries.set(key, { value, expiresAt: now + this.ttlMs });
    // Oldest first out: Map keeps insertion order.
    while (figures.entries.size > MAX_ENTRIES) figures.entries.delete(figures.entries.keys().next().value!);
  }

  /** Drops everything kept for `subgraph`: a mutation through this gateway reached it. */
  invalidate(subgraph: string): void {
    this.figures.get(subgraph)?.invalidate();
  }

  /** Asks every owner for its count of changes; a new count drops what was kept for it. */
  private async poll(): Promise<void> {
    await Promise.all(
      [...this.figures].map(async ([name, figures]) => {
        const version = await this.versionOf(name);
        if (version === undefined) {
          if (figures.answering) this.options.logger?.warn({ subgraph: name }, 'public aggregates: no count of changes; keeping nothing new until it answers');
          figures.answering = false;
          return;
        }
        if (version !== figures.version) figures.invalidate();
        figures.version = version;
        figures.answering = true;
      }),
    );
  }

  private async versionOf(name: string): Promise<string | undefined> {
    const url = this.options.subgraphUrls[name]!.replace(/\/graphql$/, PUBLIC_AGGREGATES_VERSION_PATH);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(VERSION_TIMEOUT_MS) });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { version?: unknown };
      return typeof body.version === 'string' ? body.version : undefined;
    } catch {
      return undefined;
    }
  }
}
