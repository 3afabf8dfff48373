/**
 * Routes are declared, not just registered: each names its method, path, schemas, auth and errors, so the same
 * declaration validates requests and produces the OpenAPI description (http/openapi.ts).
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { errors } from '../errors';
import type { AppDeps } from '../deps';
import { authenticate, type Actor } from './authenticate';

export type HttpMethod = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  req: Request;
  res: Response;
  deps: AppDeps;
}

export interface AuthedContext<B, Q, P> extends RouteContext<B, Q, P> {
  actor: Actor;
}

interface BaseSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  body?: B;
  /** A body that is not JSON (file chunks): described, never parsed or buffered; the handler streams it from `req`. */
  rawBody?: { contentType: string; description: string };
  query?: Q;
  params?: P;
  /**
   * Success status and schema of the JSON answer; omitted schema means no body. With `contentType` the handler
   * streams a non-JSON answer itself (downloads). `headers` names the answer's headers for the docs.
   */
  response: { status: number; schema?: z.ZodType; description: string; contentType?: string; headers?: Record<string, string> };
  /** Stable error codes this route can answer with, for the docs. */
  errors?: string[];
}

export interface PublicRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> extends BaseSpec<B, Q, P> {
  auth: 'none';
  handler: (ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>;
}

export interface SessionRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> extends BaseSpec<B, Q, P> {
  auth: 'session';
  handler: (ctx: AuthedContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = PublicRoute<any, any, any> | SessionRoute<any, any, any>;

const empty = z.strictObject({});

export function defineRoute<
  B extends z.ZodType = typeof empty,
  Q extends z.ZodType = typeof empty,
  P extends z.ZodType = typeof empty,
>(spec: PublicRoute<B, Q, P> | SessionRoute<B, Q, P>): AnyRoute {
  return spec as AnyRoute;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  const result = (schema ?? empty).safeParse(value ?? {});
  if (!result.success) {
    const first = result.error.issues[0];
    const field = first?.path.length ? first.path.join('.') : where;
    throw errors.validation(`The ${where} is not valid: ${field}: ${first?.message ?? 'invalid'}.`, result.error.issues.map((i) => ({
      path: i.path.join('.'),
      code: i.code,
      message: i.message,
    })));
  }
  return result.data as z.infer<T>;
}

/**
 * The answer to a write: serialized once and sent as is. res.json would also hash it into an ETag, which only
 * conditional GETs can use.
 */
function sendJsonOnce(res: Response, status: number, result: unknown): void {
  res.status(status).type('application/json; charset=utf-8').end(JSON.stringify(result));
}

/** Registers each route on the router with validation, authentication and JSON answers. */
export function mountRoutes(router: Router, routes: AnyRoute[], deps: AppDeps): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (route.body && req.headers['content-type'] && !req.is('application/json')) throw errors.unsupportedMediaType();
        const ctx = {
          body: parse(route.body, route.body ? req.body : {}, 'request body'),
          query: parse(route.query, route.query ? req.query : {}, 'query'),
          params: parse(route.params, route.params ? req.params : {}, 'path'),
          req,
          res,
          deps,
        };
        const result =
          route.auth === 'session'
            ? await route.handler(Object.assign(ctx, { actor: await authenticate(req, deps) }))
            : await route.handler(ctx);
        // a streaming handler answers itself, or destroys the response when it must not end normally
        if (res.headersSent || res.destroyed) return;
        // A handler may answer with another documented success status (e.g. 200 for a replayed create).
        const status = (res.locals.status as number | undefined) ?? route.response.status;
        if (route.response.schema === undefined) res.status(status).end();
        else if (req.method === 'GET' || req.method === 'HEAD') res.status(status).json(result);
        else sendJsonOnce(res, status, result);
      } catch (err) {
        next(err);
      }
    });
  }
}
