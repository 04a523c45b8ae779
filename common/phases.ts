/**
 * Phase marks: named instants in the life of a request or a delivery
 * ("candidates found", "committed", "feed read", "job ran"), so that a slow
 * one can be explained phase by phase rather than guessed at.
 *
 * A mark costs next to nothing when nobody looks: it becomes an event on the
 * active trace span when tracing is on (common/telemetry.ts), and a message
 * on the diagnostics channel {@link PHASE_CHANNEL} when something subscribes
 * to it ({@link onPhase}; the dispatch benchmark does, to time each round).
 * Marks never carry personal data: ids and counts only.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { trace } from '@opentelemetry/api';

/** One phase reached. */
export interface PhaseMark {
  /** The service that reached it: `incidents`, `volunteers`, `aeds`, `organization`, `gateway`. */
  service: string;
  /** What was reached, e.g. `report.committed`. */
  phase: string;
  /** When, in milliseconds since the epoch with sub-millisecond precision (comparable across threads of a process). */
  at: number;
  /** What it concerns, when there is one id to say so (an incident, a channel). */
  key?: string;
  /** Counts and durations worth keeping with it. */
  detail?: Record<string, number | string>;
}

/** The diagnostics channel on which marks are published (node:diagnostics_channel). */
export const PHASE_CHANNEL = 'heartsafe:phase';

const channel = diagnosticsChannel.channel(PHASE_CHANNEL);

/** Milliseconds since the epoch, sub-millisecond; the same clock in every thread of a process. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Whether anything listens for marks: callers that must compute a mark's key or detail check this first. */
export function phasesObserved(): boolean {
  return channel.hasSubscribers;
}

/** Records that `service` reached `phase` now. */
export function markPhase(service: string, phase: string, key?: string, detail?: Record<string, number | string>): void {
  trace.getActiveSpan()?.addEvent(phase, { ...detail, ...(key ? { key } : {}) });
  if (!channel.hasSubscribers) return;
  const mark: PhaseMark = { service, phase, at: preciseNow() };
  if (key !== undefined) mark.key = key;
  if (detail !== undefined) mark.detail = detail;
  channel.publish(mark);
}

/** Calls `listener` with every mark of this process (this thread) until the returned function is called. */
export function onPhase(listener: (mark: PhaseMark) => void): () => void {
  const handler = (message: unknown) => listener(message as PhaseMark);
  diagnosticsChannel.subscribe(PHASE_CHANNEL, handler);
  return () => {
    diagnosticsChannel.unsubscribe(PHASE_CHANNEL, handler);
  };
}
