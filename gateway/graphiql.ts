/**
 * An offline GraphiQL: its scripts are served from node_modules, so the page
 * works on a machine with no internet (a dispatch centre's closed network).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

/** A file inside an installed package (their `exports` maps hide the UMD builds from `require.resolve`). */
const packageFile = (name: string, file: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

const ASSETS: Record<string, string> = {
  'react.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.css': packageFile('graphiql', 'graphiql.min.css'),
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>HeartsafeLiving API</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css">
  <style>body { margin: 0; height: 100vh; }</style>
</head>
<body>
  <div id="graphiql" style="height: 100vh">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultHeaders: JSON.stringify({ Authorization: 'Bearer <token from npm run token>' }, null, 2),
        shouldPersistHeaders: true,
      }),
    );
  </script>
</body>
</html>`;

/** Serves the page at `/` and `/graphiql`, and to browsers asking for `/graphql`. */
export function graphiqlRouter(): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`/graphiql/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  const page: express.RequestHandler = (_req, res) => {
    res.type('html').send(PAGE);
  };
  router.get(['/', '/graphiql'], page);
  router.get('/graphql', (req, res, next) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml && req.query.query === undefined) page(req, res, next);
    else next();
  });
  return router;
}
