/**
 * The GeoJSON scalar of municipality boundaries. Like the shared scalars of
 * common/scalars.ts it accepts any value and leaves checking to the domain
 * code (`parseBoundary`), so a bad geometry is BAD_USER_INPUT through the
 * gateway rather than a failed subgraph request.
 */
import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** A GeoJSON geometry object. */
export const GeoJSON = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946), e.g. { "type": "Polygon", "coordinates": [[[5.1, 51.5], …]] }.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
