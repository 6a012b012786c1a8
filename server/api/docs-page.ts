import { createRequire } from 'node:module';
import path from 'node:path';

import express from 'express';

/** Swagger UI's files, served from our own origin (the page's CSP allows no other). */
const SWAGGER_UI_DIR = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);

/** Starts Swagger UI on the document; a file of its own, as the CSP allows no inline script. */
const START_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
`;

function page(nonce: string) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Expert Booking API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script nonce="${nonce}" src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script nonce="${nonce}" src="/api/docs/start.js"></script>
</body>
</html>
`;
}

/**
 * `/api/docs`: the OpenAPI document for people, rendered by Swagger UI. Its scripts carry the
 * request's CSP nonce like the app's pages do; its styles come from our origin.
 */
export function docsPage() {
  const router = express.Router();
  router.get('/docs', (_req, res) => {
    res.type('html').send(page(String(res.locals.cspNonce)));
  });
  router.get('/docs/start.js', (_req, res) => {
    res.type('js').set('Cache-Control', 'public, max-age=3600').send(START_SCRIPT);
  });
  router.get('/docs/assets/:file', (req, res, next) => {
    if (!ASSETS.has(req.params.file ?? '')) return next();
    res.sendFile(req.params.file!, { root: SWAGGER_UI_DIR, maxAge: '1d' });
  });
  return router;
}
