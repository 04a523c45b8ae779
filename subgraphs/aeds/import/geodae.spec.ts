import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geodaeSchedule, parseGeodaeCsv, parseGeodaeRow } from './geodae.ts';
import { collectOutcomes } from './record.ts';

const fixturePath = new URL('./fixtures/geodae-sample.csv', import.meta.url);
const now = new Date('2026-06-03T10:00:00Z');

describe("Géo'DAE availability", () => {
  it('translates days and hours into opening_hours', () => {
    expect(geodaeSchedule('{7j/7}', '{24h/24}')).toBe('24/7');
    expect(geodaeSchedule('{lundi, mardi, mercredi, jeudi, vendredi}', '{"heures ouvrables"}')).toBe('Mo-Fr 09:00-17:00');
    expect(geodaeSchedule('{lundi,mercredi,vendredi,"jours fériés"}', '{24h/24}')).toBe('Mo,We,Fr,PH 00:00-24:00');
    expect(geodaeSchedule('{samedi,dimanche}', '{"heures ouvrables","heures de nuit"}')).toBe('Sa,Su 09:00-17:00,22:00-06:00');
    expect(geodaeSchedule('{7j/7}', '{"heures ouvrables"}', { businessHours: '08:00-18:00' })).toBe('Mo-Su 08:00-18:00');
  });

  it('keeps what is not known unknown', () => {
    expect(geodaeSchedule('{lundi,mardi}', '{"non renseigné"}')).toBe('Mo,Tu unknown');
    expect(geodaeSchedule('{"non renseigné"}', '{24h/24}')).toBeNull();
    expect(geodaeSchedule(null, null)).toBeNull();
    expect(geodaeSchedule('{événements}', '{événements}')).toBe('unknown "événements"');
  });

  it('rejects values the register does not define', () => {
    expect(() => geodaeSchedule('{parfois}', '{24h/24}')).toThrow(/c_disp_j "\{parfois\}" contains "parfois"/);
    expect(() => geodaeSchedule('{7j/7}', '{midi}')).toThrow(/c_disp_h/);
  });
});

describe("Géo'DAE CSV import", () => {
  it('reads the fixture: two records, four rejections with their lines', async () => {
    const { records, rejections } = await collectOutcomes(parseGeodaeCsv(fs.createReadStream(fixturePath), { now }));
    expect(records).toEqual([
      {
        externalId: 'geodae:FR-0001',
        lat: 45.7676,
        lon: 4.8357,
        locationDescription: 'Mairie de Lyon 1er — Façade côté place',
        indoor: false,
        floor: null,
        access: 'PUBLIC',
        locked: null,
        phone: '+33 4 72 10 30 30',
        owner: 'Ville de Lyon',
        brand: null,
        model: null,
        serial: null,
        reference: null,
        schedule: '24/7',
        batteryExpiresOn: '2029-06-30',
        padsExpireOn: '2028-01-31',
        lastCheckedOn: '2025-11-02',
        operational: true,
      },
      {
        externalId: 'geodae:FR-0002',
        lat: 48.1147,
        lon: -1.6794,
        locationDescription: 'Médiathèque Rennes — Accueil du 1er étage',
        indoor: true,
        floor: '1',
        access: 'RESTRICTED',
        locked: null,
        phone: null,
        owner: 'Rennes Métropole',
        brand: null,
        model: null,
        serial: null,
        reference: null,
        schedule: 'Mo-Fr,PH 09:00-17:00',
        batteryExpiresOn: '2029-06-30',
        padsExpireOn: '2028-03-15',
        lastCheckedOn: '2025-09-20',
        operational: false,
      },
    ]);
    expect(rejections).toEqual([
      { source: 'geodae', line: 4, externalId: 'geodae:FR-0003', reason: 'The coordinates "abc", "2.35" are not numbers.' },
      { source: 'geodae', line: 5, externalId: 'geodae:FR-0004', reason: 'Battery expiry date (c_dtpr_bat) "2027-02-30" is not a date (expected YYYY-MM-DD or DD/MM/YYYY).' },
      { source: 'geodae', line: 6, reason: 'The row has no id (c_gid or gid).' },
      { source: 'geodae', line: 7, externalId: 'geodae:FR-0006', reason: expect.stringContaining('"parfois"') },
    ]);
  });

  const header = 'c_gid;c_lat_coor1;c_long_coor1;c_disp_j;c_disp_h;c_dtpr_bat;c_dermnt';

  it('detects a semicolon separator and streams input split anywhere', async () => {
    const text = `${header}\nA1;48.85;2.35;{7j/7};{24h/24};2028-01-01;2026-05-01\nA2;48.86;2.36;{lundi};{24h/24};2040-01-01;2026-05-01\n`;
    const chunks = text.match(/[\s\S]{1,7}/g)!;
    const { records, rejections } = await collectOutcomes(parseGeodaeCsv(chunks, { now }));
    expect(records.map((record) => [record.externalId, record.schedule])).toEqual([['geodae:A1', '24/7']]);
    expect(rejections).toEqual([{ source: 'geodae', line: 3, externalId: 'geodae:A2', reason: expect.stringContaining('more than 10 years in the future') }]);
  });

  it('rejects rows with a wrong number of fields or a broken quote, and goes on', async () => {
    const text = `${header}\nB1;48.85;2.35\nB2;48.85;"2.35;{7j/7};{24h/24};;\nB3;48.86;2.36;{7j/7};{24h/24};;\n`;
    const { records, rejections } = await collectOutcomes(parseGeodaeCsv(text, { now }));
    // An unclosed quote runs to the end of the file: CSV cannot tell where B2 ends, so B3 goes with it.
    expect(records).toEqual([]);
    expect(rejections).toEqual([
      { source: 'geodae', line: 2, reason: 'The row has 3 fields where the header has 7.' },
      { source: 'geodae', line: 4, reason: expect.stringMatching(/^The CSV row cannot be read: Quote Not Closed/) },
    ]);
    const fixed = text.replace('"2.35', '2.35');
    expect((await collectOutcomes(parseGeodaeCsv(fixed, { now }))).records.map((record) => record.externalId)).toEqual(['geodae:B2', 'geodae:B3']);
  });

  it('refuses a file without id or coordinate columns', async () => {
    await expect(collectOutcomes(parseGeodaeCsv('nom,lat,lon\nx,1,2\n'))).rejects.toThrow(/lacks the column\(s\) c_gid or gid, c_lat_coor1, c_long_coor1/);
  });

  it('rejects a maintenance date in the future and implausible coordinates', () => {
    const row = { c_gid: 'X', c_lat_coor1: '48.85', c_long_coor1: '2.35', c_dermnt: '2026-07-01' };
    expect(parseGeodaeRow(row, 9, { now })).toEqual({
      ok: false,
      rejection: { source: 'geodae', line: 9, externalId: 'geodae:X', reason: 'Last maintenance date (c_dermnt) 2026-07-01 is in the future.' },
    });
    expect(parseGeodaeRow({ ...row, c_dermnt: '', c_long_coor1: '200' }, 9, { now })).toMatchObject({ ok: false, rejection: { reason: 'Longitude 200 is outside -180 to 180.' } });
  });

  it('handles tens of thousands of rows quickly', async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, index) =>
        `G${index},${(43 + (index % 500) / 100).toFixed(4)},${(1 + (index % 300) / 100).toFixed(4)},"{lundi,mardi,mercredi,jeudi,vendredi}","{""heures ouvrables""}",2029-06-30,2026-05-01`,
    );
    const text = [header.replaceAll(';', ','), ...rows].join('\n');
    const started = performance.now();
    let records = 0;
    for await (const outcome of parseGeodaeCsv(text, { now })) if (outcome.ok) records++;
    expect(records).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
