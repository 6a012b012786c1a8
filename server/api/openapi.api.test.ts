import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import {
  errorCodesWithStatus,
  ERROR_STATUS,
  HTTP_ERROR_STATUS,
} from '../../shared/schemas/error-codes';
import { callApi, useApiServer } from '../../test/support/api-server';
import { createExpert } from '../../test/support/builders';
import { createApiRouter } from './router';
import { createOpenApiDocument, documentedMethods } from './openapi';

const api = await useApiServer();

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties: { code: { enum: string[] } } }>;
    securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
  };
}

async function servedDocument(): Promise<Document> {
  const answer = await callApi(api.baseUrl, '/api/openapi.json');
  expect(answer.status).toBe(200);
  return answer.body as Document;
}

/** Every call the API router answers, as `METHOD /api/path/{param}`. */
function routerCalls(): string[] {
  const router = createApiRouter({
    services: api.services,
    adminToken: undefined,
    readSessionUser: () => Promise.resolve(null),
    logger: pino({ level: 'silent' }),
    openApiDocument: createOpenApiDocument(),
  });
  return router.stack.flatMap((layer) => {
    const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
    if (!route || route.path.startsWith('/docs')) return [];
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    return Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${path}`);
  });
}

describe('GET /api/openapi.json', () => {
  it('documents every call the API router answers, and no other', async () => {
    const document = await servedDocument();
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(documentedMethods(createOpenApiDocument())).flatMap(
      ([path, methods]) =>
        path.startsWith('/api/') ? methods.map((method) => `${method.toUpperCase()} ${path}`) : [],
    );
    expect(documented.sort()).toEqual(routerCalls().sort());
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
  });

  it('lists every error code under its status, in one error envelope per status', async () => {
    const { components } = await servedDocument();
    const codes = { ...ERROR_STATUS, ...HTTP_ERROR_STATUS };
    for (const status of new Set(Object.values(codes))) {
      expect(components.schemas[`Error${status}`]?.properties.code.enum).toEqual(
        errorCodesWithStatus(status),
      );
    }
    const listed = Object.keys(components.schemas)
      .filter((name) => name.startsWith('Error'))
      .flatMap((name) => components.schemas[name]!.properties.code.enum);
    expect(listed.sort()).toEqual(Object.keys(codes).sort());
  });

  it('names the admin token for admin calls and the manage token for a booking of its own', async () => {
    const { paths, components } = await servedDocument();
    expect(components.securitySchemes).toMatchObject({
      adminToken: { type: 'http', scheme: 'bearer' },
      manageToken: { type: 'http', scheme: 'bearer' },
      consoleSession: { type: 'apiKey', in: 'cookie', name: 'eb_session' },
    });
    expect(paths['/api/bookings/{id}/status']!.patch!.security).toEqual([{ adminToken: [] }]);
    expect(paths['/api/experts/{id}/availability']!.put!.security).toEqual([
      { adminToken: [] },
      { consoleSession: [] },
    ]);
    for (const path of ['/api/bookings/{id}', '/api/bookings/{id}/cancel']) {
      const operation = paths[path]!.get ?? paths[path]!.post!;
      expect(operation.security).toEqual([{ manageToken: [] }, { adminToken: [] }]);
    }
    expect(paths['/api/bookings']!.post!.security).toBeUndefined();
  });

  it('declares the Idempotency-Key header and Retry-After on 429 and 503', async () => {
    const { paths } = await servedDocument();
    const create = paths['/api/bookings']!.post!;
    expect(create.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    for (const status of ['429', '503']) {
      expect(create.responses[status]).toMatchObject({ headers: { 'Retry-After': {} } });
    }
  });
});

describe('a known path asked with a method it does not take', () => {
  it('answers 405 with Allow, not 404 (found by Schemathesis)', async () => {
    const expert = await createExpert();
    for (const [method, path, allow] of [
      ['DELETE', '/api/experts', 'GET, HEAD'],
      ['DELETE', `/api/experts/${expert.id}`, 'GET, HEAD'],
      ['POST', `/api/experts/${expert.id}/availability`, 'GET, PUT, HEAD'],
      ['PUT', '/api/bookings', 'POST, GET, HEAD'],
      ['PATCH', '/healthz', 'GET, HEAD'],
    ] as const) {
      const response = await fetch(`${api.baseUrl}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(await response.json()).toEqual({
        code: 'METHOD_NOT_ALLOWED',
        message: `This address does not take ${method}: Allow lists the methods it does.`,
      });
    }
    const unknown = await callApi(api.baseUrl, '/api/nothing-here', { method: 'DELETE' });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});

describe('GET /api/docs', () => {
  it('serves Swagger UI from our origin, its scripts carrying the CSP nonce', async () => {
    const response = await fetch(`${api.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(
      response.headers.get('content-security-policy') ?? '',
    )?.[1];
    expect(nonce).toBeTruthy();
    const scripts = [...html.matchAll(/<script nonce="([^"]+)" src="([^"]+)"/g)];
    expect(scripts.map((match) => match[2])).toEqual([
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/start.js',
    ]);
    for (const [, scriptNonce, src] of scripts) {
      expect(scriptNonce).toBe(nonce);
      expect((await fetch(`${api.baseUrl}${src}`)).status).toBe(200);
    }
    expect((await fetch(`${api.baseUrl}/api/docs/assets/index.html`)).status).toBe(404);
  });
});
