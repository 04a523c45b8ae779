// Runs TypeScript sources directly on Node with SWC, which (unlike Node's own
// type stripping or esbuild) emits the decorator metadata type-graphql needs.
import { register } from 'node:module';

// Dates are stored and compared in UTC; local time is always computed in the
// zone of the place concerned (AED, municipality), never the server's.
process.env.TZ = 'UTC';
import 'reflect-metadata';

register('@swc-node/register/esm', import.meta.url);

// Tracing patches `http` and `pg` as they load, so it starts before anything else; it is
// off (nothing loaded) unless the OTEL_* variables ask for it (see docs/operations.md).
const telemetry = await import('../common/telemetry.ts');
if (telemetry.telemetryRequested()) await telemetry.startTelemetry();
