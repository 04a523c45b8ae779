import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planVolunteerImport, VolunteerCsvError, type VolunteerImportOptions } from './csv.ts';

const fixture = fs.readFileSync(new URL('./fixtures/volunteers.csv', import.meta.url));

const options: VolunteerImportOptions = {
  existing: [
    { id: 'vol-1', phone: '+31612345001', email: 'anna@example.nl', dateOfBirth: '1979-06-12', name: 'Anna Bakker' },
    // Stored before numbers were normalised: must still match.
    { id: 'vol-2', phone: '0612345002', email: 'Bram@Example.nl', dateOfBirth: '1990-02-03', name: 'Bram Jansen' },
    { id: 'vol-3', phone: '+31612345003', email: 'carla@example.nl', dateOfBirth: '1985-04-12', name: 'Carla Smit' },
  ],
  defaultCountry: 'NL',
  timeZone: 'Europe/Amsterdam',
  // 11:00 in Amsterdam on 1 March 2025.
  at: new Date('2025-03-01T10:00:00Z'),
  mayVerify: true,
};

const HEADER = 'name,phone,email,date_of_birth,home_lat,home_lon,certificate_type,course_date,certificate_valid_until,certificate_verified';

function plan(rows: string[], overrides: Partial<VolunteerImportOptions> = {}) {
  return planVolunteerImport([HEADER, ...rows].join('\n'), { ...options, ...overrides });
}

describe('the fixture file', () => {
  const result = planVolunteerImport(fixture, options);
  const rejectedByLine = Object.fromEntries(result.rejected.map((row) => [row.line, row.reasons]));

  it('plans three new volunteers, normalised', () => {
    expect(result.create.map((volunteer) => [volunteer.line, volunteer.name, volunteer.phone, volunteer.email])).toEqual([
      [2, 'Jan de Vries', '+31612345678', 'jan@example.nl'],
      [16, 'Olaf Brouwer', '+31612345015', null],
      [21, 'Sem Willems', '+31612345018', 'sem@example.nl'],
    ]);
    expect(result.create[0]).toMatchObject({
      dateOfBirth: '1985-04-12',
      homeAddress: { street: 'Damrak', houseNumber: '1', postalCode: '1012 LG', city: 'Amsterdam' },
      home: { lat: 52.3752, lon: 4.8963 },
      certificate: { type: 'NRR Reanimatie/AED', courseDate: '2024-11-02', validUntil: null, verified: true },
      warnings: [],
    });
  });

  it('accepts a volunteer who turns 18 today, with warnings for an expired, unverified certificate', () => {
    expect(result.create[1]!.warnings).toEqual([
      'certificate expired on 2023-01-10; not alerted until a refresher course is recorded',
      'certificate not verified; not alerted until it is',
    ]);
  });

  it('plans merges into existing volunteers who are the same person', () => {
    expect(result.merge.map((merge) => [merge.volunteer.line, merge.volunteerId, merge.matchedBy])).toEqual([
      [3, 'vol-1', ['phone', 'email', 'date_of_birth', 'name']],
      [4, 'vol-2', ['phone', 'date_of_birth', 'name']],
    ]);
    expect(result.merge[0]!.volunteer).toMatchObject({
      email: 'anna@example.nl',
      dateOfBirth: '1979-06-12',
      home: { lat: 52.0907, lon: 5.1214 },
    });
    expect(result.merge[1]!.volunteer).toMatchObject({ name: 'Jansen, Bram', dateOfBirth: '1990-02-03' });
  });

  it('rejects every other row with a reason a person can act on', () => {
    expect(rejectedByLine).toEqual({
      5: ['duplicate in this file: same phone +31612345678 as line 2'],
      6: ['duplicate in this file: same e-mail jan@example.nl as line 2'],
      7: ['phone +31612345003 belongs to existing volunteer vol-3 but e-mail bram@example.nl to volunteer vol-2; correct one of them'],
      8: ['phone: "0612" is too short for a Netherlands phone number'],
      9: ['volunteer is under 18 (turns 18 on 2028-05-01); volunteers must be adults'],
      10: ['course_date 2025-06-01 is in the future; import the course once it is passed'],
      11: ['home_lat 95 is out of range (−90 to 90)'],
      12: ['home_lat is empty', 'home_lon "abc" is not a number'],
      13: ['home_lon "NaN" is not a number'],
      14: ['the line has 6 fields but the header has 14; check the delimiters and quotes'],
      15: ['volunteer is under 18 (turns 18 on 2025-03-02); volunteers must be adults'],
      17: ['certificate_valid_until 2024-01-01 is before course_date 2024-12-01'],
      18: ['certificate_verified "misschien" is not yes or no'],
    });
  });

  it('keeps the rejected row’s fields for correction', () => {
    expect(result.rejected.find((row) => row.line === 8)!.fields).toMatchObject({ name: 'Gijs Bos', phone: '0612' });
  });

  it('accounts for every non-empty row exactly once', () => {
    expect(result.create.length + result.merge.length + result.rejected.length).toBe(18);
  });
});

describe('file format', () => {
  it('reads a semicolon-separated file with a byte-order mark and decimal commas', () => {
    const csv =
      '\uFEFFName;Phone;Date of birth;Home-Lat;HOME_LON;Certificate type;Course date;Remarks\n' +
      'Jan de Vries;06-12345678;12-04-1985;52,3752;4,8963;NRR;01-11-2024;likes cycling\n';
    const result = planVolunteerImport(csv, options);
    expect(result.rejected).toEqual([]);
    expect(result.create[0]).toMatchObject({
      phone: '+31612345678',
      dateOfBirth: '1985-04-12',
      home: { lat: 52.3752, lon: 4.8963 },
    });
    expect(result.create[0]!.certificate).toEqual({ type: 'NRR', courseDate: '2024-11-01', validUntil: null, verified: false });
    expect(result.ignoredColumns).toEqual(['remarks']);
  });

  it('names the missing required columns', () => {
    expect(() => planVolunteerImport('name,email\nJan,jan@example.nl\n', options)).toThrow(
      /Missing columns: phone, date_of_birth, home_lat, home_lon, certificate_type, course_date/,
    );
  });

  it('refuses an empty file, a column named twice, and broken quoting', () => {
    expect(() => planVolunteerImport('', options)).toThrow(VolunteerCsvError);
    expect(() => planVolunteerImport(`${HEADER},phone\n`, options)).toThrow(/Column named twice: phone/);
    expect(() => plan(['"Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja'])).toThrow(/not valid CSV/);
  });

  it('skips blank and empty rows', () => {
    const result = plan(['', ',,,,,,,,,', 'Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja']);
    expect(result.create).toHaveLength(1);
    expect(result.rejected).toEqual([]);
  });
});

describe('row validation', () => {
  const row = (fields: Partial<Record<string, string>>) => {
    const values = {
      name: 'Jan',
      phone: '0612345678',
      email: '',
      date_of_birth: '1985-04-12',
      home_lat: '52.1',
      home_lon: '5.1',
      certificate_type: 'NRR',
      course_date: '2024-11-01',
      certificate_valid_until: '',
      certificate_verified: 'ja',
      ...fields,
    };
    return Object.values(values).join(',');
  };
  const reasonsFor = (fields: Partial<Record<string, string>>) => plan([row(fields)]).rejected[0]?.reasons;

  it.each([
    [{ name: '' }, 'name is empty'],
    [{ email: 'jan@' }, 'email "jan@" is not an e-mail address'],
    [{ date_of_birth: '31-02-1990' }, 'date_of_birth "31-02-1990" is not a date (use YYYY-MM-DD or DD-MM-YYYY)'],
    [{ date_of_birth: '1899-01-01' }, 'date_of_birth 1899-01-01 is more than 120 years ago; check for a typo'],
    [{ date_of_birth: '2026-01-01' }, 'date_of_birth 2026-01-01 is in the future'],
    [{ course_date: '2025-03-02' }, 'course_date 2025-03-02 is in the future; import the course once it is passed'],
    [{ course_date: '' }, 'course_date "" is not a date (use YYYY-MM-DD or DD-MM-YYYY)'],
    [{ home_lon: '181' }, 'home_lon 181 is out of range (−180 to 180)'],
    [{ home_lat: '-90.5' }, 'home_lat -90.5 is out of range (−90 to 90)'],
    [{ home_lat: 'Infinity' }, 'home_lat "Infinity" is not a number'],
    [{ home_lat: '0', home_lon: '0' }, 'home_lat/home_lon 0, 0 is not a home address (a failed geocoding?)'],
    [{ certificate_type: '' }, 'certificate_type is empty'],
    [{ phone: '018-471 00 00' }, 'phone +31184710000 is a fixed line; SMS alerts need a mobile number'],
  ])('rejects %j', (fields, reason) => {
    expect(reasonsFor(fields)).toEqual([reason]);
  });

  it('accepts a course passed today (local date) and a birthday today', () => {
    expect(reasonsFor({ course_date: '2025-03-01', date_of_birth: '2007-03-01' })).toBeUndefined();
  });

  it('uses the municipality’s date, not UTC’s: 00:30 on 2 March in Amsterdam is still 1 March in UTC', () => {
    const at = new Date('2025-03-01T23:30:00Z');
    expect(plan([row({ course_date: '2025-03-02' })], { at }).create).toHaveLength(1);
  });

  it('lists all problems of a row together', () => {
    expect(reasonsFor({ name: '', phone: 'abc', home_lat: 'x' })).toEqual(['name is empty', 'phone: "abc" is not a phone number', 'home_lat "x" is not a number']);
  });
});

describe('duplicates', () => {
  it('rejects a later row sharing phone and e-mail with an earlier one, naming both', () => {
    const result = plan(['Jan,0612345678,jan@example.nl,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja', 'Jan V,+31 6 12345678,JAN@example.nl,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja']);
    expect(result.create).toHaveLength(1);
    expect(result.rejected[0]!.reasons).toEqual(['duplicate in this file: same phone +31612345678 as line 2', 'duplicate in this file: same e-mail jan@example.nl as line 2']);
  });

  it('does not let an invalid row claim a phone number', () => {
    const result = plan(['Jan,0612345678,,2015-04-12,52.1,5.1,NRR,2024-11-01,,ja', 'Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja']);
    expect(result.rejected.map((row) => row.line)).toEqual([2]);
    expect(result.create.map((row) => row.line)).toEqual([3]);
  });

  it('does not modify the existing volunteers it is given', () => {
    const existing = [{ id: 'vol-9', phone: '06 12 34 56 78', email: 'X@example.nl', dateOfBirth: '1985-04-12', name: null }];
    const frozen = structuredClone(existing);
    const result = plan(['Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja'], { existing });
    expect(result.merge).toMatchObject([{ volunteerId: 'vol-9', matchedBy: ['phone', 'date_of_birth'] }]);
    expect(existing).toEqual(frozen);
  });
});

describe('the same person, never two joined', () => {
  it('merges by e-mail, date of birth and name, whatever the phone, case, accents and word order', () => {
    const result = plan(['"smit, Carlá",0687654321,Carla@Example.nl,12-04-1985,52.1,5.1,NRR,2024-11-01,,ja']);
    expect(result.merge).toMatchObject([{ volunteerId: 'vol-3', matchedBy: ['email', 'date_of_birth', 'name'] }]);
  });

  it('merges by phone and date of birth, whatever the name and e-mail', () => {
    const result = plan(['C. Smit-de Boer,+31612345003,carla.work@example.nl,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja']);
    expect(result.merge).toMatchObject([{ volunteerId: 'vol-3', matchedBy: ['phone', 'date_of_birth'] }]);
  });

  it('rejects Lars, who shares only Anna’s e-mail address, naming what matched and what did not', () => {
    const result = plan(['Lars Bakker,0612999888,anna@example.nl,1981-01-01,52.1,5.1,NRR,2024-11-01,,ja']);
    expect(result.merge).toEqual([]);
    expect(result.create).toEqual([]);
    expect(result.rejected[0]!.reasons).toEqual([
      'matches existing volunteer vol-1 on email but not on phone, date_of_birth, name; not merged, since a merge needs the same phone and date_of_birth, or the same email, date_of_birth and name: correct the row or the volunteer',
    ]);
  });

  it.each([
    ['a phone with another date of birth', 'Carla Smit,+31612345003,,1985-04-13', ['phone', 'name'], ['date_of_birth']],
    ['an e-mail and date of birth with another name', 'Lars Smit,0612999777,carla@example.nl,1985-04-12', ['email', 'date_of_birth'], ['phone', 'name']],
    ['an e-mail and name with another date of birth', 'Carla Smit,0612999777,carla@example.nl,1986-04-12', ['email', 'name'], ['phone', 'date_of_birth']],
  ])('rejects %s', (_, start, matched, unmatched) => {
    const result = plan([`${start},52.1,5.1,NRR,2024-11-01,,ja`]);
    expect(result.merge).toEqual([]);
    expect(result.rejected[0]!.reasons[0]).toContain(`on ${matched.join(', ')} but not on ${unmatched.join(', ')};`);
  });

  it('never matches an erased volunteer’s empty fields', () => {
    const existing = [{ id: 'vol-0', phone: '+31612345678', email: null, dateOfBirth: null, name: null }];
    const result = plan(['Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja'], { existing });
    expect(result.rejected[0]!.reasons[0]).toContain('on phone but not on date_of_birth, name;');
  });
});

describe('certificate_verified', () => {
  it('is honoured for who may verify, and read but ignored with a warning for anyone else', () => {
    const rows = ['Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,ja'];
    expect(plan(rows).create[0]!.certificate.verified).toBe(true);
    const chair = plan(rows, { mayVerify: false }).create[0]!;
    expect(chair.certificate.verified).toBe(false);
    expect(chair.warnings).toEqual(['certificate_verified ignored: only the administrative support (or ADMIN) verifies certificates; not alerted until they do']);
  });

  it('understands the Nordic no', () => {
    expect(plan(['Jan,0612345678,,1985-04-12,52.1,5.1,NRR,2024-11-01,,nej']).create[0]!.certificate.verified).toBe(false);
  });
});
