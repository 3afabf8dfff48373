/** The signer's calls on a signature request, typed by the API contract (@contract/signatures). */
import type { SignatureRequestAnswer, SignRequest } from '@contract/signatures';
import type { SsoDiscovery } from '@contract/sso';
import { requestJson } from '../api/http';

export type SignatureRequest = SignatureRequestAnswer;
export type SignatureField = SignatureRequestAnswer['fields'][number];
export type AdoptedSignature = SignRequest['adoptedSignature'];

const base = (id: string) => `/api/v1/signature-requests/${encodeURIComponent(id)}`;

export const getSignatureRequest = (id: string) => requestJson<SignatureRequest>('GET', base(id));
/** Recorded as a view of the document (the server keeps at most a few an hour). */
export const recordView = (id: string) => requestJson<SignatureRequest>('POST', `${base(id)}/view`, {});
export const consentToSign = (id: string, proof: { password: string } | { code: string } | { singleSignOn: true }) =>
  requestJson<SignatureRequest>('POST', `${base(id)}/consent`, { agree: true, ...proof });
export const signRequest = (id: string, adoptedSignature: AdoptedSignature, values: Record<string, string | boolean>) =>
  requestJson<SignatureRequest>('POST', `${base(id)}/sign`, { adoptedSignature, values });
export const declineRequest = (id: string, reason: string) => requestJson<SignatureRequest>('POST', `${base(id)}/decline`, { reason });
/** Whether the signer's address signs in through the organization's provider, and where that sign-in starts. */
export const discoverSingleSignOn = (email: string) => requestJson<SsoDiscovery>('POST', '/api/v1/auth/sso/discover', { email });
