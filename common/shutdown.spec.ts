import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { shutDown } from './shutdown.ts';

describe('shutDown', () => {
  it('runs every step in order, past one that never ends and one that fails, and resolves', async () => {
    const ran: string[] = [];
    await shutDown('test', createLogger('test', 'silent'), [
      { name: 'stuck', boundMs: 20, run: () => new Promise(() => ran.push('stuck')) },
      {
        name: 'failing',
        boundMs: 1_000,
        run: () => {
          ran.push('failing');
          throw new Error('broken');
        },
      },
      { name: 'last', boundMs: 1_000, run: async () => ran.push('last') },
    ]);
    expect(ran).toEqual(['stuck', 'failing', 'last']);
  });
});
