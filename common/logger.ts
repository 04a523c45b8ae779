import { pino, type Logger } from 'pino';

/** One structured logger per service, named after it. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info')): Logger {
  return pino({ name, level });
}

export type { Logger };
