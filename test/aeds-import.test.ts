/**
 * Importing AED registers: an OpenStreetMap export and a Géo'DAE CSV, each
 * imported and then re-imported (which changes nothing), a changed file
 * (which updates only what changed and keeps what guardians entered), an
 * import that fails half-way (which leaves nothing), a dry run, and the
 * command-line tool itself. The imported AEDs are read back through the
 * gateway.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { createPeerClient } from '../common/peers.ts';
import { parseGeodaeCsv } from '../subgraphs/aeds/import/geodae.ts';
import { importAeds, type AedImportReport } from '../subgraphs/aeds/import/importer.ts';
import { parseOsmDefibrillators } from '../subgraphs/aeds/import/osm.ts';
import { formatImportReport } from '../subgraphs/aeds/import/report.ts';
import { distancesOutsideMunicipality, lookUpMunicipality, type MunicipalityFacts } from '../subgraphs/aeds/peers.ts';
import { CreateMunicipalityDocument } from './operations/generated.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

const FIXTURES = path.join(projectRoot, 'subgraphs/aeds/import/fixtures');
const OSM_FILE = path.join(FIXTURES, 'osm-defibrillators.geojson');
const GEODAE_FILE = path.join(FIXTURES, 'geodae-sample.csv');
const osmExport = () => JSON.parse(fs.readFileSync(OSM_FILE, 'utf8')) as { features: { id?: unknown; properties: Record<string, unknown> }[] };
/** The export with other OSM ids (node/1001 becomes node/9001), as another area's export would have. */
const otherExport = () => JSON.parse(fs.readFileSync(OSM_FILE, 'utf8').replace(/100(\d)/g, '900$1')) as ReturnType<typeof osmExport>;

let stack: TestStack;
let admin: string;
let amsterdam: MunicipalityFacts;
let lyon: MunicipalityFacts;
let empty: MunicipalityFacts;

async function createMunicipality(input: Record<string, unknown>): Promise<MunicipalityFacts> {
  const { createMunicipality: created } = await stack.data(CreateMunicipalityDocument, { input }, admin);
  // What the import is given, asked of the organization subgraph as the CLI does.
  const peers = createPeerClient({ organization: stack.subgraphs.organization.url }, TEST_SECRETS.gatewaySecret);
  return lookUpMunicipality(peers, created.id);
}

const em = () => stack.subgraphs.aeds.orm.em.fork();
const importOsm = (collection: unknown, municipality = amsterdam, extra = {}) =>
  importAeds(em(), parseOsmDefibrillators(collection, { region: { countryCode: municipality.countryCode } }), { source: 'osm', municipality, ...extra });
const importGeodae = (municipality = lyon, extra = {}) => importAeds(em(), parseGeodaeCsv(fs.createReadStream(GEODAE_FILE)), { source: 'geodae', municipality, ...extra });

const counts = (report: AedImportReport) => ({
  created: report.created.length,
  updated: report.updated.length,
  unchanged: report.unchanged.length,
  rejected: report.rejected.length,
});

async function aedCount(municipalityId: string): Promise<number> {
  return (await stack.data(`query ($id: ID!) { municipality(id: $id) { aedCount } }`, { id: municipalityId })).municipality.aedCount;
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.adminToken();
  amsterdam = await createMunicipality({ name: 'Amsterdam', code: 'GM0363', countryCode: 'NL', timeZone: 'Europe/Amsterdam' });
  lyon = await createMunicipality({ name: 'Lyon', code: 'FR-69123', countryCode: 'FR', timeZone: 'Europe/Paris' });
  empty = await createMunicipality({ name: 'Utrecht', code: 'GM0344', countryCode: 'NL', timeZone: 'Europe/Amsterdam' });
});

afterAll(async () => {
  await stack?.close();
});

describe('OpenStreetMap import', () => {
  let first: AedImportReport;

  it('creates the AEDs of the export and rejects the rest with reasons', async () => {
    first = await importOsm(osmExport());
    expect(counts(first)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(first.created.map((row) => row.externalId)).toEqual(['osm:node/1001', 'osm:node/1002', 'osm:node/1003']);
    expect(first.rejected).toEqual([
      { source: 'osm', featureIndex: 3, externalId: 'osm:node/1004', reason: expect.stringMatching(/^Invalid opening_hours schedule "on request"/) },
      { source: 'osm', featureIndex: 4, externalId: 'osm:node/1005', reason: 'Latitude 95 is outside -90 to 90.' },
      { source: 'osm', featureIndex: 5, reason: 'The feature has no OpenStreetMap id such as "node/123".' },
    ]);
    const office = first.created[1]!.aedId;
    const { aed } = await stack.data(
      `query ($id: ID!) { aed(id: $id) { externalId locationDescription access indoor floor availabilitySchedule timeZone countryCode municipality { name } } }`,
      { id: office },
    );
    expect(aed).toEqual({
      externalId: 'osm:node/1002',
      locationDescription: 'Receptie, eerste verdieping',
      access: 'RESTRICTED',
      indoor: true,
      floor: '1',
      availabilitySchedule: 'Mo-Fr 08:00-18:00; PH off',
      timeZone: 'Europe/Amsterdam',
      countryCode: 'NL',
      municipality: { name: 'Amsterdam' },
    });
    const owner = await stack.data(`query ($id: ID!) { aed(id: $id) { owner { name phone } } }`, { id: first.created[0]!.aedId }, admin);
    expect(owner.aed.owner).toEqual({ name: 'Gemeente Amsterdam', phone: '+31201234567' });
    expect(await aedCount(amsterdam.id)).toBe(3);
  });

  it('says how many of the imported AEDs are not dispatchable and why: OpenStreetMap knows no checks or guardians', () => {
    expect(first.readiness).toMatchObject({ dispatchable: 0, notDispatchable: 3, withoutGuardian: 3 });
    expect(first.readiness.reasons.CHECK_OVERDUE).toBe(3);
    expect(formatImportReport(first)).toContain(
      '3 of the 3 AEDs in the file are not dispatchable yet: 3 without a recent guardian check (recordAedCheck, or recordAedChecks for many)',
    );
    expect(formatImportReport(first)).toContain('3 have no guardian: add one (addAedGuardian, or assignAedGuardians for many) to log checks and expiry dates.');
  });

  it('changes nothing when the same export is imported again', async () => {
    const before = await em().execute('select id, updated_at from aeds.aed order by id');
    const again = await importOsm(osmExport());
    expect(counts(again)).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 3 });
    expect(again.unchanged.map((row) => row.aedId).sort()).toEqual(first.created.map((row) => row.aedId).sort());
    expect(await em().execute('select id, updated_at from aeds.aed order by id')).toEqual(before);
  });

  it('updates only what the source changed, and keeps what guardians entered', async () => {
    const station = first.created[0]!.aedId;
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: station });
    await stack.data(
      `mutation ($id: ID!) { updateAed(id: $id, input: { cabinetCode: "2468", padsExpireOn: "2027-08-31", lastCheckedOn: "2026-06-01" }) { id } }`,
      { id: station },
      guardian,
    );
    const changed = osmExport();
    changed.features[0]!.properties.opening_hours = 'Mo-Su 06:00-23:00';
    const report = await importOsm(changed);
    expect(counts(report)).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 3 });
    expect(report.updated).toEqual([{ externalId: 'osm:node/1001', aedId: station }]);
    const { aed } = await stack.data(`query ($id: ID!) { aed(id: $id) { availabilitySchedule padsExpireOn lastCheckedOn cabinetLocked cabinetCode } }`, { id: station }, guardian);
    expect(aed).toEqual({ availabilitySchedule: 'Mo-Su 06:00-23:00', padsExpireOn: '2027-08-31', lastCheckedOn: '2026-06-01', cabinetLocked: true, cabinetCode: '2468' });
    expect(counts(await importOsm(changed))).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 3 });
  });

  it('rejects a second row with the same id instead of letting one win by accident', async () => {
    const doubled = otherExport();
    doubled.features.push(doubled.features[0]!);
    const report = await importOsm(doubled, empty, { dryRun: true });
    expect(report.rejected.at(-1)).toEqual({
      source: 'osm',
      externalId: 'osm:node/9001',
      reason: 'osm:node/9001 appears more than once in the file; only its first row was imported.',
    });
  });

  it('rejects AEDs far outside the municipality’s boundary, so an AED abroad never counts in its coverage', async () => {
    // A Swedish municipality around Uppsala, given a Dutch export.
    const uppsala = await createMunicipality({
      name: 'Uppsala',
      code: 'SE-0380',
      countryCode: 'SE',
      timeZone: 'Europe/Stockholm',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [17.5, 59.8],
            [17.8, 59.8],
            [17.8, 59.95],
            [17.5, 59.95],
            [17.5, 59.8],
          ],
        ],
      },
    });
    const peers = createPeerClient({ organization: stack.subgraphs.organization.url }, TEST_SECRETS.gatewaySecret);
    const report = await importOsm(otherExport(), uppsala, {
      distancesOutside: (positions: { latitude: number; longitude: number }[]) => distancesOutsideMunicipality(peers, uppsala.id, positions),
    });
    expect(report.created).toEqual([]);
    const outside = report.rejected.filter((rejection) => / km outside the municipality's boundary \(1 km is allowed\)/.test(rejection.reason));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside[0]!.reason).toMatch(/^osm:node\/\d+ lies 1\d\d\d\.\d km outside/);
    const [stored] = await em().execute<{ n: number }[]>('select count(*)::int as n from aeds.aed where municipality_id = ?', [uppsala.id]);
    expect(stored!.n).toBe(0);
  });
});

describe('Géo’DAE import', () => {
  it('creates the AEDs of the CSV with their French holidays and dates, rejects the rest with line numbers, and changes nothing on re-import', async () => {
    const report = await importGeodae();
    expect(counts(report)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.rejected.map(({ line, externalId }) => ({ line, externalId }))).toEqual([
      { line: 4, externalId: 'geodae:FR-0003' },
      { line: 5, externalId: 'geodae:FR-0004' },
      { line: 6, externalId: undefined },
      { line: 7, externalId: 'geodae:FR-0006' },
    ]);
    expect(report.rejected[1]!.reason).toContain('2027-02-30');
    const rennes = report.created.find((row) => row.externalId === 'geodae:FR-0002')!.aedId;
    const { aed } = await stack.data(
      `query ($id: ID!) {
        aed(id: $id) {
          location { latitude longitude } availabilitySchedule batteryExpiresOn operational timeZone
          bastilleDay: availability(at: "2026-07-14T10:00:00Z") { state }
          readiness(at: "2026-07-15T10:00:00Z") { reasons }
        }
      }`,
      { id: rennes },
    );
    expect(aed).toEqual({
      location: { latitude: 48.1147, longitude: -1.6794 },
      availabilitySchedule: 'Mo-Fr,PH 09:00-17:00',
      batteryExpiresOn: '2029-06-30',
      operational: false,
      timeZone: 'Europe/Paris',
      // "jours fériés" in Géo'DAE means it is open on public holidays too.
      bastilleDay: { state: 'OPEN' },
      // Its last maintenance (c_dermnt 2025-09-20) is long past the 90-day check interval too.
      readiness: { reasons: ['CHECK_OVERDUE', 'OUT_OF_SERVICE'] },
    });
    expect(counts(await importGeodae())).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect(await aedCount(lyon.id)).toBe(2);
  });
});

describe('an import that cannot finish', () => {
  it('leaves nothing half done', async () => {
    await expect(
      importOsm(otherExport(), empty, {
        batchSize: 1,
        onProgress: (written: number) => {
          if (written === 2) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await aedCount(empty.id)).toBe(0);
    expect(await em().execute("select external_id from aeds.aed where external_id like 'osm:node/900%'")).toEqual([]);
  });

  it('writes nothing on a dry run, yet reports what it would do', async () => {
    const report = await importOsm(otherExport(), empty, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(counts(report)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(await aedCount(empty.id)).toBe(0);
  });
});

describe('the import command', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', './scripts/register.js', 'subgraphs/aeds/import/cli.ts', ...args], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        ORGANIZATION_URL: stack.subgraphs.organization.url,
        GATEWAY_SECRET: TEST_SECRETS.gatewaySecret,
        LOG_LEVEL: 'warn',
      },
    });

  // Two start-ups of the command, slow on a busy machine.
  it('imports a file, prints the report and writes it as JSON', { timeout: 120_000 }, async () => {
    const { createMunicipality: marseille } = await stack.data(
      `mutation { createMunicipality(input: { name: "Marseille", code: "FR-13055", countryCode: "FR", timeZone: "Europe/Paris" }) { id } }`,
      {},
      admin,
    );
    const reportFile = path.join(os.tmpdir(), `aed-import-${process.pid}.json`);
    // Another département's register: other ids than the file imported into Lyon above.
    const csvFile = path.join(os.tmpdir(), `aed-import-${process.pid}.csv`);
    fs.writeFileSync(csvFile, fs.readFileSync(GEODAE_FILE, 'utf8').replaceAll('FR-000', 'FR-130'));
    try {
      const { stdout } = await run(['--municipality', marseille.id, '--report', reportFile, csvFile]);
      expect(stdout).toContain('2 created, 0 updated, 0 unchanged, 4 rejected.');
      expect(stdout).toContain('line 7 (geodae:FR-1306): c_disp_j "{parfois}" contains "parfois"');
      const written = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as AedImportReport;
      expect(written.created).toHaveLength(2);
      expect(await aedCount(marseille.id)).toBe(2);
      const again = await run(['--municipality', marseille.id, csvFile]);
      expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged, 4 rejected.');
    } finally {
      fs.rmSync(reportFile, { force: true });
      fs.rmSync(csvFile, { force: true });
    }
  });

  it('refuses an unknown municipality and wrong usage, writing nothing', { timeout: 120_000 }, async () => {
    await expect(run(['--municipality', '00000000-0000-4000-8000-00000000dead', OSM_FILE])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not registered'),
    });
    await expect(run([OSM_FILE])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--municipality') });
  });
});
