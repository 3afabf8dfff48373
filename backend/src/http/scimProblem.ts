/**
 * Errors on /scim/v2 in SCIM's own shape (RFC 7644 §3.12): the Error schema, `status` as a string, a `scimType`
 * where the RFC names one, and the sentence as `detail`; our stable `code` rides along for people reading logs.
 */
import type { Response } from 'express';
import { SCIM } from '../contract/scim';
import type { AppError } from '../errors';

/** The scimType a directory understands for our codes that have one. */
const SCIM_TYPES: Partial<Record<AppError['code'], string>> = {
  invalid_request: 'invalidValue',
  invalid_text: 'invalidValue',
  malformed_json: 'invalidSyntax',
  already_member: 'uniqueness',
  already_invited: 'uniqueness',
  member_removed: 'mutability',
  member_blocked: 'mutability',
};

export const isScimPath = (path: string) => path === '/scim/v2' || path.startsWith('/scim/v2/');

export function sendScimProblem(res: Response, err: AppError): void {
  if (err.headers) res.set(err.headers);
  const scimType = (err.details?.scimType as string | undefined) ?? SCIM_TYPES[err.code];
  res
    .status(err.status)
    .type('application/scim+json; charset=utf-8')
    .json({ schemas: [SCIM.error], status: String(err.status), ...(scimType ? { scimType } : {}), detail: err.message, code: err.code });
}
