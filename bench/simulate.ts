/**
 * `npm run simulate [-- --incidents 1000 --trials 200 --seed 2026 --policies HARTSLAGNU,GOODSAM,…]`
 * (or `node --import ./scripts/register.js bench/simulate.ts …`): the
 * dispatch rules in service, the previous default and the simulated default
 * (the default now), compared on the national data set's past incidents (generate it first:
 * `npm run generate -- --seed 2026`). Each incident is searched once with the
 * real searches, then every policy runs the same trials (the same volunteers
 * accept, at the same moments, at the same speeds), in worker threads.
 * Prints the comparison table in Markdown, as docs/dispatch-simulation.md holds it.
 *
 * Environment: DATABASE_URL names a PostgreSQL server to use instead of the
 * embedded benchmark database (bench/database.ts).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { openBenchDatabase } from './database.ts';
import { nationalScenes } from './simulation-scenes.ts';
import { DEFAULT_SIMULATION_PARAMETERS } from '../subgraphs/incidents/simulation/parameters.ts';
import { COMPARED_PRESETS, DispatchPolicyPreset, POLICY_PRESETS } from '../subgraphs/incidents/simulation/policies.ts';
import { sceneSearchOf } from '../subgraphs/incidents/simulation/scene.ts';
import { reportOf, type SimulationReport } from '../subgraphs/incidents/simulation/simulate.ts';
import { createSimulationPool, simulateInWorkers } from '../subgraphs/incidents/simulation/simulation-workers.ts';
import { runScript } from './script.ts';

interface Settings {
  incidents: number;
  trials: number;
  seed: number;
  presets: DispatchPolicyPreset[];
}

function parseArguments(argv: readonly string[]): Settings {
  const settings: Settings = { incidents: 1000, trials: 200, seed: 2026, presets: [...COMPARED_PRESETS] };
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index]!.replace(/^--/, '');
    const value = argv[++index];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === 'policies') {
      const chosen = value.split(',').map((preset) => preset.trim().toUpperCase());
      const unknown = chosen.filter((preset) => !(preset in POLICY_PRESETS));
      if (unknown.length > 0) throw new Error(`--policies takes some of ${Object.keys(POLICY_PRESETS).join(',')}; not ${unknown.join(',')}`);
      settings.presets = chosen as DispatchPolicyPreset[];
    } else if (name === 'incidents' || name === 'trials' || name === 'seed') {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a whole number ≥ 1, got ${value}`);
      settings[name] = number;
    } else {
      throw new Error(`Unknown option --${name} (use --incidents, --trials, --seed, --policies)`);
    }
  }
  return settings;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const minutes = (seconds: number | null) => (seconds === null ? '–' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`);

/** The comparison as a Markdown table. */
function comparisonTable(reports: readonly SimulationReport[]): string {
  const header = [
    'policy',
    'CPR before ambulance',
    'CPR ≤ 4 min',
    'CPR ≤ 6 min',
    'AED ≤ 6 min and before ambulance',
    'median first CPR',
    'median first AED',
    '> 5 arrive',
    'alerts / incident',
    'alerts / volunteer / year',
  ];
  const rows = reports.map((report) => [
    report.policy,
    percent(report.cprBeforeAmbulance),
    percent(report.cprWithin4Minutes),
    percent(report.cprWithin6Minutes),
    percent(report.aedWithin6MinutesBeforeAmbulance),
    minutes(report.medianSecondsToFirstCpr),
    minutes(report.medianSecondsToFirstAed),
    percent(report.moreThanFiveArrive),
    report.alertsPerIncident.toFixed(1),
    report.alertsPerVolunteerPerYear === null ? '–' : report.alertsPerVolunteerPerYear.toFixed(2),
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const settings = parseArguments(process.argv.slice(2));
  const parameters = DEFAULT_SIMULATION_PARAMETERS;
  const policies = settings.presets.map((preset) => POLICY_PRESETS[preset]);
  const database = await openBenchDatabase();
  const pool = createSimulationPool({ lowPriority: false });
  // Workers load the sources while the incidents are searched.
  pool.warm();
  try {
    // Bars on a terminal; a log (no terminal) gets the table and timings only.
    const bars = new cliProgress.MultiBar(
      { format: '{label} [{bar}] {value}/{total} {duration_formatted}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const searching = bars.create(settings.incidents, 0, { label: 'searching incidents'.padEnd(20) });
    const { scenes, burden, searchSeconds } = await nationalScenes(database.url, sceneSearchOf(policies, parameters), parameters, settings.incidents, (done, total) => {
      searching.setTotal(total);
      searching.update(done);
    });
    const reports: SimulationReport[] = [];
    const timings: string[] = [];
    for (const policy of policies) {
      const bar = bars.create(scenes.length, 0, { label: policy.name.padEnd(20) });
      const started = performance.now();
      const tally = await simulateInWorkers(pool, scenes, policy, parameters, settings, (done) => bar.update(done));
      timings.push(`${policy.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      reports.push(reportOf(policy, tally, parameters, burden));
    }
    bars.stop();
    const urban = scenes.filter((scene) => scene.setting === 'URBAN').length;
    console.log(
      `\n${scenes.length} past incidents of the national data set (${urban} urban, ${scenes.length - urban} rural), ${settings.trials} trials each, seed ${settings.seed}; ` +
        `${burden.volunteers.toLocaleString('en')} active volunteers, ${burden.population.toLocaleString('en')} inhabitants.\n`,
    );
    console.log(comparisonTable(reports));
    console.log(
      `\nSearches ${searchSeconds.toFixed(1)} s; trials on ${pool.size} workers: ${timings.join(', ')}. Load: ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await pool.close();
    await database.stop();
  }
}

runScript(main, (error) => (error instanceof Error ? error.message : error));
