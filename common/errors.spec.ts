import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, formatError, isOutage } from './errors.ts';

const production = { development: false };

describe('outages are named', () => {
  it('recognises an unreachable database or service, however deep the cause', () => {
    expect(isOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isOutage(new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    // PostgreSQL shutting down, and a connection lost mid-query.
    expect(isOutage(new GraphQLError('terminating connection', { originalError: Object.assign(new Error('x'), { code: '57P01' }) }))).toBe(true);
    expect(isOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isOutage(new GraphQLError('Context creation failed', { originalError: new DOMException('aborted due to timeout', 'TimeoutError') }))).toBe(true);
    expect(isOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isOutage(new Error('undefined is not a function'))).toBe(false);
  });

  it('tells the caller to retry instead of masking an outage as an internal error', () => {
    const database = new GraphQLError('connect ECONNREFUSED', { originalError: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const formatted = formatError({ message: database.message, path: ['reportIncident'] }, production, database);
    expect(formatted.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 2 });
    expect(formatted.message).toMatch(/retry with the same input \(the same dispatchReference\)/);
    expect(formatted.message).not.toContain('ECONNREFUSED');
    const bug = formatError({ message: 'x is undefined' }, production, new Error('x is undefined'));
    expect(bug.extensions?.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
  });
});
