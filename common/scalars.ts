/**
 * Scalars shared by subgraphs. They accept any value and leave checking to
 * the domain code, which refuses bad values with BAD_USER_INPUT: the gateway
 * does not check custom scalars, so a value refused by the scalar itself
 * would fail the whole subgraph request (HTTP 400), which @apollo/gateway
 * reports as INTERNAL_SERVER_ERROR instead of a clear code.
 */
import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

/** A calendar date, `YYYY-MM-DD` (dates of birth, course dates, membership periods). */
export const LocalDate = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : valueFromASTUntyped(ast)),
});
