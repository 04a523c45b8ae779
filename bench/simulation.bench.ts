/**
 * The simulator's speed (issue 21: 1,000 incidents × 200 trials for one
 * policy within 10 s): the national data set's past incidents searched once
 * each with the real searches (timed apart), then one policy's trials on
 * the worker pool, a few rounds, with the machine's load beside the figures.
 *
 *   node --import ./scripts/register.js bench/simulation.bench.ts [--incidents 1000 --trials 200 --policy PREVIOUS_DEFAULT --rounds 3]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openBenchDatabase } from './database.ts';
import { nationalScenes } from './simulation-scenes.ts';
import { DEFAULT_SIMULATION_PARAMETERS } from '../subgraphs/incidents/simulation/parameters.ts';
import { DispatchPolicyPreset, POLICY_PRESETS } from '../subgraphs/incidents/simulation/policies.ts';
import { sceneSearchOf } from '../subgraphs/incidents/simulation/scene.ts';
import { createSimulationPool, simulateInWorkers } from '../subgraphs/incidents/simulation/simulation-workers.ts';
import { runScript } from './script.ts';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const incidents = Number(option('incidents', '1000'));
  const trials = Number(option('trials', '200'));
  const rounds = Number(option('rounds', '3'));
  const preset = option('policy', DispatchPolicyPreset.PREVIOUS_DEFAULT).toUpperCase() as DispatchPolicyPreset;
  const policy = POLICY_PRESETS[preset];
  if (!policy) throw new Error(`--policy takes one of ${Object.keys(POLICY_PRESETS).join(', ')}`);
  const parameters = DEFAULT_SIMULATION_PARAMETERS;
  const database = await openBenchDatabase();
  const pool = createSimulationPool({ lowPriority: false });
  pool.warm();
  try {
    console.log(`Load before: ${load()} (${os.availableParallelism()} cores)`);
    const { scenes, searchSeconds } = await nationalScenes(database.url, sceneSearchOf([policy], parameters), parameters, incidents);
    console.log(
      `Searched ${scenes.length} incidents once each in ${searchSeconds.toFixed(1)} s (${((searchSeconds * 1000) / scenes.length).toFixed(1)} ms each, 4 at a time); load ${load()}`,
    );
    for (let round = 1; round <= rounds; round++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const tally = await simulateInWorkers(pool, scenes, policy, parameters, { trials, seed: 2026 });
      const seconds = (performance.now() - started) / 1000;
      // CPU time of every thread of the process: what the trials cost whatever else the machine runs.
      const { user, system } = process.cpuUsage(cpu);
      console.log(
        `Round ${round}: ${policy.name}, ${scenes.length} incidents × ${trials} trials = ${tally.trials.toLocaleString('en')} trials on ${pool.size} workers ` +
          `in ${seconds.toFixed(2)} s wall, ${((user + system) / 1e6).toFixed(2)} s CPU; load ${load()}`,
      );
    }
  } finally {
    await pool.close();
    await database.stop();
  }
}

runScript(main);
