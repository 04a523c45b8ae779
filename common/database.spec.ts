import { describe, expect, it } from 'vitest';
import { sharedBuffersFor } from './database.ts';

const GB = 1024 ** 3;

describe('sharedBuffersFor', () => {
  it('gives the embedded server a quarter of the memory', () => {
    expect(sharedBuffersFor(4 * GB)).toBe('1024MB');
    expect(sharedBuffersFor(6 * GB)).toBe('1536MB');
  });

  it('never less than PostgreSQL’s default, never more than 2 GB', () => {
    expect(sharedBuffersFor(256 * 1024 ** 2)).toBe('128MB');
    expect(sharedBuffersFor(24 * GB)).toBe('2048MB');
  });
});
