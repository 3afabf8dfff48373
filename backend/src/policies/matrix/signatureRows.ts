/**
 * Matrix rows of signature requests. The subject is the admin's request on its own message, which the pro and the
 * guest sign in parallel: the user manager is in the organization but no party to it, and another organization's
 * member is told it does not exist.
 */
import { agreementPdf } from '../../signatures/testing/samplePdf';
import { uploadBytes } from '../../routes/files/testSupport';
import { sendAs } from '../../testing/members';
import type { Persona } from '../../testing/personas';
import { signedIn, type MatrixContext, type Rows } from './matrix';

export function signatureRows({ t, cast, personas }: MatrixContext): Rows {
  const signers = [cast.pro, cast.guest];
  const field = (email: string, y: number) => ({ signer: email, kind: 'signature', page: 1, x: 72, y, width: 200, height: 40 });
  const requestBody = (fileId: string) => ({ fileId, signers: signers.map(({ email }) => ({ email })), order: 'parallel', fields: signers.map((s, i) => field(s.email, 100 + i * 60)) });
  const pdfMessage = async () => {
    const fileId = await uploadBytes(t, cast.admin.accessToken, Buffer.from(await agreementPdf(1)), { name: 'Letter.pdf', contentType: 'application/pdf' });
    const { id } = await sendAs(t, cast.admin.accessToken, { subject: 'Please sign', to: signers.map(({ email }) => ({ email })), attachmentIds: [fileId] });
    return { messageId: id, fileId };
  };
  const requestOnMessage = async () => {
    const { messageId, fileId } = await pdfMessage();
    const res = await t.api('POST', `/api/v1/messages/${messageId}/signature-requests`, { token: cast.admin.accessToken, body: requestBody(fileId) });
    if (res.status !== 201) throw new Error(`request answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { messageId, requestId: res.body.id as string };
  };
  const request = async () => (await requestOnMessage()).requestId;
  const passwordOf = (persona: Persona) => (persona in personas.credentials ? personas.credentials[persona as keyof typeof personas.credentials].password : 'not a password');
  // The requester and both signers see it; nobody else learns it exists.
  const parties = signedIn('ok', { userManager: 'not_found', otherOrg: 'not_found' });
  // Only the signers act on it; the requester is told it has nothing to sign.
  const signersOnly = signedIn('ok', { admin: 'forbidden', userManager: 'not_found', otherOrg: 'not_found' });

  return {
    // Only the message's sender asks, and only pros ask: the guest is told so even about a message it cannot see.
    'POST /api/v1/messages/:messageId/signature-requests': {
      call: async () => {
        const { messageId, fileId } = await pdfMessage();
        return { path: `/api/v1/messages/${messageId}/signature-requests`, body: requestBody(fileId) };
      },
      expect: signedIn('not_found', { admin: 'ok', guest: 'forbidden' }),
    },
    // The message's parties list its requests; the user manager, no recipient of it, is told it does not exist.
    'GET /api/v1/messages/:messageId/signature-requests': {
      call: async () => ({ path: `/api/v1/messages/${(await requestOnMessage()).messageId}/signature-requests` }),
      expect: parties,
    },
    'GET /api/v1/signature-requests/:requestId': { call: async () => ({ path: `/api/v1/signature-requests/${await request()}` }), expect: parties },
    'POST /api/v1/signature-requests/:requestId/void': {
      call: async () => ({ path: `/api/v1/signature-requests/${await request()}/void`, body: { reason: 'Wrong version' } }),
      expect: signedIn('not_found', { admin: 'ok', pro: 'forbidden', guest: 'forbidden' }),
    },
    'POST /api/v1/signature-requests/:requestId/view': { call: async () => ({ path: `/api/v1/signature-requests/${await request()}/view`, body: {} }), expect: signersOnly },
    'POST /api/v1/signature-requests/:requestId/consent': {
      call: async (persona) => ({ path: `/api/v1/signature-requests/${await request()}/consent`, body: { agree: true, password: passwordOf(persona) } }),
      expect: signersOnly,
    },
    // Signing without consent first is past who-may-call: the signer hears it must consent.
    'POST /api/v1/signature-requests/:requestId/sign': {
      call: async () => ({ path: `/api/v1/signature-requests/${await request()}/sign`, body: { adoptedSignature: { typed: 'Matrix Signer' } } }),
      expect: signedIn('allowed', { admin: 'forbidden', userManager: 'not_found', otherOrg: 'not_found' }),
    },
    'POST /api/v1/signature-requests/:requestId/decline': {
      call: async () => ({ path: `/api/v1/signature-requests/${await request()}/decline`, body: { reason: 'Not mine to sign' } }),
      expect: signersOnly,
    },
  };
}
