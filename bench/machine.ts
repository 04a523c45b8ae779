/** What machine the figures come from, for the results file and docs/benchmarks.md. */
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  /** Load average when the benchmark started: the machine may be shared. */
  loadAverage: number[];
  date: string;
}

/** Describes this machine; `postgres` is the server's version string. */
export function machineInfo(postgres: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    date: new Date().toISOString(),
  };
}
