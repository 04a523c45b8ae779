/**
 * docker-compose.yml run without Docker: every service a process of its own
 * with exactly the environment the file gives it, the container host names
 * mapped to loopback. Each `name:port` address of the file becomes one local
 * port, served by a round-robin TCP balancer in front of the service's
 * instances (as Docker's DNS spreads callers over a service's replicas).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../common/config.ts';

/** A compose service as this test reads it. */
export interface ComposeService {
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, unknown>;
}

/** docker-compose.yml, with its `<<:` merge keys applied. */
export async function readCompose(): Promise<{ services: Record<string, ComposeService> }> {
  return parse(await fs.readFile(path.join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/**
 * Compose's variable interpolation: `${NAME}`, `${NAME:-default}`,
 * `${NAME:?message}` (fails when unset or empty, as `docker compose` does) and `$$`.
 */
export function interpolate(value: string, variables: Record<string, string>): string {
  let out = '';
  for (let at = 0; at < value.length; ) {
    if (value.startsWith('$$', at)) {
      out += '$';
      at += 2;
    } else if (value.startsWith('${', at)) {
      // The end of this reference: its default may hold references of its own (`${A:-${B:?…}}`).
      let depth = 0;
      let end = at;
      for (; end < value.length; end++) {
        if (value.startsWith('${', end)) depth++;
        else if (value[end] === '}' && --depth === 0) break;
      }
      const match = /^([A-Z0-9_]+)(?:(:-|:\?)([\s\S]*))?$/.exec(value.slice(at + 2, end));
      if (!match) throw new Error(`Unsupported reference in docker-compose.yml: ${value.slice(at, end + 1)}`);
      const [, name, operator, argument] = match;
      const set = variables[name!];
      // The default is read only when needed, as compose does: `${JWT_SECRET:-${JWKS_URL:?…}}` needs JWKS_URL only without JWT_SECRET.
      if (set) out += set;
      else if (operator === ':?') throw new Error(`${name} is required: ${interpolate(argument!, variables)}`);
      else if (operator === ':-') out += interpolate(argument!, variables);
      at = end + 1;
    } else {
      out += value[at];
      at += 1;
    }
  }
  return out;
}

/** A round-robin TCP balancer on a free loopback port in front of `targets` (filled in later). */
export async function startBalancer(): Promise<{ port: number; targets: number[]; close(): Promise<void> }> {
  const targets: number[] = [];
  const sockets = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    const target = targets[next++ % Math.max(targets.length, 1)];
    if (target === undefined) return client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** One running instance of a service. */
export interface ServiceProcess {
  service: string;
  port: number;
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr. */
  output: string[];
  exited: Promise<number | null>;
}

/** Starts `scripts/serve.ts` as the Dockerfile's CMD does, with `env` only. */
export function spawnService(service: string, port: number, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', './scripts/register.js', 'scripts/serve.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { service, port, child, output, exited };
}

/** Polls `url` until it answers 2xx, the process exits, or `timeoutMs` passes. */
export async function waitUntilReady(instance: ServiceProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void instance.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${instance.service} on port ${instance.port} did not become ready at ${url}:\n${instance.output.join('').slice(-3000)}`);
}

/** Rewrites `http://<service>:<port>` addresses to the local port that stands for them; unknown ones fail. */
export function mapAddresses(value: string, addresses: Map<string, number>, services: readonly string[]): string {
  return value.replace(/\b([a-z][a-z0-9-]*):(\d+)\b/g, (whole, host: string, port: string) => {
    if (!services.includes(host)) return whole;
    const local = addresses.get(`${host}:${port}`);
    if (local === undefined) throw new Error(`${whole} is no service's address in docker-compose.yml`);
    return `127.0.0.1:${local}`;
  });
}
