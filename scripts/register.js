// Runs TypeScript sources directly on Node with SWC, which (unlike Node's own
// type stripping or esbuild) emits the decorator metadata type-graphql needs.
import { register } from 'node:module';

// Dates are stored and compared in UTC; local time is always computed in the
// zone of the place concerned (AED, municipality), never the server's.
process.env.TZ = 'UTC';
import 'reflect-metadata';

register('@swc-node/register/esm', import.meta.url);
