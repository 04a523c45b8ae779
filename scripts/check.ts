/**
 * Schema discipline. Regenerates every subgraph's SDL, composes the
 * supergraph with @apollo/composition, derives the public API schema and runs
 * graphql-codegen; then either writes the results (`--write`, i.e.
 * `npm run schema`) or fails when anything differs from what is checked in
 * (`npm run check`) or when composition fails.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { generate } from '@graphql-codegen/cli';
import { parse, printSchema } from 'graphql';
import { projectRoot } from '../common/config.ts';
import codegenConfig from '../codegen.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';

/** Default URLs baked into the supergraph; the gateway overrides them at run time. */
const DEFAULT_URLS: Record<string, string> = {
  organization: 'http://localhost:4001/graphql',
  volunteers: 'http://localhost:4002/graphql',
  aeds: 'http://localhost:4003/graphql',
  incidents: 'http://localhost:4004/graphql',
};

export async function generateSchemaFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const services = [];
  for (const definition of SUBGRAPHS) {
    const { sdl } = await definition.buildSchema();
    files.set(`schema/${definition.name}.graphql`, `${sdl.trim()}\n`);
    services.push({ name: definition.name, typeDefs: parse(sdl), url: DEFAULT_URLS[definition.name] });
  }
  const composition = composeServices(services);
  if (composition.errors) {
    throw new Error(`Composition failed:\n${composition.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  files.set('schema/supergraph.graphql', `${composition.supergraphSdl.trim()}\n`);
  const apiSchema = printSchema(composition.schema.toAPISchema().toGraphQLJSSchema());
  files.set('schema/api.graphql', `${apiSchema.trim()}\n`);

  // Codegen reads the API schema from disk: hand it the fresh one instead.
  const outputs = await generate({ ...codegenConfig, schema: apiSchema, cwd: projectRoot, silent: true, errorsOnly: true }, false);
  for (const output of outputs as { filename: string; content: string }[]) {
    files.set(path.relative(projectRoot, path.resolve(projectRoot, output.filename)), output.content);
  }
  return files;
}

/** Files under `root` whose content differs from the freshly generated `files` (or that are missing). */
export async function staleSchemaFiles(files: Map<string, string>, root: string): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, content] of files) {
    const current = await fs.readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (current !== content) stale.push(file);
  }
  return stale;
}

async function main() {
  const write = process.argv.includes('--write');
  const files = await generateSchemaFiles();
  let stale = await staleSchemaFiles(files, projectRoot);
  if (write) {
    for (const file of stale) {
      const target = path.join(projectRoot, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, files.get(file)!);
      console.log(`wrote ${file}`);
    }
    stale = [];
  }
  if (stale.length > 0) {
    console.error(`Out of date (run \`npm run schema\` and commit the result):\n${stale.map((file) => `  ${file}`).join('\n')}`);
    process.exit(1);
  }
  console.log(write ? 'Schema files are up to date.' : 'check: subgraph SDL, supergraph and codegen output match the code.');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
