/** Shortcuts for the signature request suites: a message carrying a PDF, a request on it, and a signer's steps. */
import { agreementPdf } from '../../signatures/testing/samplePdf';
import { uploadBytes } from '../files/testSupport';
import { sendAs, type Member } from '../../testing/members';
import type { ApiResponse, TestServer } from '../../testing/testServer';

export interface SentDocument {
  messageId: string;
  fileId: string;
}

/** `sender` sends a one-page PDF to `to`. */
export async function sendDocument(t: TestServer, sender: Member, to: Member[]): Promise<SentDocument> {
  const fileId = await uploadBytes(t, sender.accessToken, Buffer.from(await agreementPdf(1)), { name: 'Retainer.pdf', contentType: 'application/pdf' });
  const { id } = await sendAs(t, sender.accessToken, { subject: 'Please sign', to: to.map(({ email }) => ({ email })), attachmentIds: [fileId] });
  return { messageId: id, fileId };
}

/** A request body: each signer gets one signature field, in the order given. */
export function signatureBody(fileId: string, signers: Member[], extra: Record<string, unknown> = {}) {
  return {
    fileId,
    signers: signers.map(({ email }) => ({ email })),
    order: 'sequential',
    fields: signers.map((s, i) => ({ signer: s.email, kind: 'signature', page: 1, x: 72, y: 100 + i * 60, width: 200, height: 40 })),
    ...extra,
  };
}

/** Sends the document and asks `signers` to sign it; throws unless the request is made. */
export async function requestSignatures(t: TestServer, requester: Member, signers: Member[], extra: Record<string, unknown> = {}) {
  const sent = await sendDocument(t, requester, signers);
  const res = await t.api('POST', `/api/v1/messages/${sent.messageId}/signature-requests`, { token: requester.accessToken, body: signatureBody(sent.fileId, signers, extra) });
  if (res.status !== 201) throw new Error(`request answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { ...sent, requestId: res.body.id as string };
}

export const act = (t: TestServer, who: Member, requestId: string, step: string, body: Record<string, unknown> = {}) =>
  t.api('POST', `/api/v1/signature-requests/${requestId}/${step}`, { token: who.accessToken, body });

export const readRequest = (t: TestServer, who: Member, requestId: string) => t.api('GET', `/api/v1/signature-requests/${requestId}`, { token: who.accessToken });

/** Agrees with the password, then signs with a typed name; throws unless both succeed. */
export async function consentAndSign(t: TestServer, who: Member, requestId: string, typed = 'Signed Name'): Promise<ApiResponse> {
  const agreed = await act(t, who, requestId, 'consent', { agree: true, password: who.password });
  if (agreed.status !== 200) throw new Error(`consent answered ${agreed.status}: ${JSON.stringify(agreed.body)}`);
  const signed = await act(t, who, requestId, 'sign', { adoptedSignature: { typed } });
  if (signed.status !== 200) throw new Error(`sign answered ${signed.status}: ${JSON.stringify(signed.body)}`);
  return signed;
}

export const refusal = (res: { status: number; body: { code?: string } }) => [res.status, res.body?.code];
