/** The OpenAPI 3.1 description, built from the same route declarations that validate requests. */
import { z } from 'zod';
import type { AnyRoute } from './route';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. invalid_credentials.' },
    detail: { type: 'string', description: 'A sentence a person can act on.' },
    requestId: { type: 'string' },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

export function buildOpenApi(routes: AnyRoute[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { response } = route;
    const success: Record<string, unknown> = { description: response.description };
    if (response.schema) success.content = { 'application/json': { schema: jsonSchema(response.schema, 'output') } };
    else if (response.contentType) success.content = { [response.contentType]: { schema: { type: 'string', format: 'binary' } } };
    if (response.headers) {
      success.headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
      );
    }
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      responses: {
        [response.status]: success,
        default: {
          description: `An error. Codes: ${(route.errors ?? ['invalid_request']).join(', ')}.`,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    };
    if (route.auth === 'session') operation.security = [{ bearer: [] }, { cookie: [] }, ...(route.apiTokenScope ? [{ apiToken: [] }] : [])];
    if (route.auth === 'scim') operation.security = [{ apiToken: [] }];
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
    }
    if (route.rawBody) {
      operation.requestBody = {
        required: true,
        description: route.rawBody.description,
        content: { [route.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } },
      };
    }
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
      if (!schema) continue;
      const described = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(described.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (described.required ?? []).includes(name), schema: property });
      }
    }
    if (parameters.length) operation.parameters = parameters;
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sealpost API', version: '1', description: 'Secure messaging portal and Outlook add-in backend.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sp_access', description: 'Web pages; changes also need X-CSRF-Token.' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'An organization API token (sp_…) with the scope the route needs: /scim/v2 needs `scim`.' },
      },
    },
  };
}
