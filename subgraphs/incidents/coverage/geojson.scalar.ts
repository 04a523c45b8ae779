import { GraphQLScalarType } from 'graphql';

/** A GeoJSON FeatureCollection (RFC 7946): coverage grids for maps. Output only. */
export const GeoJSONFeatureCollection = new GraphQLScalarType({
  name: 'GeoJSONFeatureCollection',
  description:
    'A GeoJSON FeatureCollection (RFC 7946), e.g. { "type": "FeatureCollection", "features": [{ "type": "Feature", "geometry": { "type": "Polygon", … }, "properties": { … } }] }.',
  serialize: (value) => value,
});
