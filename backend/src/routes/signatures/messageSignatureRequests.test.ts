/**
 * An opened message lists the signature requests on its files for the people taking part in them: the requester,
 * and each signer with their own standing and whether it is their turn; a recipient who does not sign sees none.
 */
import { agreementPdf } from '../../signatures/testing/samplePdf';
import { uploadBytes } from '../files/testSupport';
import { castOrganization, inviteAndRegister, sendAs, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
let second: Member;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Listing Clinic');
  second = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Gwen Second' });
}, 180_000);
afterAll(async () => {
  await t.stop();
});

const listed = async (who: { accessToken: string }, messageId: string) =>
  (await t.api('GET', `/api/v1/messages/${messageId}`, { token: who.accessToken })).body.signatureRequests;

test('when a pro asks two guests to sign in order, then each party sees the request as it stands for them, and a reading recipient sees none', async () => {
  const fileId = await uploadBytes(t, cast.pro.accessToken, Buffer.from(await agreementPdf(1)), { name: 'Consent form.pdf', contentType: 'application/pdf' });
  const { id: messageId } = await sendAs(t, cast.pro.accessToken, {
    subject: 'Please sign', attachmentIds: [fileId], to: [cast.guest, second, cast.userManager].map(({ email }) => ({ email })),
  });
  expect(await listed(cast.guest, messageId)).toEqual([]);
  const created = await t.api('POST', `/api/v1/messages/${messageId}/signature-requests`, {
    token: cast.pro.accessToken,
    body: {
      fileId, signers: [{ email: cast.guest.email }, { email: second.email }], order: 'sequential',
      fields: [
        { signer: cast.guest.email, kind: 'signature', page: 1, x: 72, y: 100, width: 200, height: 40 },
        { signer: second.email, kind: 'signature', page: 1, x: 72, y: 200, width: 200, height: 40 },
      ],
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const base = { id, fileId, status: 'open', completedFileId: null };

  expect(await listed(cast.pro, messageId)).toEqual([{ ...base, requester: true, yourStatus: null, yourTurn: false }]);
  expect(await listed(cast.guest, messageId)).toEqual([{ ...base, requester: false, yourStatus: 'sent', yourTurn: true }]);
  expect(await listed(second, messageId)).toEqual([{ ...base, requester: false, yourStatus: 'sent', yourTurn: false }]);
  expect(await listed(cast.userManager, messageId)).toEqual([]);

  await t.api('POST', `/api/v1/signature-requests/${id}/consent`, { token: cast.guest.accessToken, body: { agree: true, password: cast.guest.password } });
  const signed = await t.api('POST', `/api/v1/signature-requests/${id}/sign`, { token: cast.guest.accessToken, body: { adoptedSignature: { typed: 'Gil Guest' } } });
  expect(signed.status).toBe(200);
  expect(await listed(cast.guest, messageId)).toEqual([{ ...base, requester: false, yourStatus: 'signed', yourTurn: false }]);
  expect(await listed(second, messageId)).toEqual([{ ...base, requester: false, yourStatus: 'sent', yourTurn: true }]);

  await t.api('POST', `/api/v1/signature-requests/${id}/void`, { token: cast.pro.accessToken, body: { reason: 'Wrong form' } });
  expect(await listed(second, messageId)).toEqual([{ ...base, status: 'voided', requester: false, yourStatus: 'sent', yourTurn: false }]);
}, 120_000);
