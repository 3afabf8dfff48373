/**
 * The completed document does not wait on anyone's mail budget: the last signer may have spent theirs on messages,
 * and the completion notices go only to the request's own people, whose request was counted when it was made.
 */
import { castOrganization, sendAs, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { consentAndSign, readRequest, requestSignatures } from './testSupport';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer({ env: { SENDER_NOTICES_PER_HOUR: '2' } });
  cast = await castOrganization(t, 'Budget Clinic');
}, 120_000);
afterAll(async () => {
  await t.stop();
});

test('when the last signer has spent their notice budget, then the request still completes and everyone is told', async () => {
  const { requestId } = await requestSignatures(t, cast.pro, [cast.guest]);
  // the guest's two notices an hour, spent
  await sendAs(t, cast.guest.accessToken, { subject: 'Question', to: [{ email: cast.pro.email }] });
  await sendAs(t, cast.guest.accessToken, { subject: 'Another', to: [{ email: cast.pro.email }] });
  const signed = await consentAndSign(t, cast.guest, requestId);
  expect(signed.body.status).toBe('completed');
  expect((await readRequest(t, cast.pro, requestId)).body.completedFileId).toEqual(expect.any(String));
  for (const who of [cast.guest, cast.pro]) {
    expect((await t.mailTo(who.email)).some((m) => m.text.includes(`/portal/signatures/${requestId}`) && /signed by everyone/i.test(m.subject))).toBe(true);
  }
}, 60_000);
