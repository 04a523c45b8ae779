/**
 * GraphQL limits at the edge, with graphql-armor: a script hammering the
 * endpoint with deep, wide or huge queries gets a clear error while alerts keep
 * flowing. The same rules guard HTTP and WebSocket operations.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import { ErrorCode } from '../common/errors.ts';
import { costLimitRule } from './cost.ts';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Most an operation may cost by the cost model of gateway/cost.ts (work behind fields, lists by their size). */
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  // The deepest legitimate query (readiness → working group → municipality → volunteers → certificates) is 8.
  maxDepth: 10,
  maxAliases: 20,
  // All municipalities with their AEDs (400 × 101) fits; all of them with their hourly counts (400 × 888) does not.
  maxCost: 50_000,
  maxTokens: 3000,
  maxDirectives: 20,
};

export function createArmor(limits: QueryLimits, development: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // Counts fields, not the work behind them: replaced by gateway/cost.ts.
    costLimit: { enabled: false },
    // Token counting is done by graphql-js while parsing (Apollo `parseOptions`), so a
    // malformed query stays a parse error (400) instead of failing inside a plugin (500).
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Field suggestions let a stranger map the schema; developers keep them.
    blockFieldSuggestion: { enabled: !development },
  }).protect();
  return { ...armor, validationRules: [...armor.validationRules, costLimitRule(limits.maxCost)] };
}

export type Armor = ReturnType<typeof createArmor>;
export type { ValidationRule };

const LIMIT_MESSAGES = ['depth limit', 'Aliases limit', 'would cost about', 'Token limit', 'Directives limit', 'tokens. Parsing aborted'];

/** graphql-armor reports as plain validation errors; callers get a code that says what happened. */
export function limitErrorCode(message: string): ErrorCode | undefined {
  return LIMIT_MESSAGES.some((fragment) => message.includes(fragment)) ? ErrorCode.QUERY_TOO_COMPLEX : undefined;
}
