/**
 * Operations parsed and validated once per text, for the WebSocket servers
 * (the gateway's and each subgraph's).
 *
 * Every volunteer's app subscribes with the same few operation texts, and
 * each subscribe was parsed and validated anew: twice at the gateway (its own
 * check with the armour rules, then graphql-ws's) and once more at the
 * subgraph. Validating against the stitched schema allocated about half of
 * all the memory the product's thread allocated while apps connected in the
 * dispatch benchmark, and collecting that garbage landed in the dispatches
 * that followed. The answer depends only on the text, the schema and the
 * rules, which are fixed for a server, so a valid text is checked once and
 * its document reused (graphql-js never changes a document it executes).
 *
 * Only valid operations are kept, at most {@link KEPT_OPERATIONS} of them,
 * least recently used first out: a client sending ever new texts costs what
 * it cost before, never memory. Invalid texts are checked every time, so
 * their errors (and error codes) are exactly those of the first time.
 */
import { type DocumentNode, type GraphQLError, type GraphQLSchema, parse, type ParseOptions, specifiedRules, type ValidationRule, validate } from 'graphql';
import { LRUCache } from 'lru-cache';

/** How many distinct valid operation texts a server keeps checked. */
export const KEPT_OPERATIONS = 1000;

/** A text's outcome: its document, or why it was refused (a syntax error, or validation errors). */
export type CheckedOperation = { document: DocumentNode } | { syntaxError: GraphQLError } | { validationErrors: readonly GraphQLError[] };

/** Checks operation texts against `schema` with `rules`, each valid text once. */
export function operationChecker(schema: GraphQLSchema, options: { rules?: readonly ValidationRule[]; parseOptions?: ParseOptions } = {}): (query: string) => CheckedOperation {
  const rules = options.rules ?? specifiedRules;
  const valid = new LRUCache<string, DocumentNode>({ max: KEPT_OPERATIONS });
  return (query) => {
    const kept = valid.get(query);
    if (kept) return { document: kept };
    let document: DocumentNode;
    try {
      document = parse(query, options.parseOptions);
    } catch (error) {
      return { syntaxError: error as GraphQLError };
    }
    const validationErrors = validate(schema, document, rules);
    if (validationErrors.length > 0) return { validationErrors };
    valid.set(query, document);
    return { document };
  };
}
