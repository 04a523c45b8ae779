import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adultFrom,
  certificateAlertableThrough,
  certificateValidUntil,
  evaluateAlertability,
  forecastCertificateLapses,
  isAdultOn,
  isRenewalReminderDue,
  latestVerifiedValidUntil,
  renewalReminderFrom,
  type TrainingCertificate,
  type VolunteerAlertabilityInput,
} from './eligibility.ts';
import { addDays, addYears, localDateTime } from '../../../common/zoned-time.ts';

const AMSTERDAM = { timeZone: 'Europe/Amsterdam' };

function volunteer(overrides: Partial<VolunteerAlertabilityInput> = {}): VolunteerAlertabilityInput {
  return {
    dateOfBirth: '1980-05-05',
    status: 'ACTIVE',
    onDuty: true,
    quietHours: null,
    certificates: [{ courseDate: '2025-01-01', verified: true }],
    ...overrides,
  };
}

// The rule must read the volunteer's zone, never the process's: run as a UTC server does.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe('the process clock', () => {
  it('is UTC, so local-time mistakes would show', () => {
    expect(new Date('2025-01-15T12:00:00Z').getTimezoneOffset()).toBe(0);
  });
});

describe('18th birthday (Europe/Amsterdam)', () => {
  const teen = (dateOfBirth: string) => volunteer({ dateOfBirth });

  it('is not alertable at 23:59 local on the day before the 18th birthday', () => {
    const result = evaluateAlertability(teen('2007-03-10'), new Date('2025-03-09T22:59:00Z'), AMSTERDAM);
    expect(result).toEqual({ alertable: false, reasons: ['UNDER_18'] });
  });

  it('is alertable from 00:00 local on the 18th birthday, while it is still the day before in UTC', () => {
    const result = evaluateAlertability(teen('2007-03-10'), new Date('2025-03-09T23:00:00Z'), AMSTERDAM);
    expect(result).toEqual({ alertable: true, reasons: [] });
  });

  it('uses summer time for a summer birthday (UTC+2)', () => {
    expect(evaluateAlertability(teen('2007-07-01'), new Date('2025-06-30T21:59:00Z'), AMSTERDAM).reasons).toEqual(['UNDER_18']);
    expect(evaluateAlertability(teen('2007-07-01'), new Date('2025-06-30T22:00:00Z'), AMSTERDAM).alertable).toBe(true);
  });

  it('puts a 29 February birthday on 1 March in a common year', () => {
    expect(adultFrom('2008-02-29')).toBe('2026-03-01');
    expect(isAdultOn('2008-02-29', '2026-02-28')).toBe(false);
    expect(isAdultOn('2008-02-29', '2026-03-01')).toBe(true);
    expect(adultFrom('2006-02-28')).toBe('2024-02-28');
    expect(adultFrom('2006-03-01')).toBe('2024-03-01');
  });

  it('agrees with the SQL prefilter (date_of_birth <= local date − 18 years, clamped) on every day around leap years', () => {
    for (let date = '2023-12-01'; date <= '2029-04-01'; date = addDays(date, 1)) {
      for (const dateOfBirth of ['2006-02-28', '2008-02-29', '2008-03-01', '2009-02-28', '2010-03-01', '2011-12-31']) {
        expect(isAdultOn(dateOfBirth, date), `${dateOfBirth} on ${date}`).toBe(dateOfBirth <= addYears(date, -18));
      }
    }
  });
});

describe('certificate validity', () => {
  const explicit: TrainingCertificate = { courseDate: '2024-05-01', validUntil: '2025-06-30', verified: true };
  const noEndDate: TrainingCertificate = { courseDate: '2024-06-30', verified: true };

  it('is the explicit end date, else the course date plus one year', () => {
    expect(certificateValidUntil(explicit)).toBe('2025-06-30');
    expect(certificateValidUntil(noEndDate)).toBe('2025-06-30');
    expect(certificateValidUntil({ courseDate: '2024-02-29', verified: true })).toBe('2025-02-28');
  });

  for (const certificate of [explicit, noEndDate]) {
    const label = certificate.validUntil ? 'explicit end date' : 'course date + 1 year';

    it(`counts through 23:59 local on the day of expiry (${label})`, () => {
      const atLastMinute = new Date('2025-06-30T21:59:00Z'); // 23:59 CEST
      expect(evaluateAlertability(volunteer({ certificates: [certificate] }), atLastMinute, AMSTERDAM).alertable).toBe(true);
    });

    it(`lapses at 00:00 local on the day after expiry (${label})`, () => {
      const atMidnight = new Date('2025-06-30T22:00:00Z'); // 00:00 CEST on 1 July
      expect(evaluateAlertability(volunteer({ certificates: [certificate] }), atMidnight, AMSTERDAM).reasons).toEqual(['NO_VALID_CERTIFICATE']);
    });
  }

  it('counts within a regional grace period and lapses after it', () => {
    const region = { ...AMSTERDAM, certificateGracePeriodDays: 90 };
    const holder = volunteer({ certificates: [explicit] });
    expect(certificateAlertableThrough(explicit, 90)).toBe('2025-09-28');
    expect(evaluateAlertability(holder, new Date('2025-07-15T10:00:00Z'), region).alertable).toBe(true);
    expect(evaluateAlertability(holder, new Date('2025-09-28T21:59:00Z'), region).alertable).toBe(true);
    expect(evaluateAlertability(holder, new Date('2025-09-28T22:00:00Z'), region).reasons).toEqual(['NO_VALID_CERTIFICATE']);
    expect(evaluateAlertability(holder, new Date('2025-07-15T10:00:00Z'), AMSTERDAM).reasons).toEqual(['NO_VALID_CERTIFICATE']);
  });

  it('rejects a negative or fractional grace period', () => {
    expect(() => evaluateAlertability(volunteer(), new Date(), { ...AMSTERDAM, certificateGracePeriodDays: -1 })).toThrow(/grace period/);
    expect(() => evaluateAlertability(volunteer(), new Date(), { ...AMSTERDAM, certificateGracePeriodDays: 1.5 })).toThrow(/grace period/);
  });

  it('says CERTIFICATE_UNVERIFIED when only an unverified certificate is valid', () => {
    const certificates = [
      { courseDate: '2023-01-01', verified: true },
      { courseDate: '2025-01-01', verified: false },
    ];
    expect(evaluateAlertability(volunteer({ certificates }), new Date('2025-03-01T12:00:00Z'), AMSTERDAM).reasons).toEqual(['CERTIFICATE_UNVERIFIED']);
  });

  it('says NO_VALID_CERTIFICATE when the unverified certificate has lapsed too, or there is none', () => {
    const at = new Date('2027-03-01T12:00:00Z');
    expect(evaluateAlertability(volunteer({ certificates: [{ courseDate: '2025-01-01', verified: false }] }), at, AMSTERDAM).reasons).toEqual(['NO_VALID_CERTIFICATE']);
    expect(evaluateAlertability(volunteer({ certificates: [] }), at, AMSTERDAM).reasons).toEqual(['NO_VALID_CERTIFICATE']);
  });

  it('keeps the latest verified valid-until for the search index', () => {
    expect(
      latestVerifiedValidUntil([
        { courseDate: '2024-01-01', verified: true },
        { courseDate: '2025-01-01', verified: false },
        { courseDate: '2023-01-01', validUntil: '2026-01-01', verified: true },
      ]),
    ).toBe('2026-01-01');
    expect(latestVerifiedValidUntil([{ courseDate: '2025-01-01', verified: false }])).toBeNull();
  });
});

describe('status and on-duty switch', () => {
  const at = new Date('2025-03-01T12:00:00Z');

  it('excludes suspended and deleted volunteers', () => {
    expect(evaluateAlertability(volunteer({ status: 'SUSPENDED' }), at, AMSTERDAM).reasons).toEqual(['INACTIVE']);
    expect(evaluateAlertability(volunteer({ status: 'DELETED' }), at, AMSTERDAM).reasons).toEqual(['INACTIVE']);
  });

  it('excludes volunteers who are off duty', () => {
    expect(evaluateAlertability(volunteer({ onDuty: false }), at, AMSTERDAM).reasons).toEqual(['OFF_DUTY']);
  });

  it('lists every reason at once', () => {
    const result = evaluateAlertability(volunteer({ dateOfBirth: '2010-01-01', status: 'SUSPENDED', onDuty: false, certificates: [] }), at, AMSTERDAM);
    expect(result).toEqual({ alertable: false, reasons: ['UNDER_18', 'INACTIVE', 'OFF_DUTY', 'NO_VALID_CERTIFICATE'] });
  });
});

describe('quiet hours 23:00–07:00 across midnight (Europe/Amsterdam, process in UTC)', () => {
  const sleeper = volunteer({ quietHours: { start: '23:00', end: '07:00' } });
  const cases = [
    { season: 'winter (CET, UTC+1)', local: '22:59', utc: '2025-01-15T21:59:00Z', quiet: false },
    { season: 'winter (CET, UTC+1)', local: '23:00', utc: '2025-01-15T22:00:00Z', quiet: true },
    { season: 'winter (CET, UTC+1)', local: '06:59', utc: '2025-01-16T05:59:00Z', quiet: true },
    { season: 'winter (CET, UTC+1)', local: '07:00', utc: '2025-01-16T06:00:00Z', quiet: false },
    { season: 'summer (CEST, UTC+2)', local: '22:59', utc: '2025-07-15T20:59:00Z', quiet: false },
    { season: 'summer (CEST, UTC+2)', local: '23:00', utc: '2025-07-15T21:00:00Z', quiet: true },
    { season: 'summer (CEST, UTC+2)', local: '06:59', utc: '2025-07-16T04:59:00Z', quiet: true },
    { season: 'summer (CEST, UTC+2)', local: '07:00', utc: '2025-07-16T05:00:00Z', quiet: false },
  ];

  for (const { season, local, utc, quiet } of cases) {
    it(`${season} at ${local} local is ${quiet ? 'quiet' : 'not quiet'}`, () => {
      const at = new Date(utc);
      const wall = localDateTime(at, AMSTERDAM.timeZone);
      const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      expect(hhmm(wall.minuteOfDay)).toBe(local);
      expect(evaluateAlertability(sleeper, at, AMSTERDAM)).toEqual(quiet ? { alertable: false, reasons: ['QUIET_HOURS'] } : { alertable: true, reasons: [] });
    });
  }

  it('handles a window that does not cross midnight (13:00–14:00)', () => {
    const napper = volunteer({ quietHours: { start: '13:00', end: '14:00' } });
    expect(evaluateAlertability(napper, new Date('2025-01-15T11:59:00Z'), AMSTERDAM).alertable).toBe(true);
    expect(evaluateAlertability(napper, new Date('2025-01-15T12:00:00Z'), AMSTERDAM).alertable).toBe(false);
    expect(evaluateAlertability(napper, new Date('2025-01-15T13:00:00Z'), AMSTERDAM).alertable).toBe(true);
  });

  it('rejects a malformed quiet-hours time', () => {
    expect(() => evaluateAlertability(volunteer({ quietHours: { start: '24:00', end: '07:00' } }), new Date(), AMSTERDAM)).toThrow(/HH:MM/);
  });

  it('rejects an unknown time zone', () => {
    expect(() => evaluateAlertability(volunteer(), new Date(), { timeZone: 'Europe/Atlantis' })).toThrow(/time zone/);
  });
});

describe('renewal reminder', () => {
  const certificate: TrainingCertificate = { courseDate: '2024-06-30', verified: true };

  it('is due from two months before expiry, local time', () => {
    expect(renewalReminderFrom(certificate)).toBe('2025-04-30');
    expect(isRenewalReminderDue([certificate], new Date('2025-04-29T21:59:00Z'), 'Europe/Amsterdam')).toBe(false);
    expect(isRenewalReminderDue([certificate], new Date('2025-04-29T22:00:00Z'), 'Europe/Amsterdam')).toBe(true);
  });

  it('stays due after expiry and stops once a newer course is recorded, verified or not', () => {
    const after = new Date('2025-08-01T12:00:00Z');
    expect(isRenewalReminderDue([certificate], after, 'Europe/Amsterdam')).toBe(true);
    expect(isRenewalReminderDue([certificate, { courseDate: '2025-07-20', verified: false }], after, 'Europe/Amsterdam')).toBe(false);
  });

  it('is not due without any certificate', () => {
    expect(isRenewalReminderDue([], new Date(), 'Europe/Amsterdam')).toBe(false);
  });

  it('clamps to the end of a shorter month', () => {
    expect(renewalReminderFrom({ courseDate: '2024-04-30', validUntil: '2025-04-30', verified: true })).toBe('2025-02-28');
  });
});

describe('certificate lapse forecast', () => {
  const at = new Date('2025-01-15T12:00:00Z');
  const person = (id: string, courseDate: string, overrides: object = {}) => ({
    id,
    dateOfBirth: '1980-01-01',
    status: 'ACTIVE' as const,
    certificates: [{ courseDate, verified: true }],
    ...overrides,
  });
  const volunteers = [
    person('in-2-weeks', '2024-01-31'),
    person('in-2-months', '2024-03-10'),
    person('in-5-months', '2024-06-01'),
    person('in-11-months', '2024-12-01'),
    person('in-13-months', '2025-01-10', {
      certificates: [{ courseDate: '2024-01-01', validUntil: '2026-02-20', verified: true }],
    }),
    person('already-lapsed', '2023-06-01'),
    person('suspended', '2024-01-31', { status: 'SUSPENDED' }),
    person('minor', '2024-01-31', { dateOfBirth: '2010-01-01' }),
    person('unverified', '2024-01-31', { certificates: [{ courseDate: '2024-01-31', verified: false }] }),
  ];

  it('counts today’s alertable volunteers lapsing within 1, 3, 6 and 12 months, cumulatively', () => {
    const forecast = forecastCertificateLapses(volunteers, at, AMSTERDAM);
    expect(forecast.map(({ months, through, count }) => ({ months, through, count }))).toEqual([
      { months: 1, through: '2025-02-15', count: 1 },
      { months: 3, through: '2025-04-15', count: 2 },
      { months: 6, through: '2025-07-15', count: 3 },
      { months: 12, through: '2026-01-15', count: 4 },
    ]);
    expect(forecast[3]!.volunteerIds).toEqual(['in-2-weeks', 'in-2-months', 'in-5-months', 'in-11-months']);
  });

  it('moves lapses later by the grace period', () => {
    const forecast = forecastCertificateLapses(volunteers, at, { ...AMSTERDAM, certificateGracePeriodDays: 30 }, [1]);
    expect(forecast[0]!.count).toBe(0);
  });

  it('counts a lapse on the horizon’s last day', () => {
    const forecast = forecastCertificateLapses([person('edge', '2024-02-14')], at, AMSTERDAM, [1]);
    // Valid through 2025-02-14, so not alertable from 2025-02-15 = today + 1 month.
    expect(forecast[0]!.count).toBe(1);
  });
});
