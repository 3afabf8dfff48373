/**
 * Routes are declared, not just registered: each implements an entry of the API contract (backend/src/contract:
 * method, path, schemas) and adds its auth, docs and handler, so the same declaration validates requests, checks
 * answers in tests and produces the OpenAPI description (http/openapi.ts).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { ContractEntry } from '../contract/endpoint';
import type { ErrorCode } from '../contract/errors';
import { errors } from '../errors';
import type { AppDeps } from '../deps';
import type { Actor } from '../auth/actor';
import type { ApiTokenActor } from '../auth/apiTokenActor';
import type { ApiTokenScope } from '../contract/apiTokens';
import { noteApiTokenUse } from '../commands/apiTokens';
import { authenticate, authenticateApiTokenBearer, authenticateScim, presentsApiToken } from './authenticate';
import { findUnencodableText } from './text';

export type { HttpMethod } from '../contract/endpoint';

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

type Input<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
/** What a handler returns: the JSON answer as the response schema takes it, or nothing when the answer has no JSON body. */
export type Answer<E extends ContractEntry> = E['response']['schema'] extends z.ZodType ? z.input<E['response']['schema']> : void;

interface Description {
  summary: string;
  tag: string;
  /** Stable error codes this route can answer with, for the docs. */
  errors?: ErrorCode[];
}

export interface ScimContext<B, Q, P> extends RouteContext<B, Q, P> {
  actor: ApiTokenActor;
}

/** none: anyone; session: a signed-in person; scim: an organization API token of scope `scim` (never a session). */
type Auth = 'none' | 'session' | 'scim';
type ContextOf<E extends ContractEntry, A extends Auth> = A extends 'session'
  ? AuthedContext<Input<E['body']>, Input<E['query']>, Input<E['params']>>
  : A extends 'scim'
    ? ScimContext<Input<E['body']>, Input<E['query']>, Input<E['params']>>
    : RouteContext<Input<E['body']>, Input<E['query']>, Input<E['params']>>;

/** A session route that also takes an API token: the handler gets either standing. */
export interface SessionOrTokenContext<B, Q, P> extends RouteContext<B, Q, P> {
  actor: Actor | ApiTokenActor;
}
type ContextFor<E extends ContractEntry, A extends Auth, S> = S extends ApiTokenScope
  ? SessionOrTokenContext<Input<E['body']>, Input<E['query']>, Input<E['params']>>
  : ContextOf<E, A>;

/** What a route adds to its contract entry: who may call it (none: anyone; session: signed in), docs and handler. */
export interface Implementation<E extends ContractEntry, A extends Auth, S extends ApiTokenScope | undefined = undefined> extends Description {
  auth: A;
  /**
   * Session routes only: an organization API token carrying this scope is taken too, as a bearer token (a back-office
   * system reading what an admin could). Its use is noted like SCIM's, once the request succeeded.
   */
  apiTokenScope?: S;
  handler: (ctx: ContextFor<E, A, S>) => Promise<Answer<E>>;
}

/** A contract entry with its implementation: what mountRoutes registers and buildOpenApi describes. */
export interface AnyRoute extends ContractEntry, Description {
  auth: Auth;
  apiTokenScope?: ApiTokenScope;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (ctx: any) => Promise<unknown>;
}

const empty = z.strictObject({});

/**
 * Implements a contract entry: method, path and schemas come from the contract (backend/src/contract), the route
 * adds who may call it, how the docs describe it, and the handler, whose answer the response schema types.
 */
export function defineRoute<const E extends ContractEntry, A extends Auth, S extends ApiTokenScope | undefined = undefined>(
  entry: E,
  implementation: Implementation<NoInfer<E>, A, S>,
): AnyRoute {
  return { ...entry, ...implementation } as AnyRoute;
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
function sendJsonOnce(res: Response, status: number, result: unknown, type: string): void {
  res.status(status).type(`${type}; charset=utf-8`).end(JSON.stringify(result));
}

/** SCIM clients send and expect application/scim+json (RFC 7644 §3.1); plain JSON is taken too. */
const SCIM_TYPES = ['application/scim+json', 'application/json'];

/** Reads a JSON body only when asked, so a request that fails authentication is never read or buffered. */
function bodyReader(limitKb: number, type: string | string[] = 'application/json'): (req: Request, res: Response) => Promise<void> {
  // No client compresses what it sends us; inflating would only add a decompression path for hostile bodies (415).
  const json: RequestHandler = express.json({ limit: `${limitKb}kb`, strict: true, inflate: false, type });
  return (req, res) => new Promise((resolve, reject) => json(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

/**
 * On a test server (config.checkAnswers) every JSON answer is held against its contract entry, so a handler that
 * drifts from the contract fails the suites that call it: a 500 with code response_contract, and the mismatch in
 * the log only, as it may quote the answer's values.
 */
function checkAnswer(route: AnyRoute, result: unknown, deps: AppDeps): void {
  const checked = route.response.schema!.safeParse(result);
  if (checked.success) return;
  const issues = checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
  const name = `${route.method.toUpperCase()} ${route.path}`;
  deps.logger.error({ route: name, issues }, 'answer does not match its contract entry');
  throw errors.responseContract(name);
}

/**
 * Registers each route: authenticate first (an anonymous caller learns nothing about the input it would take),
 * then read and validate the input, then run the handler and send its JSON answer. Raw-body routes are never read.
 */
export function mountRoutes(router: Router, routes: AnyRoute[], deps: AppDeps): void {
  const readJson = bodyReader(deps.config.jsonBodyLimit);
  const readScim = bodyReader(deps.config.jsonBodyLimit, SCIM_TYPES);
  const checkAnswers = deps.config.checkAnswers === true;
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const scim = route.auth === 'scim';
        const byToken = scim || (route.auth === 'session' && route.apiTokenScope !== undefined && presentsApiToken(req));
        const actor = scim
          ? await authenticateScim(req, deps)
          : byToken
            ? await authenticateApiTokenBearer(req, deps, route.apiTokenScope!)
            : route.auth === 'session' ? await authenticate(req, deps) : undefined;
        if (route.body && req.headers['content-type'] && !req.is(scim ? SCIM_TYPES : 'application/json')) throw errors.unsupportedMediaType();
        if (route.body && !route.rawBody) await (scim ? readScim : readJson)(req, res);
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
        const result = actor ? await route.handler(Object.assign(ctx, { actor })) : await route.handler(ctx);
        if (byToken) await noteApiTokenUse(deps, actor as ApiTokenActor, `${route.method.toUpperCase()} ${route.path}`);
        // a streaming handler answers itself, or destroys the response when it must not end normally
        if (res.headersSent || res.destroyed) return;
        if (checkAnswers && route.response.schema) checkAnswer(route, result, deps);
        // A handler may answer with another documented success status (e.g. 200 for a replayed create).
        const status = (res.locals.status as number | undefined) ?? route.response.status;
        const type = scim ? SCIM_TYPES[0]! : 'application/json';
        if (route.response.schema === undefined) res.status(status).end();
        else if (req.method === 'GET' || req.method === 'HEAD') res.status(status).type(`${type}; charset=utf-8`).json(result);
        else sendJsonOnce(res, status, result, type);
      } catch (err) {
        next(err);
      }
    });
  }
}
