import { describe, expect, it } from 'vitest';
import { checkCallTime, checkReport, isSameReport, type IncidentReport } from './incident-report.ts';
import { IncidentExclusion } from './incident.entity.ts';

const report: IncidentReport = {
  dispatchReference: ' CAD-2026-0001 ',
  latitude: 51.5606,
  longitude: 5.1923,
  address: '  Dorpsstraat 12,\n Oisterwijk ',
  callReceivedAt: new Date('2026-11-21T03:12:00Z'),
  exclusions: [IncidentExclusion.TRAUMA, IncidentExclusion.CHILD_UNDER_8, IncidentExclusion.TRAUMA],
};
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('checkReport', () => {
  it('trims, collapses white space and sorts exclusions once each', () => {
    expect(checkReport(report)).toMatchObject({
      dispatchReference: 'CAD-2026-0001',
      address: 'Dorpsstraat 12, Oisterwijk',
      exclusions: ['CHILD_UNDER_8', 'TRAUMA'],
    });
  });

  it.each([
    ['an empty reference', { dispatchReference: ' ' }, 'dispatchReference'],
    ['a reference with a line break', { dispatchReference: 'A\nB' }, 'dispatchReference'],
    ['a reference of 65 characters', { dispatchReference: 'x'.repeat(65) }, 'dispatchReference'],
    ['an empty address', { address: '\t' }, 'address'],
    ['an invalid date', { callReceivedAt: new Date('nonsense') }, 'callReceivedAt'],
  ])('refuses %s', (_what, change, field) => {
    expect(codeOf(() => checkReport({ ...report, ...change }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses positions out of range', () => {
    expect(codeOf(() => checkReport({ ...report, latitude: 90.5 }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf(() => checkReport({ ...report, longitude: Number.NaN }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('checkCallTime', () => {
  const now = new Date('2026-11-21T03:15:00Z');
  it('accepts calls in progress, allowing for some clock drift', () => {
    expect(() => checkCallTime(new Date('2026-11-21T03:12:00Z'), now)).not.toThrow();
    expect(() => checkCallTime(new Date('2026-11-21T03:18:00Z'), now)).not.toThrow();
  });
  it('refuses calls from the future or more than an hour ago', () => {
    expect(codeOf(() => checkCallTime(new Date('2026-11-21T03:25:00Z'), now))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf(() => checkCallTime(new Date('2026-11-21T02:14:00Z'), now))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('isSameReport', () => {
  const stored = { latitude: 51.5606, longitude: 5.1923, address: 'Dorpsstraat 12, Oisterwijk', exclusions: ['TRAUMA', 'CHILD_UNDER_8'] };
  it('recognises a retry', () => {
    expect(isSameReport(stored, checkReport(report))).toBe(true);
  });
  it('tells another patient under the same reference apart', () => {
    expect(isSameReport(stored, checkReport({ ...report, address: 'Kerkplein 1, Oisterwijk' }))).toBe(false);
    expect(isSameReport(stored, checkReport({ ...report, latitude: 51.5616 }))).toBe(false);
    expect(isSameReport(stored, checkReport({ ...report, exclusions: [] }))).toBe(false);
  });
});
