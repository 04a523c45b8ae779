/**
 * What an operation costs, in the work behind it rather than in fields.
 *
 * graphql-armor's cost limit counts fields, so twenty aliases of
 * `municipalities { alertableVolunteerCountsByHour }` looked cheap while each
 * judged every volunteer of every municipality 168 times. Here a field costs
 * 1 plus the weight of the resolver behind it ({@link FIELD_WEIGHTS}), and a
 * list multiplies what each of its items costs by its expected size
 * ({@link LIST_SIZES}, or the caller's own `first`/`limit`/`count`), the way
 * the federation `@cost` and `@listSize` directives weigh them. Leaf values
 * cost nothing of their own. The table lives here rather than in the
 * subgraphs' schemas: the gateway is where the limit is enforced, and one
 * table is easier to keep right than directives spread over four subgraphs
 * (gateway/cost.spec.ts checks that every entry names a field of the API).
 *
 * The same figure limits one operation ({@link costLimitRule}) and is what
 * the caller's budget is charged (gateway/budgets.ts).
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../common/errors.ts';

/** Extra cost of a field beyond the 1 every object field costs: the work its resolver does. */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  // Judge every volunteer (or AED) of the municipality for each of the 168 hours of a week: tens of
  // milliseconds of CPU each for a few hundred volunteers, against about 5 for a candidate search.
  // Kept a minute for the current week, but any other week is computed afresh.
  'Municipality.alertableVolunteerCountsByHour': 400,
  'WorkingGroup.alertableVolunteerCountsByHour': 400,
  'Municipality.dispatchableAedCountsByHour': 150,
  // Judge every volunteer or AED of the municipality once.
  'Municipality.alertableVolunteerCount': 20,
  'Municipality.certificateLapseForecast': 20,
  'WorkingGroup.certificateLapseForecast': 20,
  'Municipality.certificateRenewalsDue': 20,
  'WorkingGroup.certificateRenewalsDue': 20,
  'Query.certificateRenewalsDue': 20,
  'Municipality.dispatchableAedCount': 10,
  'Municipality.twentyFourSevenAedCount': 10,
  'Municipality.twentyFourSevenAedShare': 10,
  'Municipality.volunteerCount': 2,
  'Municipality.formerVolunteerCount': 2,
  'Municipality.aedCount': 2,
  // Spatial searches.
  'Query.nearestDispatchableAeds': 10,
  'Query.municipalityAt': 10,
  // Kept results, but a stale or `fresh: true` one is recomputed over a whole grid.
  'Municipality.sixMinuteCoverage': 200,
  'Municipality.aedPlacementSuggestions': 500,
  // A scope's timelines over the period, reduced in the database (a region's year: a thousand incidents).
  'Query.outcomeStatistics': 200,
  // Two kept rows of per-cell coverage, turned into hexagons.
  'ReadinessChange.coverageChangeGeoJson': 20,
};

/** Expected length of a list field when the caller does not bound it with `first`, `limit` or `count`. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // The Netherlands has 342 municipalities in 25 security regions.
  'Query.municipalities': 400,
  'Query.workingGroups': 400,
  'Query.securityRegions': 25,
  'Query.ambulanceServices': 25,
  'Query.partnerAssociations': 50,
  'SecurityRegion.municipalities': 30,
  'Municipality.aeds': 100,
  'Municipality.volunteers': 1000,
  'WorkingGroup.volunteers': 1000,
  'PartnerAssociation.members': 1000,
  'CertificateLapseForecast.volunteers': 100,
  'Municipality.certificateRenewalsDue': 100,
  'WorkingGroup.certificateRenewalsDue': 100,
  'Query.certificateRenewalsDue': 100,
  // One entry per hour of the week.
  'Municipality.alertableVolunteerCountsByHour': 168,
  'WorkingGroup.alertableVolunteerCountsByHour': 168,
  'Municipality.dispatchableAedCountsByHour': 168,
  'SixMinuteCoverage.hours': 168,
  'SixMinuteCoverage.cells': 1000,
  'OutcomeStatistics.byHourOfWeek': 168,
  // A year's months.
  'OutcomeStatistics.byMonth': 12,
  // One entry per date (a year, as a council asks; every entity batch is one query per subgraph).
  // The columns of ReadinessHistory are lists of numbers: leaves, nearly free.
  'ReadinessHistory.days': 366,
  'SecurityRegion.readinessChange': 30,
  'SecurityRegion.readinessHistory': 30,
};

/** Expected length of any other list of objects. */
export const DEFAULT_LIST_SIZE = 10;

/** Arguments that bound a list's length, as `@listSize(slicingArguments: …)` would name them. */
const SLICING_ARGUMENTS = ['first', 'limit', 'count'];

function argumentValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

/** How many items a list field is expected to return. */
function listSize(
  coordinate: string,
  field: GraphQLField<unknown, unknown>,
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
): number {
  for (const name of SLICING_ARGUMENTS) {
    const given = args.find((argument) => argument.name.value === name);
    const value = given ? argumentValue(given.value, variables) : field.args.find((argument) => argument.name === name)?.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return LIST_SIZES[coordinate] ?? DEFAULT_LIST_SIZE;
}

function selectionSetCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  visiting: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      // Unknown fields and __typename are left to validation.
      if (!field) continue;
      const coordinate = `${parent.name}.${field.name}`;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) {
        total += FIELD_WEIGHTS[coordinate] ?? 0;
        continue;
      }
      const children = selection.selectionSet ? selectionSetCost(schema, named, selection.selectionSet, fragments, variables, visiting) : 0;
      // The resolver's work is done once; each item of what it returns costs 1 and what is asked of it.
      const items = isListType(getNullableType(field.type)) ? listSize(coordinate, field, selection.arguments ?? [], variables) : 1;
      total += (FIELD_WEIGHTS[coordinate] ?? 0) + items * (1 + children);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      const type = condition && isCompositeType(condition) ? condition : parent;
      total += selectionSetCost(schema, type, selection.selectionSet, fragments, variables, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A cycle is refused by validation (NoFragmentCycles); it must not hang the estimate first.
      if (!fragment || visiting.has(name)) continue;
      const condition = schema.getType(fragment.typeCondition.name.value);
      visiting.add(name);
      total += selectionSetCost(schema, condition && isCompositeType(condition) ? condition : parent, fragment.selectionSet, fragments, variables, visiting);
      visiting.delete(name);
    }
  }
  return total;
}

/**
 * The cost of the operation `operationName` of `document` (the only one when
 * not named; the most expensive when ambiguous), with `variables` bounding
 * lists where the caller passed them. At least 1: every request costs something.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operations.push(definition);
  }
  let highest = 0;
  for (const operation of operations) {
    const root = schema.getRootType(operation.operation);
    if (!root) continue;
    highest = Math.max(highest, selectionSetCost(schema, root, operation.selectionSet, fragments, variables, new Set()));
  }
  return Math.max(1, Math.ceil(highest));
}

/** QUERY_TOO_COMPLEX (HTTP 400) for an operation over the limit, with the estimate. */
export function tooCostly(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `This query would cost about ${cost} (the limit is ${maxCost}): ask for fewer items at once, e.g. one municipality at a time, or without aliases repeating the same lists.`,
    { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } } },
  );
}

/**
 * A validation rule refusing operations that cost more than `maxCost`
 * (QUERY_TOO_COMPLEX, with the estimate and the limit in the message and in
 * `extensions`). Lists bounded by variables are taken at their expected size
 * here; the budget charge uses the variables' values.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => ({
    Document: {
      leave(document) {
        const cost = operationCost(context.getSchema(), document);
        if (cost > maxCost) context.reportError(tooCostly(cost, maxCost));
      },
    },
  });
}
