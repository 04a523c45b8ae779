import http from 'node:http';
import type net from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInput } from '../../common/errors.ts';
import { exportsRouter, type NamedExport, type RunOperation } from './index.ts';

type Places = { places: { name: string; lat: number; lon: number }[] };

/** An export with both formats, answered by a stand-in for the gateway that records what it was asked. */
const PLACES: NamedExport = {
  description: 'Places',
  parameters: { id: 'an id' },
  query: 'query ($id: ID!) { places(id: $id) { name lat lon } }',
  variables(parameters) {
    const id = parameters.get('id');
    if (!id) throw badInput('The parameter id is missing.', { field: 'id' });
    return { id };
  },
  fileName: (variables) => `places-${variables.id}`,
  table: (data) => ({ columns: ['name'], rows: (data as Places).places.map((place) => [place.name]) }),
  featureCollection: (data) => ({
    type: 'FeatureCollection',
    features: (data as Places).places.map((place) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
      properties: { name: place.name },
    })),
  }),
};
const TABLE_ONLY: NamedExport = { ...PLACES, featureCollection: undefined };

const asked: { authorization?: string; variables: Record<string, unknown> }[] = [];
const run: RunOperation = async (request, _query, variables) => {
  asked.push({ authorization: request.headers.authorization, variables });
  if (variables.id === 'forbidden') return { errors: [{ message: 'No.', extensions: { code: 'FORBIDDEN' } }] };
  return { data: { places: [{ name: 'Oisterwijk', lat: 51.58, lon: 5.19 }] } };
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use('/exports', exportsRouter(run, { places: PLACES, 'table-only': TABLE_ONLY }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/exports`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, authorization = 'Bearer t') => fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });

describe('exportsRouter', () => {
  it('serves an export as CSV and as GeoJSON, running it with the caller’s own Authorization', async () => {
    const csv = await get('/places.csv?id=a');
    expect(csv.status).toBe(200);
    // The bytes, byte order mark included (text() would drop it).
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe('\uFEFFname\r\nOisterwijk\r\n');
    const geojson = await get('/places.geojson?id=a');
    expect(geojson.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(geojson.headers.get('content-disposition')).toContain('places-a.geojson');
    expect(((await geojson.json()) as any).features[0].geometry.coordinates).toEqual([5.19, 51.58]);
    expect(asked.at(-1)).toEqual({ authorization: 'Bearer t', variables: { id: 'a' } });
  });

  it('runs nothing without a credential or with bad parameters, and maps codes to statuses', async () => {
    const before = asked.length;
    expect((await get('/places.csv?id=a', '')).status).toBe(401);
    const missing = await get('/places.csv');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(asked.length).toBe(before);
    expect((await get('/places.csv?id=forbidden')).status).toBe(403);
  });

  it('answers 404 for an unknown export, a format it does not have, or an inherited name', async () => {
    expect((await get('/nothing.csv?id=a')).status).toBe(404);
    expect((await get('/table-only.geojson?id=a')).status).toBe(404);
    expect((await get('/constructor.csv?id=a')).status).toBe(404);
    const list = ((await (await get('/')).json()) as any).exports;
    expect(list.map((entry: { urls: string[] }) => entry.urls)).toEqual([['/exports/places.csv', '/exports/places.geojson'], ['/exports/table-only.csv']]);
  });
});
