// Runs TypeScript sources directly on Node with SWC, which (unlike Node's own
// type stripping or esbuild) emits the decorator metadata type-graphql needs.
import { register } from 'node:module';
import 'reflect-metadata';

register('@swc-node/register/esm', import.meta.url);
