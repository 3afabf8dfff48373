/** Signature requests: asking for signatures on a message's PDF, reading and voiding a request, and the signer's steps. */
import { requestSignatures, showRequest, voidRequest } from '../../commands/signatureRequests';
import { listRequestsOfMessage } from '../../commands/signatureRequestList';
import { consentToSign, declineRequest, signRequest, viewRequest } from '../../commands/signing';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { clientInfo } from '../auth/auth.router';

const closedStates = ['signature_request_closed', 'signature_request_expired', 'message_recalled', 'message_expired'] as const;

export const signatureRoutes = [
  defineRoute(contract.signatures.create, {
    tag: 'signatures',
    summary: 'Ask recipients of your message to sign one of its PDFs: fields per signer, in order or in parallel, with an optional expiry.',
    auth: 'session',
    errors: ['not_found', 'guest_cannot_request_signature', 'message_recalled', 'message_expired', 'signature_document_invalid', 'signer_not_recipient',
      'signature_field_off_page', 'pdf_too_large', 'pdf_too_many_pages', 'pdf_unreadable', 'pdf_encrypted', 'invalid_request', 'sending_limited'],
    async handler({ actor, params, body, deps }) {
      return requestSignatures(deps, actor, params.messageId, body);
    },
  }),
  defineRoute(contract.signatures.listForMessage, {
    tag: 'signatures',
    summary: 'The signature requests on a message that are yours to see: all for its sender, your own for a signer.',
    auth: 'session',
    errors: ['not_found'],
    async handler({ actor, params, deps }) {
      return listRequestsOfMessage(deps, actor, params.messageId);
    },
  }),
  defineRoute(contract.signatures.get, {
    tag: 'signatures',
    summary: 'A signature request with each signer’s status, for its requester and signers.',
    auth: 'session',
    errors: ['not_found'],
    async handler({ actor, params, deps }) {
      return showRequest(deps, actor, params.requestId);
    },
  }),
  defineRoute(contract.signatures.void, {
    tag: 'signatures',
    summary: 'Void your open signature request, with a reason the signers see.',
    auth: 'session',
    errors: ['not_found', 'forbidden', 'signature_request_closed'],
    async handler({ actor, params, body, deps }) {
      return voidRequest(deps, actor, params.requestId, body.reason);
    },
  }),
  defineRoute(contract.signatures.view, {
    tag: 'signatures',
    summary: 'Record that you, a signer, opened the document.',
    auth: 'session',
    errors: ['not_found', 'not_a_signer', 'signer_already_decided', ...closedStates],
    async handler({ actor, params, req, deps }) {
      return viewRequest(deps, actor, params.requestId, clientInfo(req));
    },
  }),
  defineRoute(contract.signatures.consent, {
    tag: 'signatures',
    summary: 'Agree to sign electronically and confirm who you are with your password or a 2-step code.',
    auth: 'session',
    errors: ['not_found', 'not_a_signer', 'signer_already_decided', 'identity_not_confirmed', 'rate_limited', ...closedStates],
    async handler({ actor, params, body, req, deps }) {
      return consentToSign(deps, actor, params.requestId, { password: body.password, code: body.code, singleSignOn: body.singleSignOn }, clientInfo(req));
    },
  }),
  defineRoute(contract.signatures.sign, {
    tag: 'signatures',
    summary: 'Sign with your adopted signature and your field values; the last signature completes the document.',
    auth: 'session',
    errors: ['not_found', 'not_a_signer', 'signer_already_decided', 'signature_out_of_order', 'signature_consent_required', 'signature_fields_mismatch',
      'signature_field_value_missing', 'invalid_signature_image', ...closedStates],
    async handler({ actor, params, body, req, deps }) {
      return signRequest(deps, actor, params.requestId, body, clientInfo(req));
    },
  }),
  defineRoute(contract.signatures.decline, {
    tag: 'signatures',
    summary: 'Decline to sign, with a reason: the request ends for everyone.',
    auth: 'session',
    errors: ['not_found', 'not_a_signer', 'signer_already_decided', ...closedStates],
    async handler({ actor, params, body, req, deps }) {
      return declineRequest(deps, actor, params.requestId, body.reason, clientInfo(req));
    },
  }),
];
