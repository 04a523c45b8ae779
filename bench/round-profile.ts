/**
 * A CPU profile of the product's thread during the dispatch rounds only
 * (`DISPATCH_PROFILE=<file>.cpuprofile npm run bench -- --only dispatch`):
 * the per-round timings say which stretch a round waited in; this says what
 * the thread was doing meanwhile. The time between rounds (connecting the
 * next site's apps, cancelling, pausing) is left out, so the profile adds up
 * to the rounds' own work. Open the file in Chrome DevTools or read it with
 * any .cpuprofile tool.
 *
 * With `DISPATCH_ALLOCATIONS=<file>.heapprofile` as well, V8's sampling heap
 * profiler records what the thread allocated from the first round (warm-up
 * included) to the last, between rounds too (apps connecting for the next
 * site): the garbage a round's collections clear up was often made before it.
 */
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The profile's clock: V8 samples on the monotonic clock that `process.hrtime` reads, in microseconds. */
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

export interface RoundProfiler {
  roundStarted(): void;
  roundEnded(): void;
  /** Stops profiling and writes the rounds' samples to `file`; returns how many milliseconds they cover. */
  stop(file: string): Promise<number>;
}

export async function startRoundProfile(samplingMicros = 200): Promise<RoundProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingMicros });
  await session.post('Profiler.start');
  const allocationsFile = process.env.DISPATCH_ALLOCATIONS;
  if (allocationsFile) {
    await session.post('HeapProfiler.enable');
    // Every allocation sampled, the collected ones too: what the collector had to clear up.
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  const windows: [number, number][] = [];
  let open: number | undefined;
  return {
    roundStarted() {
      open = nowMicros();
    },
    roundEnded() {
      if (open !== undefined) windows.push([open, nowMicros()]);
      open = undefined;
    },
    async stop(file) {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
      if (allocationsFile) await fs.writeFile(allocationsFile, JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
      session.disconnect();
      const samples: number[] = [];
      const timeDeltas: number[] = [];
      let at = profile.startTime;
      let window = 0;
      let kept = 0;
      for (let index = 0; index < profile.samples.length; index++) {
        at += profile.timeDeltas[index]!;
        while (window < windows.length && windows[window]![1] < at) window++;
        if (window < windows.length && windows[window]![0] <= at) {
          samples.push(profile.samples[index]!);
          timeDeltas.push(profile.timeDeltas[index]!);
          kept += profile.timeDeltas[index]!;
        }
      }
      const filtered: CpuProfile = { ...profile, samples, timeDeltas, endTime: profile.startTime + kept };
      await fs.writeFile(file, JSON.stringify(filtered));
      return kept / 1000;
    },
  };
}
