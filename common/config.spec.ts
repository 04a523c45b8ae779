import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const strong = 'x'.repeat(32);

describe('loadConfig in production', () => {
  const production = (env: NodeJS.ProcessEnv) => () => loadConfig({ NODE_ENV: 'production', ...env });

  it('starts with both secrets at least 32 bytes long', () => {
    expect(production({ JWT_SECRET: strong, GATEWAY_SECRET: strong })().gatewaySecret).toBe(strong);
  });

  it('refuses a missing, empty or short secret, naming it', () => {
    expect(production({ JWT_SECRET: strong })).toThrow(/GATEWAY_SECRET is not set/);
    expect(production({ JWT_SECRET: strong, GATEWAY_SECRET: '' })).toThrow(/GATEWAY_SECRET is empty/);
    expect(production({ JWT_SECRET: strong, GATEWAY_SECRET: 'x' })).toThrow(/GATEWAY_SECRET is 1 bytes long; it must be at least 32/);
    expect(production({ GATEWAY_SECRET: strong })).toThrow(/JWT_SECRET is not set \(or set JWKS_URL\)/);
    expect(production({ GATEWAY_SECRET: strong, JWT_SECRET: '   ' })).toThrow(/JWT_SECRET is empty/);
    expect(production({ GATEWAY_SECRET: strong, JWT_SECRET: 'x'.repeat(31) })).toThrow(/JWT_SECRET is 31 bytes long/);
  });

  it('names both when both are wrong', () => {
    expect(production({ GATEWAY_SECRET: '', JWT_SECRET: 'short' })).toThrow(/GATEWAY_SECRET is empty; JWT_SECRET is 5 bytes long/);
  });

  it('needs no JWT_SECRET when tokens are checked against a JWKS', () => {
    expect(production({ GATEWAY_SECRET: strong, JWKS_URL: 'https://idp.example/jwks.json' })().jwksUrl).toBe('https://idp.example/jwks.json');
  });

  it('counts bytes, not characters', () => {
    expect(production({ JWT_SECRET: strong, GATEWAY_SECRET: 'é'.repeat(16) })().gatewaySecret).toHaveLength(16);
  });
});

describe('loadConfig outside production', () => {
  it('uses the development secrets when none or an empty one is given', () => {
    const config = loadConfig({ NODE_ENV: 'development', JWT_SECRET: '' });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.gatewaySecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads the maximum bearer token age, a day by default', () => {
    expect(loadConfig({}).jwtMaxAgeSeconds).toBe(86_400);
    expect(loadConfig({ JWT_MAX_AGE_SECONDS: '3600' }).jwtMaxAgeSeconds).toBe(3600);
    expect(() => loadConfig({ JWT_MAX_AGE_SECONDS: '0' })).toThrow(/JWT_MAX_AGE_SECONDS/);
  });
});

describe('loadConfig', () => {
  it('finds each service at its *_PORT by default, as the import CLIs and separate services need', () => {
    const config = loadConfig({ ORGANIZATION_PORT: '4101', AEDS_PORT: '4103' });
    expect(config.subgraphUrls.organization).toBe('http://127.0.0.1:4101/graphql');
    expect(config.subgraphUrls.aeds).toBe('http://127.0.0.1:4103/graphql');
    expect(config.subgraphUrls.volunteers).toBe('http://127.0.0.1:4002/graphql');
  });

  it('takes an explicit URL over the port', () => {
    expect(loadConfig({ ORGANIZATION_PORT: '4101', ORGANIZATION_URL: 'http://organization:4001/graphql' }).subgraphUrls.organization).toBe('http://organization:4001/graphql');
  });

  it('reads the deadlines, refusing what is not a positive number of milliseconds', () => {
    expect(loadConfig({ PEER_TIMEOUT_MS: '750', SUBGRAPH_TIMEOUT_MS: '9000' })).toMatchObject({ peerTimeoutMs: 750, subgraphTimeoutMs: 9000 });
    expect(loadConfig({}).peerTimeoutMs).toBeGreaterThan(0);
    expect(() => loadConfig({ PEER_TIMEOUT_MS: '0' })).toThrow(/PEER_TIMEOUT_MS/);
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: 'soon' })).toThrow(/SUBGRAPH_TIMEOUT_MS/);
  });
});
