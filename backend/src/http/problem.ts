/**
 * The one error handler: AppErrors become application/problem+json with their code and sentence; body-parser
 * failures get their own codes; anything else is a 500 that shows only the request id and is logged.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, errors } from '../errors';
import type { Logger } from '../logger';
import { isScimPath, sendScimProblem } from './scimProblem';

export function sendProblem(res: Response, err: AppError): void {
  if (err.headers) res.set(err.headers);
  res
    .status(err.status)
    .type('application/problem+json')
    .json({
      type: `https://sealpost.dev/problems/${err.code}`,
      title: err.code.replace(/_/g, ' '),
      status: err.status,
      code: err.code,
      detail: err.message,
      requestId: res.locals.requestId as string | undefined,
      ...err.details,
    });
}

/** Maps errors of express.json() and of the router (a path parameter that is not valid %-encoding) to our codes. */
function fromExpress(err: unknown, limitKb: number): AppError | null {
  if (err instanceof URIError) return errors.malformedPath();
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') return errors.malformedJson();
  if (type === 'entity.too.large') return errors.bodyTooLarge(limitKb);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return errors.unsupportedMediaType();
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set') {
    return errors.badRequest('The request body ended before its declared length. Send it again.');
  }
  if (type === 'parameters.too.many' || type === 'parameters.too.large') return errors.bodyTooLarge(16);
  return fromClientStatus(err, limitKb);
}

/**
 * Any other error that its library marks as the client's (a 4xx `status`, as http-errors sets it: a stream or zlib
 * failure inside the body parser, a type added by a new version) is the client's: a 4xx with our code, never a 500.
 */
function fromClientStatus(err: unknown, limitKb: number): AppError | null {
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  if (status === 404) return errors.notFound();
  if (status === 413) return errors.bodyTooLarge(limitKb);
  if (status === 415) return errors.unsupportedMediaType();
  return errors.unreadableBody();
}

export function problemHandler(logger: Logger, limitKb: number): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError ? err : fromExpress(err, limitKb);
    // a directory reads SCIM's error shape, everyone else problem+json
    const send = isScimPath(req.path) ? sendScimProblem : sendProblem;
    if (known) {
      send(res, known);
      return;
    }
    logger.error({ err, requestId: res.locals.requestId, method: req.method, path: req.path }, 'unhandled error');
    send(res, errors.internal(String(res.locals.requestId)));
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(errors.notFound());
