/**
 * A small optimal assignment (minimum-cost flow by successive shortest paths)
 * used to decide which volunteer fetches which AED.
 *
 * Sizes are tiny (at most `maxAlerted` volunteers × the AEDs within a few
 * hundred metres), so plain Bellman–Ford is fast and, unlike a heuristic, its
 * answer does not depend on the order in which pairs are looked at.
 */

/**
 * A cost compared lexicographically: the first element decides, later ones
 * only break ties. All costs given to one call must have the same length and
 * hold integers, so that sums are exact and ties are real ties.
 */
export type LexicographicCost = readonly number[];

/** One allowed pairing of a left item (a volunteer) with a right item (an AED). */
export interface AssignmentOption {
  readonly left: number;
  readonly right: number;
  readonly cost: LexicographicCost;
}

/** What to assign: each left item takes at most one option; right item `r` at most `rightCapacity[r]`. */
export interface AssignmentProblem {
  readonly leftCount: number;
  readonly rightCapacity: readonly number[];
  readonly options: readonly AssignmentOption[];
  /** Upper bound on the number of pairs chosen. */
  readonly maxPairs: number;
}

function add(a: LexicographicCost, b: LexicographicCost): number[] {
  return a.map((value, index) => value + (b[index] ?? 0));
}

function compare(a: LexicographicCost, b: LexicographicCost): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

interface Edge {
  readonly to: number;
  capacity: number;
  readonly cost: LexicographicCost;
  /** Index of the reverse edge in `graph[to]`. */
  readonly reverse: number;
  /** The option this edge stands for, on forward volunteer → AED edges only. */
  readonly option?: AssignmentOption;
}

/**
 * Chooses as many pairs as possible (up to `maxPairs`) and, among all
 * selections of that size, one with the least total cost.
 *
 * Successive shortest paths guarantee that after k augmentations the flow is
 * the cheapest of all flows of size k; stopping at `maxPairs` or when no path
 * is left therefore gives the cheapest maximum selection. The result is
 * deterministic for a given input order; callers sort their inputs first.
 *
 * @returns the chosen options, in the order they appear in `problem.options`.
 */
export function assignMaximumAtMinimumCost(problem: AssignmentProblem): AssignmentOption[] {
  const { leftCount, rightCapacity, options, maxPairs } = problem;
  const costLength = options[0]?.cost.length ?? 1;
  const zero: LexicographicCost = new Array<number>(costLength).fill(0);
  const source = 0;
  const sink = leftCount + rightCapacity.length + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);

  const addEdge = (from: number, to: number, capacity: number, cost: LexicographicCost, option?: AssignmentOption) => {
    graph[from]!.push({ to, capacity, cost, reverse: graph[to]!.length, option });
    graph[to]!.push({ to: from, capacity: 0, cost: cost.map((value) => -value), reverse: graph[from]!.length - 1 });
  };

  for (let left = 0; left < leftCount; left++) addEdge(source, 1 + left, 1, zero);
  for (const option of options) addEdge(1 + option.left, 1 + leftCount + option.right, 1, option.cost, option);
  rightCapacity.forEach((capacity, right) => addEdge(1 + leftCount + right, sink, capacity, zero));

  for (let pairs = 0; pairs < maxPairs; pairs++) {
    // Bellman–Ford, because residual edges carry negative costs.
    const distance: (LexicographicCost | undefined)[] = new Array(graph.length).fill(undefined);
    const via: ({ node: number; edge: number } | undefined)[] = new Array(graph.length).fill(undefined);
    distance[source] = zero;
    for (let round = 0, changed = true; changed && round < graph.length; round++) {
      changed = false;
      graph.forEach((edges, node) => {
        const from = distance[node];
        if (from === undefined) return;
        edges.forEach((edge, index) => {
          if (edge.capacity <= 0) return;
          const candidate = add(from, edge.cost);
          const current = distance[edge.to];
          if (current === undefined || compare(candidate, current) < 0) {
            distance[edge.to] = candidate;
            via[edge.to] = { node, edge: index };
            changed = true;
          }
        });
      });
    }
    if (distance[sink] === undefined) break;
    // Every path carries one unit: source edges have capacity 1.
    for (let node = sink; node !== source; ) {
      const step = via[node]!;
      const edge = graph[step.node]![step.edge]!;
      edge.capacity -= 1;
      graph[node]![edge.reverse]!.capacity += 1;
      node = step.node;
    }
  }

  const chosen = new Set<AssignmentOption>();
  for (const edges of graph) for (const edge of edges) if (edge.option && edge.capacity === 0) chosen.add(edge.option);
  return options.filter((option) => chosen.has(option));
}
