/** Memory of a process as the subscription benchmark compares it: after a full garbage collection. */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Resident set and V8 heap, in bytes, and CPU time used so far, in microseconds. */
export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  /** Buffers outside the V8 heap (socket buffers live here). */
  external: number;
  cpuMicros: number;
}

let gc: (() => void) | undefined;

/** Runs a full garbage collection, so that what remains is what is held. */
export function collectGarbage(): void {
  if (!gc) {
    // The same as starting Node with --expose-gc, without changing how the scripts are started.
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

/** This process's memory after a full collection, and its CPU time before it (so that asking does not look like work). */
export function memorySnapshot(): MemorySnapshot {
  const cpu = process.cpuUsage();
  collectGarbage();
  const memory = process.memoryUsage();
  return { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, cpuMicros: cpu.user + cpu.system };
}
