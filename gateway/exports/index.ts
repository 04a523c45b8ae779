/**
 * Named exports: figures of the graph as CSV for a spreadsheet, at
 * `GET /exports/<name>.csv?<variables>`, or as GeoJSON for a map where they
 * have a place (`<name>.geojson`), with the caller's own `Authorization`
 * header. Each export is a GraphQL operation run through the gateway exactly
 * as if the caller had sent it (same authentication, limits, budget and
 * access rules in the subgraphs), and a flattening of its answer to rows (or
 * features). `GET /exports` lists them.
 *
 * To add one: write `<name>.ts` beside this file exporting a
 * {@link NamedExport} (see outcomes.ts) with `table` (CSV), `featureCollection`
 * (GeoJSON) or both, and add it to {@link EXPORTS}.
 *
 * Errors keep the GraphQL shape (`{ errors: [{ message, extensions: { code } }] }`,
 * as JSON) with the HTTP status their code means; an export whose operation
 * answered with any error gives no CSV at all, so no half-table is mistaken
 * for the whole.
 */
import express, { type Request, type Router } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, unauthenticated } from '../../common/errors.ts';
import { toCsv, type Table } from './csv.ts';
import { alertBurdenExport, outcomesExport } from './outcomes.ts';
import { coverageChangeExport, readinessChangeExport, readinessHistoryExport } from './readiness.ts';

/** One export: what to ask the graph, and how its answer becomes a table. */
export interface NamedExport {
  /** One line for the list at `GET /exports`. */
  description: string;
  /** The URL parameters it takes, for the list. */
  parameters: Readonly<Record<string, string>>;
  /** The GraphQL operation. */
  query: string;
  /** Its variables from the URL's query string; throws BAD_USER_INPUT (common/errors.ts) for what is missing or malformed. */
  variables(parameters: URLSearchParams): Record<string, unknown>;
  /** The download's file name, without `.csv`. */
  fileName(variables: Record<string, unknown>): string;
  /** The operation's `data` as a table: served as `<name>.csv`. */
  table?(data: unknown, variables: Record<string, unknown>): Table;
  /** The operation's `data` as a GeoJSON FeatureCollection, for figures that have a place: served as `<name>.geojson`. */
  featureCollection?(data: unknown, variables: Record<string, unknown>): unknown;
}

/** The formats an export may be served in, by file extension. */
const FORMATS = {
  csv: {
    contentType: 'text/csv; charset=utf-8',
    render: (entry: NamedExport, data: unknown, variables: Record<string, unknown>) => entry.table && toCsv(entry.table(data, variables)),
  },
  geojson: {
    contentType: 'application/geo+json',
    render: (entry: NamedExport, data: unknown, variables: Record<string, unknown>) => entry.featureCollection && JSON.stringify(entry.featureCollection(data, variables)),
  },
} as const;

/** Every export by name (the `<name>` in `/exports/<name>.csv`). */
export const EXPORTS: Readonly<Record<string, NamedExport>> = {
  outcomes: outcomesExport,
  'alert-burden': alertBurdenExport,
  'readiness-history': readinessHistoryExport,
  'readiness-change': readinessChangeExport,
  'coverage-change': coverageChangeExport,
};

/** What running an operation through the gateway answered. */
export interface OperationResult {
  /** Set when the gateway chose a status itself (429, 503). */
  status?: number;
  headers?: Map<string, string>;
  data?: unknown;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs `query` with `variables` as the caller of `request` (their Authorization, their address). */
export type RunOperation = (request: Request, query: string, variables: Record<string, unknown>) => Promise<OperationResult>;

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

function statusOf(errors: readonly GraphQLFormattedError[]): number {
  const code = errors[0]?.extensions?.code;
  return (typeof code === 'string' && STATUS[code]) || 500;
}

function formatted(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return { message: error.message, extensions };
}

/** The `/exports` routes for `exports` (default {@link EXPORTS}), each run by `run`. */
export function exportsRouter(run: RunOperation, exports: Readonly<Record<string, NamedExport>> = EXPORTS): Router {
  const router = express.Router();

  router.get('/', (_request, response) => {
    response.json({
      exports: Object.entries(exports).map(([name, entry]) => ({
        name,
        urls: [...(entry.table ? [`/exports/${name}.csv`] : []), ...(entry.featureCollection ? [`/exports/${name}.geojson`] : [])],
        description: entry.description,
        parameters: entry.parameters,
      })),
    });
  });

  router.get('/:file', async (request, response) => {
    const fail = (status: number, errors: readonly GraphQLFormattedError[], headers?: Map<string, string>) => {
      for (const [name, value] of headers ?? []) response.setHeader(name, value);
      response.status(status).json({ errors });
    };
    const match = /^([a-z0-9-]+)\.(csv|geojson)$/.exec(request.params.file);
    const entry = match && Object.hasOwn(exports, match[1]!) ? exports[match[1]!] : undefined;
    const format = match ? FORMATS[match[2] as keyof typeof FORMATS] : undefined;
    if (!match || !entry || !format || !(match[2] === 'csv' ? entry.table : entry.featureCollection)) {
      fail(404, [{ message: `There is no export ${request.params.file}; GET /exports lists them.`, extensions: { code: ErrorCode.NOT_FOUND } }]);
      return;
    }
    // Figures are never public: without a credential nothing is run.
    if (!request.headers.authorization) {
      fail(401, [formatted(unauthenticated('Exports need your credential: send Authorization: Bearer <token>, as for /graphql.'))]);
      return;
    }
    let variables: Record<string, unknown>;
    try {
      variables = entry.variables(new URL(request.originalUrl, 'http://exports').searchParams);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      fail(400, [formatted(error)]);
      return;
    }
    let result: OperationResult;
    try {
      result = await run(request, entry.query, variables);
    } catch {
      // Never a stack trace or file path to the caller; the gateway logged what it knows.
      fail(500, [{ message: 'Something went wrong on our side. It has been logged; please try again.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }]);
      return;
    }
    if (result.errors?.length || result.data == null) {
      const errors = result.errors?.length ? result.errors : [{ message: 'The operation answered nothing.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }];
      fail(result.status && result.status >= 400 ? result.status : statusOf(errors), errors, result.headers);
      return;
    }
    const body = format.render(entry, result.data, variables)!;
    response.setHeader('content-type', format.contentType);
    response.setHeader('content-disposition', `attachment; filename="${entry.fileName(variables).replace(/[^A-Za-z0-9._-]/g, '_')}.${match[2]}"`);
    // Figures are the caller's to see; no shared cache may keep them.
    response.setHeader('cache-control', 'private, no-store');
    response.send(body);
  });

  return router;
}
