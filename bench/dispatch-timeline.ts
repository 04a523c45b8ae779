/**
 * Per-round timings of the dispatch benchmark: what happened, and when, in
 * each round between the report leaving the dispatcher and the last alert
 * frame reaching a volunteer's app, so that a slow round can be explained.
 *
 * Three sources, all on one clock (milliseconds since the epoch, sub-ms;
 * common/phases.ts `preciseNow`, the same in every thread of the process):
 * - the clients' thread (bench/processes/dispatch-clients.ts): when each
 *   report was sent and answered, and each ALERTED frame received, with its
 *   feed cursor;
 * - the product's phase marks (common/phases.ts), published on a diagnostics
 *   channel only while this benchmark listens: report received, located,
 *   candidates and AEDs found, planned, transaction begun, committed, NOTIFY
 *   received, feeds read, jobs run;
 * - what only the benchmark looks at, in the product's thread: each frame
 *   written by the incidents subgraph and by the gateway (`ws`'s `send`,
 *   wrapped here and only here, matched to the client's frame by its
 *   cursor), garbage collections (PerformanceObserver) and the event loop's
 *   delay per round.
 */
import pg from 'pg';
import { monitorEventLoopDelay, PerformanceObserver, performance, type IntervalHistogram } from 'node:perf_hooks';
import WebSocket from 'ws';
import { onPhase, preciseNow, type PhaseMark } from '../common/phases.ts';

/** One round as the clients saw it. */
export interface ClientRound {
  round: number;
  warmup: boolean;
  incidentId?: string;
  /** When `reportIncident` was sent, and answered (epoch ms). */
  sentAt: number;
  answeredAt?: number;
  alerted: number;
  missing: number;
  /** Each ALERTED frame received: its alert, feed cursor and arrival (epoch ms). */
  frames: { alertId: string; cursor: string; receivedAt: number }[];
}

/** What happened in the product's thread while the benchmark listened. */
interface Observed {
  marks: PhaseMark[];
  /** Frames written to a WebSocket by a server of the stack, by the cursor they carry. */
  writes: { by: string; cursor: string; at: number }[];
  gc: { at: number; ms: number; kind: string }[];
  /** Event-loop delay of the product's thread per round (as the clients announced rounds). */
  loop: Map<number, { maxMs: number; meanMs: number }>;
}

/** A round explained: every time in milliseconds after the report was sent. */
export interface RoundTimings {
  round: number;
  warmup: boolean;
  incidentId?: string;
  alerted: number;
  missing: number;
  answeredMs?: number;
  firstFrameMs?: number;
  lastFrameMs?: number;
  /** The report's path, each phase when first reached (see common/phases.ts for their names). */
  phases: Record<string, number>;
  /** Consecutive stretches of the critical path to the last frame, longest first names the cause. */
  segments: Record<string, number>;
  notifications: { ms: number; channel: string; woken: number }[];
  feedReads: { askedMs: number; readMs?: number; reads: number }[];
  /** Per frame, in order of arrival: written by the incidents subgraph, by the gateway, received by the app. */
  frames: { subgraph?: number; gateway?: number; received: number }[];
  gc: { ms: number; durationMs: number; kind: string }[];
  jobs: { ms: number; phase: string; task: string }[];
  eventLoopDelay?: { maxMs: number; meanMs: number };
  /**
   * PostgreSQL checkpoints that ended since the previous round ended (the pause between rounds
   * and this round): their end flushes every file they wrote, which a commit may wait behind.
   */
  checkpoints?: Checkpoints;
}

const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb', 16: 'minor-ms' };

/**
 * Starts listening in the product's thread. `servers` maps a server's port
 * to its name (`gateway`, `incidents`) so that frames written by each are
 * told apart. Returns the round announcer for the clients' messages and the
 * stop function, which gives back everything observed.
 */
export function observeDispatch(servers: Record<number, string>): { roundStarted(round: number): void; roundEnded(round: number): void; stop(): Observed } {
  const observed: Observed = { marks: [], writes: [], gc: [], loop: new Map() };
  const stopMarks = onPhase((mark) => observed.marks.push(mark));

  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      observed.gc.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, kind: GC_KINDS[kind] ?? String(kind) });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  // The one place that sees a frame leave a server: wrapped for the benchmark only, never in the product.
  const original = WebSocket.prototype.send;
  // Which server a socket belongs to, asked once per socket: `localPort` is a system call each time.
  const serverOf = new WeakMap<WebSocket, string | undefined>();
  const serverOfSocket = (socket: WebSocket) => {
    if (!serverOf.has(socket)) {
      const port = (socket as unknown as { _socket?: { localPort?: number } })._socket?.localPort;
      serverOf.set(socket, port === undefined ? undefined : servers[port]);
    }
    return serverOf.get(socket);
  };
  WebSocket.prototype.send = function send(this: WebSocket, data: unknown, ...rest: unknown[]) {
    if (typeof data === 'string' && data.startsWith('{"id"') && data.includes('"myAlerts"')) {
      const at = preciseNow();
      const start = data.indexOf('"cursor":"');
      const by = serverOfSocket(this);
      if (start >= 0 && by) observed.writes.push({ by, cursor: data.slice(start + 10, data.indexOf('"', start + 10)), at });
    }
    return (original as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof original;

  let histogram: IntervalHistogram | undefined;
  return {
    roundStarted() {
      histogram?.disable();
      histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
    },
    roundEnded(round) {
      if (!histogram) return;
      histogram.disable();
      observed.loop.set(round, { maxMs: histogram.max / 1e6, meanMs: histogram.mean / 1e6 });
      histogram = undefined;
    },
    stop() {
      stopMarks();
      gcObserver.disconnect();
      WebSocket.prototype.send = original;
      histogram?.disable();
      return observed;
    },
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The report's phases in the order they happen on the critical path. */
const PATH = [
  'gateway.request',
  'report.received',
  'report.located',
  'reach.candidates',
  'reach.aeds',
  'reach.busy',
  'report.planned',
  'report.transaction',
  'report.feeds-locked',
  'report.written',
  'report.committed',
] as const;

/** Joins what the clients saw with what the product's thread observed, round by round. */
export function explainRounds(rounds: readonly ClientRound[], observed: Observed): RoundTimings[] {
  const writesByCursor = new Map<string, Map<string, number>>();
  for (const write of observed.writes) {
    const byServer = writesByCursor.get(write.cursor) ?? new Map<string, number>();
    if (!byServer.has(write.by)) byServer.set(write.by, write.at);
    writesByCursor.set(write.cursor, byServer);
  }
  return rounds.map((round) => {
    const end = Math.max(round.answeredAt ?? round.sentAt, ...round.frames.map((frame) => frame.receivedAt));
    const inWindow = (at: number) => at >= round.sentAt && at <= end;
    const rel = (at: number) => round1(at - round.sentAt);
    const marks = observed.marks.filter(
      (mark) => (mark.key !== undefined && mark.key === round.incidentId) || (inWindow(mark.at) && (mark.key === undefined || !isIncidentKey(mark))),
    );
    const phases: Record<string, number> = {};
    for (const mark of marks) {
      if (mark.phase.startsWith('job.') || mark.phase.startsWith('notify.') || mark.phase.startsWith('feed.')) continue;
      phases[mark.phase] ??= rel(mark.at);
    }
    const frames = [...round.frames]
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .map((frame) => {
        const written = writesByCursor.get(frame.cursor);
        return {
          ...(written?.has('incidents') ? { subgraph: rel(written.get('incidents')!) } : {}),
          ...(written?.has('gateway') ? { gateway: rel(written.get('gateway')!) } : {}),
          received: rel(frame.receivedAt),
        };
      });
    const notifications = marks
      .filter((mark) => mark.phase === 'notify.received')
      .map((mark) => ({ ms: rel(mark.at), channel: mark.key ?? '', woken: Number(mark.detail?.woken ?? 0) }));
    const feedReads: RoundTimings['feedReads'] = [];
    for (const mark of marks) {
      if (mark.phase === 'feed.read-asked') feedReads.push({ askedMs: rel(mark.at), reads: Number(mark.detail?.reads ?? 0) });
      else if (mark.phase === 'feed.read') {
        const open = feedReads.find((read) => read.readMs === undefined && read.reads === Number(mark.detail?.reads ?? 0));
        if (open) open.readMs = rel(mark.at);
      }
    }
    const last = frames.at(-1);
    const segments = criticalPath(phases, notifications, feedReads, last, round.answeredAt === undefined ? undefined : rel(round.answeredAt));
    return {
      round: round.round,
      warmup: round.warmup,
      ...(round.incidentId ? { incidentId: round.incidentId } : {}),
      alerted: round.alerted,
      missing: round.missing,
      ...(round.answeredAt !== undefined ? { answeredMs: rel(round.answeredAt) } : {}),
      ...(frames.length > 0 ? { firstFrameMs: frames[0]!.received, lastFrameMs: last!.received } : {}),
      phases,
      segments,
      notifications,
      feedReads,
      frames,
      gc: observed.gc.filter((gc) => inWindow(gc.at) || inWindow(gc.at + gc.ms)).map((gc) => ({ ms: rel(gc.at), durationMs: round1(gc.ms), kind: gc.kind })),
      jobs: marks.filter((mark) => mark.phase.startsWith('job.')).map((mark) => ({ ms: rel(mark.at), phase: mark.phase, task: mark.key ?? '' })),
      ...(observed.loop.has(round.round) ? { eventLoopDelay: mapValues(observed.loop.get(round.round)!, round1) } : {}),
    };
  });
}

/** Marks keyed by an Incident belong to that Incident's round only. */
function isIncidentKey(mark: PhaseMark): boolean {
  return mark.phase.startsWith('report.') || mark.phase.startsWith('reach.');
}

function mapValues<T extends Record<string, number>>(values: T, map: (value: number) => number): T {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, map(value)])) as T;
}

/**
 * The stretches between consecutive milestones on the way to the last
 * frame: in (gateway → incidents), each phase of the report, commit → NOTIFY
 * heard, → feeds read, → first frame written by the subgraph, subgraph →
 * gateway for the last frame, gateway → app for the last frame.
 */
function criticalPath(
  phases: Record<string, number>,
  notifications: RoundTimings['notifications'],
  feedReads: RoundTimings['feedReads'],
  last: RoundTimings['frames'][number] | undefined,
  answeredMs: number | undefined,
): Record<string, number> {
  const milestones: [string, number | undefined][] = [['sent', 0]];
  for (const phase of PATH) milestones.push([phase, phases[phase]]);
  const committed = phases['report.committed'];
  const heard = notifications.find((notification) => committed !== undefined && notification.ms >= committed && notification.channel === 'incidents_alerts');
  milestones.push(['notify.received', heard?.ms]);
  const read = feedReads.find((feed) => heard !== undefined && feed.askedMs >= heard.ms);
  milestones.push(['feed.read-asked', read?.askedMs], ['feed.read', read?.readMs]);
  milestones.push(['last frame written by incidents', last?.subgraph], ['last frame written by the gateway', last?.gateway], ['last frame received', last?.received]);
  // In the order they happened: the searches run while the report is located, so the last of them to end is the one waited for.
  const reached = milestones.filter((milestone): milestone is [string, number] => milestone[1] !== undefined).sort((a, b) => a[1] - b[1]);
  const segments: Record<string, number> = {};
  let previous: [string, number] | undefined;
  for (const [name, at] of reached) {
    if (previous) segments[`${previous[0]} → ${name}`] = round1(at - previous[1]);
    previous = [name, at];
  }
  if (answeredMs !== undefined && committed !== undefined) segments['report.committed → answered at the dispatcher'] = round1(answeredMs - committed);
  return segments;
}

/** A line or two per round for the log: the round's total and its three longest stretches, and any collection within it. */
export function describeRound(timings: RoundTimings): string {
  const longest = Object.entries(timings.segments)
    .filter(([name]) => !name.includes('answered'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join('; ');
  const gc = timings.gc.length > 0 ? `; GC ${timings.gc.map((gc) => `${gc.kind} ${gc.durationMs} ms at ${gc.ms}`).join(', ')}` : '';
  const jobs =
    timings.jobs.length > 0
      ? `; jobs ${timings.jobs
          .filter((job) => job.phase === 'job.started')
          .map((job) => `${job.task}@${job.ms}`)
          .join(', ')}`
      : '';
  const loop = timings.eventLoopDelay ? `; loop delay max ${timings.eventLoopDelay.maxMs} ms` : '';
  const checkpoints = timings.checkpoints
    ? `; ${timings.checkpoints.ended} checkpoint(s) ended (writing ${timings.checkpoints.writeMs} ms, syncing ${timings.checkpoints.syncMs} ms)`
    : '';
  return `round ${timings.round}: last frame ${timings.lastFrameMs} ms — ${longest}${gc}${jobs}${loop}${checkpoints}`;
}

/** Checkpoints PostgreSQL ended, and the time they spent writing and syncing files, as its statistics count them. */
export interface Checkpoints {
  ended: number;
  writeMs: number;
  syncMs: number;
}

/**
 * Reads PostgreSQL's checkpoint statistics after each round, to tell which rounds a checkpoint
 * ended in: pg_stat_checkpointer (PostgreSQL 17 on), else pg_stat_bgwriter.
 */
export async function checkpointWatch(databaseUrl: string): Promise<{ roundEnded(round: number): void; stop(): Promise<Map<number, Checkpoints>> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ exists: boolean }>("select to_regclass('pg_catalog.pg_stat_checkpointer') is not null as exists");
  const query = rows[0]!.exists
    ? 'select num_done::float8 as ended, write_time as write_ms, sync_time as sync_ms from pg_stat_checkpointer'
    : 'select (checkpoints_timed + checkpoints_req)::float8 as ended, checkpoint_write_time as write_ms, checkpoint_sync_time as sync_ms from pg_stat_bgwriter';
  const read = async () => {
    const [row] = (await client.query<{ ended: number; write_ms: number; sync_ms: number }>(query)).rows;
    return { ended: row!.ended, writeMs: row!.write_ms, syncMs: row!.sync_ms };
  };
  let last = await read();
  const byRound = new Map<number, Checkpoints>();
  let reading: Promise<void> = Promise.resolve();
  return {
    roundEnded(round) {
      reading = reading.then(async () => {
        const now = await read();
        if (now.ended > last.ended) {
          byRound.set(round, { ended: now.ended - last.ended, writeMs: round1(now.writeMs - last.writeMs), syncMs: round1(now.syncMs - last.syncMs) });
        }
        last = now;
      });
    },
    async stop() {
      await reading.catch(() => undefined);
      await client.end();
      return byRound;
    },
  };
}
