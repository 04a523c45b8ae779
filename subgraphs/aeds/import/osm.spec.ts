import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOsmDefibrillators, parseOsmFeature } from './osm.ts';
import { collectOutcomes } from './record.ts';

const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/osm-defibrillators.geojson', import.meta.url), 'utf8')) as unknown;

const feature = (properties: Record<string, unknown>, coordinates: unknown[] = [4.9, 52.37]) => ({
  type: 'Feature',
  id: 'node/42',
  properties: { emergency: 'defibrillator', ...properties },
  geometry: { type: 'Point', coordinates },
});

describe('OpenStreetMap defibrillator import', () => {
  it('reads the fixture: three records, three rejections', async () => {
    const { records, rejections } = await collectOutcomes(parseOsmDefibrillators(fixture, { region: { countryCode: 'NL' } }));
    expect(records.map((record) => record.externalId)).toEqual(['osm:node/1001', 'osm:node/1002', 'osm:node/1003']);
    expect(records[0]).toEqual({
      externalId: 'osm:node/1001',
      lat: 52.3789,
      lon: 4.9003,
      locationDescription: 'In the yellow cabinet left of the station entrance',
      indoor: false,
      floor: null,
      access: 'PUBLIC',
      locked: true,
      phone: '+31 20 123 4567',
      owner: 'Gemeente Amsterdam',
      brand: 'Philips',
      model: 'HeartStart FRx',
      serial: null,
      reference: 'AED-AMS-0042',
      schedule: '24/7',
      batteryExpiresOn: null,
      padsExpireOn: null,
      lastCheckedOn: null,
      operational: null,
    });
    // Normalized schedule, localized location text, contact phone, restricted access.
    expect(records[1]).toMatchObject({
      schedule: 'Mo-Fr 08:00-18:00; PH off',
      locationDescription: 'Receptie, eerste verdieping',
      phone: '+31 30 765 4321',
      indoor: true,
      floor: '1',
      access: 'RESTRICTED',
    });
    // osmtogeojson layout: tags nested, type and id apart.
    expect(records[2]).toMatchObject({ externalId: 'osm:node/1003', access: 'PRIVATE', operational: false, schedule: null });
    expect(rejections).toEqual([
      { source: 'osm', featureIndex: 3, externalId: 'osm:node/1004', reason: expect.stringMatching(/^Invalid opening_hours schedule "on request": /) },
      { source: 'osm', featureIndex: 4, externalId: 'osm:node/1005', reason: 'Latitude 95 is outside -90 to 90.' },
      { source: 'osm', featureIndex: 5, reason: 'The feature has no OpenStreetMap id such as "node/123".' },
    ]);
  });

  it('rejects features that are not point defibrillators or lack a position', () => {
    const polygon = { ...feature({}), geometry: { type: 'Polygon', coordinates: [] } };
    expect(parseOsmFeature(polygon, 0)).toMatchObject({ ok: false, rejection: { reason: expect.stringContaining('a Polygon') } });
    expect(parseOsmFeature(feature({ emergency: 'fire_hydrant' }), 0)).toMatchObject({ ok: false, rejection: { reason: expect.stringContaining('emergency=fire_hydrant') } });
    expect(parseOsmFeature(feature({}, ['x', 52]), 0)).toMatchObject({ ok: false, rejection: { reason: expect.stringContaining('not numbers') } });
    expect(parseOsmFeature(feature({}, [Number.NaN, 52]), 0)).toMatchObject({ ok: false });
    expect(parseOsmFeature(feature({}, [0, 0]), 0)).toMatchObject({ ok: false, rejection: { reason: expect.stringContaining('placeholder') } });
    expect(parseOsmFeature('nonsense', 7)).toEqual({ ok: false, rejection: { source: 'osm', featureIndex: 7, reason: 'This is not a GeoJSON Feature.' } });
  });

  it('checks holidays against the given country', () => {
    const officeHours = feature({ opening_hours: 'Mo-Fr 08:00-18:00; PH off' });
    expect(parseOsmFeature(officeHours, 0, { region: { countryCode: 'NL' } }).ok).toBe(true);
    expect(parseOsmFeature(officeHours, 0, { region: { countryCode: 'GB' } })).toMatchObject({ ok: false, rejection: { reason: expect.stringContaining('not known for GB') } });
  });

  it('keeps the AED when descriptive tags have odd values', () => {
    const outcome = parseOsmFeature(feature({ locked: 'sometimes', indoor: 'room', access: 'ask', 'emergency:phone': '112' }), 0);
    expect(outcome).toMatchObject({ ok: true, record: { locked: null, indoor: true, access: null, phone: '112' } });
  });

  it('refuses a file that is not a FeatureCollection', () => {
    expect(() => [...parseOsmDefibrillators({ type: 'Feature' })]).toThrow(/not a GeoJSON FeatureCollection/);
  });

  it('handles tens of thousands of features quickly', () => {
    const features = Array.from({ length: 20_000 }, (_, index) => ({
      ...feature({ opening_hours: ['24/7', 'Mo-Fr 08:00-18:00; PH off', 'Mo-Sa 07:00-22:00'][index % 3] }, [4 + (index % 1000) / 1000, 52]),
      id: `node/${index + 1}`,
    }));
    const started = performance.now();
    let records = 0;
    for (const outcome of parseOsmDefibrillators({ type: 'FeatureCollection', features }, { region: { countryCode: 'NL' } })) if (outcome.ok) records++;
    expect(records).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
