/**
 * Messages between the subscription benchmark and its child processes (the
 * gateway under measurement, and the clients holding connections to it), so
 * that neither side's memory pollutes the other's figures.
 */
import type { BearerOptions } from '../../common/auth.ts';
import type { MemorySnapshot } from '../memory.ts';

/** To the gateway process. */
export type GatewayCommand = { type: 'start'; subgraphUrls: Record<string, string>; gatewaySecret: string; bearer: BearerOptions } | { type: 'memory' };

/** From the gateway process. */
export type GatewayReport = { type: 'started'; wsUrl: string } | ({ type: 'memory' } & MemorySnapshot);

/** To the clients process. */
export type ClientsCommand = { type: 'open'; wsUrl: string; bearer: BearerOptions; volunteerIds: string[]; concurrency: number } | { type: 'close' };

/** From the clients process. */
export type ClientsReport = { type: 'opened'; connected: number; failed: number; seconds: number; firstError?: string } | { type: 'closed' };

/** The longest a child process lives: every benchmark stops by itself, even if its parent is gone. */
export const CHILD_TIME_LIMIT_MS = 15 * 60_000;
