/**
 * No Docker engine runs here, so docker-compose.yml is checked by reading it:
 * every service the product needs is there, with a health check, and the
 * environment variables the code reads.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../common/config.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';

describe('docker-compose.yml', async () => {
  const compose = parse(await fs.readFile(path.join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
  const services = compose.services as Record<string, any>;

  it('has PostgreSQL, every subgraph and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', ...SUBGRAPHS.map((subgraph) => subgraph.name)].sort());
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeTruthy();
  });

  it('runs each product service with SERVICE, DATABASE_URL and GATEWAY_SECRET', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)]) {
      const environment = services[name].environment;
      expect(environment.SERVICE, name).toBe(name);
      expect(environment.DATABASE_URL, name).toContain('@postgres:5432/');
      expect(environment.GATEWAY_SECRET, name).toBeTruthy();
      expect(services[name].healthcheck.test.join(' '), name).toContain('/readyz');
    }
  });

  it('refuses to start without the secrets instead of passing empty ones (JWT_SECRET unless JWKS_URL)', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)]) {
      const environment = services[name].environment;
      expect(environment.GATEWAY_SECRET, name).toMatch(/^\$\{GATEWAY_SECRET:\?[^}]+\}$/);
      expect(environment.JWT_SECRET, name).toMatch(/^\$\{JWT_SECRET:-\$\{JWKS_URL:\?[^}]+\}\}$/);
    }
  });

  it('points the gateway at every subgraph', () => {
    const environment = services.gateway.environment;
    for (const subgraph of SUBGRAPHS) expect(environment[`${subgraph.name.toUpperCase()}_URL`]).toMatch(new RegExp(`^http://${subgraph.name}:`));
  });

  it('starts services the Dockerfile can run', async () => {
    const dockerfile = await fs.readFile(path.join(projectRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('scripts/serve.ts');
    await expect(fs.access(path.join(projectRoot, 'scripts', 'serve.ts'))).resolves.toBeUndefined();
  });
});
