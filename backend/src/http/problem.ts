/**
 * The one error handler: AppErrors become application/problem+json with their code and sentence; body-parser
 * failures get their own codes; anything else is a 500 that shows only the request id and is logged.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, errors } from '../errors';
import type { Logger } from '../logger';

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

/** Maps errors thrown by express.json() to our codes. */
function fromBodyParser(err: unknown, limitKb: number): AppError | null {
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') return errors.malformedJson();
  if (type === 'entity.too.large') return errors.bodyTooLarge(limitKb);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return errors.unsupportedMediaType();
  return null;
}

export function problemHandler(logger: Logger, limitKb: number): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError ? err : fromBodyParser(err, limitKb);
    if (known) {
      sendProblem(res, known);
      return;
    }
    logger.error({ err, requestId: res.locals.requestId, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(
      res,
      new AppError(500, 'internal_error', `Something went wrong on our side. If it keeps happening, tell support the request id ${String(res.locals.requestId)}.`),
    );
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(errors.notFound());
