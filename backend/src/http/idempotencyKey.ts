/** The Idempotency-Key request header, checked against the contract's format: optional for sends, required for purchases. */
import type { Request } from 'express';
import { idempotencyKey } from '../contract/messages';
import { errors } from '../errors';

export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  const key = header === undefined ? undefined : idempotencyKey.safeParse(header);
  if (key && !key.success) throw errors.validation('The Idempotency-Key header must be 8–200 letters, digits or . _ : -.', [{ path: 'Idempotency-Key' }]);
  return key?.data;
}

/** The key of a request that must not be done twice (`what` names it in the refusal, e.g. "Buying seats"). */
export function requiredIdempotencyKey(req: Request, what: string): string {
  const key = idempotencyKeyOf(req);
  if (key === undefined) throw errors.idempotencyKeyRequired(what);
  return key;
}
