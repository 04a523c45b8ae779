/**
 * graphql-codegen: TypeScript types for the public API schema (what clients,
 * the tests and the benchmarks see through the gateway). Regenerated and
 * compared by `npm run check`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['test/operations/**/*.graphql'],
  generates: {
    'schema/generated/api-types.ts': {
      plugins: ['typescript', 'typescript-operations'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        scalars: { DateTimeISO: 'string', DateTime: 'string' },
      },
    },
  },
  ignoreNoDocuments: true,
};

export default config;
