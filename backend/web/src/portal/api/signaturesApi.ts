/** The requester's calls for signature requests: ask on a sent message, list a message's requests, read one, void one. */
import type { SignatureRequestAnswer, SignatureRequestInput } from '@contract/signatures';
import { requestJson } from './http';

export type { SignatureRequestAnswer as SignatureRequest, SignatureRequestInput };

const request = (id: string) => `/api/v1/signature-requests/${encodeURIComponent(id)}`;

export const requestSignatures = (messageId: string, input: SignatureRequestInput) =>
  requestJson<SignatureRequestAnswer>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/signature-requests`, input);

export const listSignatureRequests = (messageId: string) =>
  requestJson<{ requests: SignatureRequestAnswer[] }>('GET', `/api/v1/messages/${encodeURIComponent(messageId)}/signature-requests`);

export const voidSignatureRequest = (id: string, reason: string) => requestJson<SignatureRequestAnswer>('POST', `${request(id)}/void`, { reason });
