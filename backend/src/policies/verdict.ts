/**
 * What every rule answers: allowed, or refused with a stable code and the sentence to show the person. Rules only
 * judge what they are given (they never load anything), so the same rule decides a request on the server and the
 * abilities a page shows. A refusal becomes an error only in `authorize` (policies/authorize.ts).
 */
import { errors, type AppError } from '../errors';
import type { Membership } from '../store';

/** Who asks: the signed-in person and their membership of the organization the request is about. */
export interface PolicyActor {
  account: { id: string };
  membership: Pick<Membership, 'type' | 'status' | 'isAdmin' | 'isUserManager'>;
}

/** The HTTP status each refusal code has always had; a code never changes its status. */
const REFUSAL_STATUS = {
  forbidden: 403,
  guest_cannot_invite: 403,
  guest_cannot_forward: 403,
  forwarding_disabled: 403,
  guest_compose_limit: 403,
  guest_cannot_request_signature: 403,
  not_a_signer: 403,
  not_found: 404,
  invalid_hand_over: 409,
  message_recalled: 410,
  message_expired: 410,
} as const;

export type RefusalCode = keyof typeof REFUSAL_STATUS;

export interface Refusal {
  allowed: false;
  code: RefusalCode;
  sentence: string;
  /** Facts the person may know about the refusal (sent with the error), such as the addresses to remove. */
  details?: Record<string, unknown>;
}

export type Verdict = { allowed: true } | Refusal;

export const ALLOWED: Verdict = Object.freeze({ allowed: true });

export function refuse(code: RefusalCode, sentence: string, details?: Record<string, unknown>): Refusal {
  return details ? { allowed: false, code, sentence, details } : { allowed: false, code, sentence };
}

/** The error a refusal is answered with. */
export function refusalError(refusal: Refusal): AppError {
  return errors.refused(REFUSAL_STATUS[refusal.code], refusal.code, refusal.sentence, refusal.details);
}
