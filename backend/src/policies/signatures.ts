/**
 * Who may do what with a signature request. Pros ask the recipients of their own messages to sign; guests sign
 * when asked but never ask. Only the requester and the signers see a request (anyone else is told it does not
 * exist); only the requester voids it; only a signer views, consents, signs or declines. Whether the request is
 * still open, expired or the signer's turn is the request's state, which the commands check after these rules.
 */
import { isActivePro } from './roles';
import { ALLOWED, refuse, type PolicyActor, type Verdict } from './verdict';

/** What the rules weigh of a request: who asked, and who signs. */
export interface SignatureRequestSubject {
  requesterId: string;
  signerIds: readonly string[];
}

export const SIGNATURE_REQUEST_NOT_FOUND = 'That signature request was not found.';

const isParty = (actor: PolicyActor, request: SignatureRequestSubject) =>
  request.requesterId === actor.account.id || request.signerIds.includes(actor.account.id);

export const signatureRules = {
  request: (actor: PolicyActor): Verdict =>
    isActivePro(actor) ? ALLOWED : refuse('guest_cannot_request_signature', 'Guests can sign documents when asked, but only staff (pros) can ask for signatures.'),
  read: (actor: PolicyActor, request: SignatureRequestSubject | null): Verdict =>
    request && isParty(actor, request) ? ALLOWED : refuse('not_found', SIGNATURE_REQUEST_NOT_FOUND),
  void(actor: PolicyActor, request: SignatureRequestSubject | null): Verdict {
    if (!request || !isParty(actor, request)) return refuse('not_found', SIGNATURE_REQUEST_NOT_FOUND);
    return request.requesterId === actor.account.id ? ALLOWED : refuse('forbidden', 'Only the person who asked for these signatures can void the request.');
  },
  sign(actor: PolicyActor, request: SignatureRequestSubject | null): Verdict {
    if (!request || !isParty(actor, request)) return refuse('not_found', SIGNATURE_REQUEST_NOT_FOUND);
    return request.signerIds.includes(actor.account.id) ? ALLOWED : refuse('not_a_signer', 'You are not one of the signers of this document, so there is nothing for you to sign.');
  },
};
