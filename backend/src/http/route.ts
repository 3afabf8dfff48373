/**
 * Routes are declared, not just registered: each names its method, path, schemas, auth and errors, so the same
 * declaration validates requests and produces the OpenAPI description (http/openapi.ts).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { errors } from '../errors';
import type { AppDeps } from '../deps';
import type { Actor } from '../auth/actor';
import { authenticate } from './authenticate';
import { findUnencodableText } from './text';

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

/** Every string of every input, before any schema: text that cannot be stored is refused here, once for all routes. */
function refuseUnencodableText(inputs: [where: string, value: unknown][]): void {
  for (const [where, value] of inputs) {
    const broken = findUnencodableText(value);
    if (broken !== null) throw errors.unencodableText(where, broken.length > 100 ? `${broken.slice(0, 100)}…` : broken);
  }
}

/** The same check for the pages' forms and queries, which the body parsers in app.ts read. */
export const refuseUnencodableInput: RequestHandler = (req, _res, next) => {
  try {
    refuseUnencodableText([['query', req.query], ['form', req.body]]);
    next();
  } catch (err) {
    next(err);
  }
};

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

/** Reads a JSON body only when asked, so a request that fails authentication is never read or buffered. */
function bodyReader(limitKb: number): (req: Request, res: Response) => Promise<void> {
  // No client compresses what it sends us; inflating would only add a decompression path for hostile bodies (415).
  const json: RequestHandler = express.json({ limit: `${limitKb}kb`, strict: true, inflate: false });
  return (req, res) => new Promise((resolve, reject) => json(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

/**
 * Registers each route: authenticate first (an anonymous caller learns nothing about the input it would take),
 * then read and validate the input, then run the handler and send its JSON answer. Raw-body routes are never read.
 */
export function mountRoutes(router: Router, routes: AnyRoute[], deps: AppDeps): void {
  const readJson = bodyReader(deps.config.jsonBodyLimit);
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const actor = route.auth === 'session' ? await authenticate(req, deps) : undefined;
        if (route.body && req.headers['content-type'] && !req.is('application/json')) throw errors.unsupportedMediaType();
        if (route.body && !route.rawBody) await readJson(req, res);
        const [body, query, params] = [route.body ? req.body : {}, route.query ? req.query : {}, route.params ? req.params : {}];
        refuseUnencodableText([['path', params], ['query', query], ['request body', body]]);
        const ctx = {
          body: parse(route.body, body, 'request body'),
          query: parse(route.query, query, 'query'),
          params: parse(route.params, params, 'path'),
          req,
          res,
          deps,
        };
        const result = route.auth === 'session' ? await route.handler(Object.assign(ctx, { actor: actor! })) : await route.handler(ctx);
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
