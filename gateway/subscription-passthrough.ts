/**
 * Which subscriptions one subgraph can serve alone, so that the gateway
 * passes their events through as the subgraph sent them.
 *
 * Through the stitched schema (gateway/subscriptions.ts) every event of every
 * subscription is executed a second time at the gateway, field by field,
 * before it is sent on: for a dispatch's thirty ALERTED frames that was more
 * of the gateway's time than the incidents subgraph spent writing them. When
 * every field an operation selects is resolved by the subgraph that owns its
 * root field, the gateway has nothing to add: it checks the operation
 * (validation, cost, budget, the caller's principal) as before and then
 * relays the subgraph's results unchanged. An operation that needs another
 * subgraph for even one field (an AED's `locationDescription` in an alert,
 * say) keeps going through the stitched schema.
 *
 * Ownership is read from the supergraph's `@join__field` and `@join__type`:
 * a field belongs to the graphs its `@join__field`s name (not where it is
 * `external`, needs `requires`, or was overridden), or, without any, to every
 * graph that defines its type; a field `external` in a graph is still served
 * there below a field that `provides` it. Abstract types (interfaces, unions)
 * are not judged: their operations keep going through the stitched schema.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type GraphQLObjectType,
} from 'graphql';

interface FieldOwner {
  graph: string;
  /** Fields of this field's type the graph serves below it although they are external there. */
  provides?: SelectionSetNode;
}

interface TypeOwnership {
  /** Graphs that define the type. */
  graphs: Set<string>;
  /** Fields with `@join__field`s: the graphs that serve them. */
  fields: Map<string, FieldOwner[]>;
}

/** Who serves what, read from a supergraph SDL; subgraph names as in `@join__graph(name:)`. */
export interface Ownership {
  types: Map<string, TypeOwnership>;
}

function argument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

export function readOwnership(supergraphSdl: string): Ownership {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = joinGraph && argument(joinGraph, 'name');
      graphNames.set(value.name.value, typeof name === 'string' ? name : value.name.value.toLowerCase());
    }
  }
  const graphOf = (directive: ConstDirectiveNode) => {
    const graph = argument(directive, 'graph');
    return typeof graph === 'string' ? (graphNames.get(graph) ?? graph.toLowerCase()) : undefined;
  };
  const types = new Map<string, TypeOwnership>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = types.get(definition.name.value) ?? { graphs: new Set<string>(), fields: new Map<string, FieldOwner[]>() };
    types.set(definition.name.value, type);
    for (const directive of definition.directives ?? []) {
      const graph = directive.name.value === 'join__type' ? graphOf(directive) : undefined;
      if (graph) type.graphs.add(graph);
    }
    for (const field of definition.fields ?? []) {
      const joins = field.directives?.filter((directive) => directive.name.value === 'join__field') ?? [];
      if (joins.length === 0) continue;
      const owners: FieldOwner[] = [];
      for (const join of joins) {
        const graph = graphOf(join);
        const external = argument(join, 'external') === true;
        const provides = argument(join, 'provides');
        if (!graph || argument(join, 'usedOverridden') === true || argument(join, 'requires') !== undefined) continue;
        // An external field is listed so that a `provides` above it can name it; served only there.
        if (external) continue;
        owners.push({ graph, ...(typeof provides === 'string' ? { provides: (parse(`{ ${provides} }`).definitions[0] as OperationDefinitionNode).selectionSet } : {}) });
      }
      type.fields.set(field.name.value, owners);
    }
  }
  return { types };
}

/** The sub-selection of `name` within a `provides` selection, if it names the field. */
function providedBelow(provided: SelectionSetNode | undefined, name: string): SelectionSetNode | undefined | false {
  if (!provided) return false;
  for (const selection of provided.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value === name) return selection.selectionSet;
  }
  return false;
}

/**
 * The subgraph that alone serves every field `document`'s operation selects,
 * or undefined when another subgraph is needed (or it cannot be told).
 * `schema` is the gateway's stitched schema, which the document was validated against.
 */
export function soleSubgraph(schema: GraphQLSchema, ownership: Ownership, document: DocumentNode, operationName?: string | null): string | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  // The root fields' graph: every one must be served by the same subgraph.
  const rootGraphs = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') return undefined;
    const owners = ownership.types.get(root.name)?.fields.get(selection.name.value);
    if (owners?.length !== 1) return undefined;
    rootGraphs.add(owners[0]!.graph);
  }
  if (rootGraphs.size !== 1) return undefined;
  const graph = [...rootGraphs][0]!;

  const served = (selectionSet: SelectionSetNode, type: GraphQLObjectType, provided: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    const typeOwnership = ownership.types.get(type.name);
    if (!typeOwnership) return false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== type.name) return false;
        if (!served(selection.selectionSet, type, provided, seen)) return false;
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || fragment.typeCondition.name.value !== type.name || seen.has(fragment.name.value)) return false;
        if (!served(fragment.selectionSet, type, provided, new Set([...seen, fragment.name.value]))) return false;
        continue;
      }
      if (!servedField(selection, type, typeOwnership, provided, seen)) return false;
    }
    return true;
  };

  const servedField = (field: FieldNode, type: GraphQLObjectType, typeOwnership: TypeOwnership, provided: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    const name = field.name.value;
    if (name === '__typename') return true;
    const owners = typeOwnership.fields.get(name);
    const owner = owners ? owners.find((candidate) => candidate.graph === graph) : typeOwnership.graphs.has(graph) ? ({ graph } as FieldOwner) : undefined;
    const fromProvides = providedBelow(provided, name);
    if (!owner && fromProvides === false) return false;
    if (!field.selectionSet) return true;
    const definition = type.getFields()[name];
    const child = definition && getNamedType(definition.type);
    if (!child || !isObjectType(child)) return false;
    return served(field.selectionSet, child, owner?.provides ?? (fromProvides || undefined), seen);
  };

  return served(operation.selectionSet, root, undefined, new Set()) ? graph : undefined;
}
