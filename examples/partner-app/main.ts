/**
 * The example partner app: relays its members' alerts (relay.ts) and keeps
 * the cursor of the last one it forwarded in a file, so that a restart, like
 * a dropped connection, resumes where it left off.
 *
 *   HEARTSAFE_URL=wss://api.example.nl/graphql \
 *   HEARTSAFE_CREDENTIAL=<clientId>.<secret> \
 *   HEARTSAFE_ASSOCIATION_ID=<partner association id> \
 *   npm run partner-app
 *
 * Forwarding here prints one JSON line per update; a real app sends a push
 * notification to the volunteer's phone instead.
 */
import fs from 'node:fs/promises';
import { relayMemberAlerts, type MemberAlertUpdate } from './relay.ts';

export interface PartnerAppConfig {
  url: string;
  credential: string;
  associationId: string;
  /** Where the last forwarded cursor is kept. */
  cursorFile: string;
  /** Where a fresh app (no cursor file yet) starts: `"0"` for the association's whole history, none for from now on. */
  from?: string;
  /** How an update reaches the member; default: print it. */
  forward?(update: MemberAlertUpdate): Promise<void> | void;
  log?(line: string): void;
  retryDelayMs?: { first?: number; longest?: number };
  signal?: AbortSignal;
}

/** Runs the app until `config.signal` aborts. */
export async function main(config: PartnerAppConfig): Promise<void> {
  const log = config.log ?? ((line: string) => console.error(line));
  const stored = await fs.readFile(config.cursorFile, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  await relayMemberAlerts({
    url: config.url,
    credential: config.credential,
    associationId: config.associationId,
    after: stored || config.from,
    forward: config.forward ?? ((update) => console.log(JSON.stringify(update))),
    // Written after the push went out: a crash in between sends that one update again rather than never.
    handled: (cursor) => fs.writeFile(config.cursorFile, cursor),
    connected: () => log(`connected to ${config.url}`),
    disconnected: (reason) => log(`connection lost (${describe(reason)}); resuming after the last forwarded alert`),
    retryDelayMs: config.retryDelayMs,
    signal: config.signal,
  });
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  const close = reason as { code?: number; reason?: string; type?: string } | null;
  if (close?.code !== undefined) return `closed ${close.code}${close.reason ? `: ${close.reason}` : ''}`;
  // A WebSocket that could not connect reports a bare `error` event.
  if (close?.type === 'error') return 'could not connect';
  return close?.type ?? JSON.stringify(reason);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see examples/partner-app/README.md).`);
  return value;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  Promise.resolve()
    .then(() =>
      main({
        url: required('HEARTSAFE_URL'),
        credential: required('HEARTSAFE_CREDENTIAL'),
        associationId: required('HEARTSAFE_ASSOCIATION_ID'),
        cursorFile: process.env.HEARTSAFE_CURSOR_FILE ?? 'member-alerts.cursor',
        signal: controller.signal,
      }),
    )
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
