/**
 * `npm run check` passes on what is checked in, and notices a subgraph schema
 * that changed without `npm run schema`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/config.ts';
import { generateSchemaFiles, staleSchemaFiles } from '../scripts/check.ts';

describe('schema check', () => {
  it('finds the checked-in SDL, supergraph and codegen output up to date, and notices a changed subgraph schema', async () => {
    const files = await generateSchemaFiles();
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        'schema/organization.graphql',
        'schema/incidents.graphql',
        'schema/supergraph.graphql',
        'test/operations/generated.ts',
        'examples/partner-app/operations/generated.ts',
      ]),
    );
    expect(await staleSchemaFiles(files, projectRoot)).toEqual([]);

    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'heartsafe-schema-'));
    try {
      for (const [file, content] of files) {
        await fs.mkdir(path.dirname(path.join(copy, file)), { recursive: true });
        await fs.writeFile(path.join(copy, file), content);
      }
      // A subgraph gained a field but nobody regenerated: the checked-in SDL is now behind the code.
      const changed = new Map(files);
      changed.set('schema/aeds.graphql', files.get('schema/aeds.graphql')!.replace('type Aed', 'type Aed {\n  serial: String\n}\n\ntype AedOld'));
      expect(await staleSchemaFiles(changed, copy)).toEqual(['schema/aeds.graphql']);
    } finally {
      await fs.rm(copy, { recursive: true, force: true });
    }
  });
});
