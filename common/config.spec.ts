import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('finds each service at its *_PORT by default, as the import CLIs and separate services need', () => {
    const config = loadConfig({ ORGANIZATION_PORT: '4101', AEDS_PORT: '4103' });
    expect(config.subgraphUrls.organization).toBe('http://127.0.0.1:4101/graphql');
    expect(config.subgraphUrls.aeds).toBe('http://127.0.0.1:4103/graphql');
    expect(config.subgraphUrls.volunteers).toBe('http://127.0.0.1:4002/graphql');
  });

  it('takes an explicit URL over the port', () => {
    expect(loadConfig({ ORGANIZATION_PORT: '4101', ORGANIZATION_URL: 'http://organization:4001/graphql' }).subgraphUrls.organization).toBe(
      'http://organization:4001/graphql',
    );
  });

  it('reads the deadlines, refusing what is not a positive number of milliseconds', () => {
    expect(loadConfig({ PEER_TIMEOUT_MS: '750', SUBGRAPH_TIMEOUT_MS: '9000' })).toMatchObject({ peerTimeoutMs: 750, subgraphTimeoutMs: 9000 });
    expect(loadConfig({}).peerTimeoutMs).toBeGreaterThan(0);
    expect(() => loadConfig({ PEER_TIMEOUT_MS: '0' })).toThrow(/PEER_TIMEOUT_MS/);
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: 'soon' })).toThrow(/SUBGRAPH_TIMEOUT_MS/);
  });
});
