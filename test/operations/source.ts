/**
 * An operation as the test helpers take it, and its text as it goes over the
 * wire. Apart from test/stack.ts so that the fixtures the benchmarks share
 * (incidents-world.ts, volunteers-fixture.ts) need neither vitest nor the stack.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

/**
 * Operation text, or a typed document generated from test/operations/*.graphql
 * (see codegen.ts), whose result and variables the compiler then checks.
 */
export type Operation<TResult = any, TVariables = any> = string | TypedDocumentNode<TResult, TVariables>;

const printed = new WeakMap<DocumentNode, string>();

/** The text of an operation, as it goes over the wire. */
export function sourceOf(operation: string | DocumentNode): string {
  if (typeof operation === 'string') return operation;
  let source = printed.get(operation);
  if (source === undefined) printed.set(operation, (source = print(operation)));
  return source;
}
