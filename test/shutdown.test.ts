/**
 * `npm start` stopped as an orchestrator stops it (SIGTERM) and as Ctrl-C
 * does (SIGINT to the whole process group): it drains the
 * services, stops the job runners, closes the pools and only then the
 * embedded PostgreSQL; the process exits 0 with no error in its log (a pool
 * seeing "terminating connection due to administrator command" must not
 * crash it).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../common/config.ts';
import { isLostConnection } from '../common/job-runner.ts';

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'heartsafe-shutdown-'));

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start stopped', () => {
  it.each([
    ['SIGTERM to the process (an orchestrator)', 'SIGTERM', false],
    ['SIGINT to its process group, PostgreSQL included (Ctrl-C)', 'SIGINT', true],
  ] as const)(
    'by %s exits 0 and logs no error',
    async (_name, signal, group) => {
      const child = spawn(process.execPath, ['--import', './scripts/register.js', 'scripts/start.ts'], {
        cwd: projectRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'development',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
          GATEWAY_PORT: '0',
          ORGANIZATION_PORT: '0',
          VOLUNTEERS_PORT: '0',
          AEDS_PORT: '0',
          INCIDENTS_PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: group,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

      for (let waited = 0; !output.includes('backend ready') && waited < 150_000; waited += 250) {
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(output, output.slice(-3000)).toContain('backend ready');
      if (group) process.kill(-child.pid!, signal);
      else child.kill(signal);
      const code = await exited;

      const lines = output.split('\n');
      // With Ctrl-C PostgreSQL stops at the same instant as the services, so a job runner's
      // connection may be reset under it: graphile-worker prints that trace itself, and the
      // runner is restarted or stopped all the same. Anything else that looks like an error counts.
      // (PostgreSQL's own errors print as `error: …`, e.g. 57P01 "terminating connection due to administrator command".)
      const libraryTrace = (line: string) => group && /^Trace: (Error|error): /.test(line) && isLostConnection({ message: line });
      const errors = lines.filter((line) =>
        line.startsWith('{') ? (JSON.parse(line) as { level: number }).level >= 50 : /\bError\b|terminating connection/.test(line) && !libraryTrace(line),
      );
      expect(errors).toEqual([]);
      expect(code).toBe(0);
    },
    200_000,
  );
});
