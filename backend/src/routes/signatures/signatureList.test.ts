/**
 * Listing a message's signature requests: its sender sees every request and each signer's status, a signer only the
 * requests they sign, a reader who signs nothing an empty list, and anyone outside the message a 404 — before and
 * after the message is recalled.
 */
import { agreementPdf } from '../../signatures/testing/samplePdf';
import { uploadBytes } from '../files/testSupport';
import { castOrganization, inviteAndRegister, sendAs, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
let second: Member;
let other: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Listing Clinic');
  second = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Gwen Second' });
  other = await castOrganization(t, 'Rival Clinic');
}, 180_000);
afterAll(async () => {
  await t.stop();
});

const signatureOf = (email: string, y = 100) => ({ signer: email, kind: 'signature', page: 1, x: 72, y, width: 200, height: 40 });
const list = (token: string, messageId: string) => t.api('GET', `/api/v1/messages/${messageId}/signature-requests`, { token });
const ids = (res: { body: { requests: { id: string }[] } }) => res.body.requests.map((r) => r.id);

async function askTwice() {
  const fileId = await uploadBytes(t, cast.pro.accessToken, Buffer.from(await agreementPdf(1)), { name: 'Consent.pdf', contentType: 'application/pdf' });
  const to = [cast.guest, second, cast.userManager].map(({ email }) => ({ email }));
  const { id: messageId } = await sendAs(t, cast.pro.accessToken, { subject: 'Forms', to, attachmentIds: [fileId] });
  const ask = async (signers: Member[]) => {
    const body = { fileId, signers: signers.map(({ email }) => ({ email })), order: 'sequential', fields: signers.map((s, i) => signatureOf(s.email, 100 + i * 60)) };
    const res = await t.api('POST', `/api/v1/messages/${messageId}/signature-requests`, { token: cast.pro.accessToken, body });
    if (res.status !== 201) throw new Error(`request answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  return { messageId, both: await ask([cast.guest, second]), secondOnly: await ask([second]) };
}

test('when the parties of a message list its requests, then the sender sees all, each signer their own, a mere reader none', async () => {
  const { messageId, both, secondOnly } = await askTwice();
  const mine = await list(cast.pro.accessToken, messageId);
  expect([mine.status, ids(mine)]).toEqual([200, [both, secondOnly]]);
  expect(mine.body.requests[0].signers.map((s: { email: string; status: string }) => [s.email, s.status])).toEqual([[cast.guest.email, 'sent'], [second.email, 'sent']]);
  expect(mine.body.requests[0].you).toMatchObject({ requester: true, signer: false });
  expect(ids(await list(cast.guest.accessToken, messageId))).toEqual([both]);
  expect(ids(await list(second.accessToken, messageId))).toEqual([both, secondOnly]);
  const reader = await list(cast.userManager.accessToken, messageId);
  expect([reader.status, ids(reader)]).toEqual([200, []]);
});

test('when someone outside the message lists its requests, then it does not exist for them, nor does a made-up message', async () => {
  const { messageId } = await askTwice();
  for (const outsider of [cast.admin, other.pro, other.admin]) {
    const res = await list(outsider.accessToken, messageId);
    expect([res.status, res.body.code]).toEqual([404, 'not_found']);
  }
  const madeUp = await list(cast.pro.accessToken, '00000000-0000-4000-8000-000000000abc');
  expect([madeUp.status, madeUp.body.code]).toEqual([404, 'not_found']);
});

test('when the message is recalled, then its sender and signers still list its requests, voided', async () => {
  const { messageId, both } = await askTwice();
  expect((await t.api('POST', `/api/v1/messages/${messageId}/recall`, { token: cast.pro.accessToken, body: {} })).status).toBe(204);
  for (const party of [cast.pro, cast.guest]) {
    const res = await list(party.accessToken, messageId);
    expect(res.body.requests.find((r: { id: string }) => r.id === both)?.status).toBe('voided');
  }
});
