/**
 * A signature request over its life: one whose message expires reads `expired` everywhere and takes no more steps;
 * every step a signer can take is refused after a void, an expiry or a recall, to someone not signing, and to another
 * organization, and a refusal records nothing; the completed PDF follows its message's recall and expiry like any
 * file of it, and counts in the organization's storage.
 */
import { castOrganization, inviteAndRegister, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { createUpload, download } from '../files/testSupport';
import { act, consentAndSign, readRequest, refusal, requestSignatures, sendDocument, signatureBody } from './testSupport';

let t: TestServer;
let cast: Cast;
let second: Member;
let other: Cast;
beforeAll(async () => {
  t = await startTestServer({ env: { ORGANIZATION_STORAGE_GB: '1' } });
  cast = await castOrganization(t, 'Lifecycle Clinic');
  second = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Gwen Second' });
  other = await castOrganization(t, 'Rival Clinic');
}, 180_000);
afterAll(async () => {
  await t.stop();
});

const SIGNER_STEPS: [string, Record<string, unknown>][] = [
  ['view', {}],
  ['consent', { agree: true, password: 'a sturdy passphrase' }],
  ['sign', { adoptedSignature: { typed: 'Someone' } }],
  ['decline', { reason: 'No' }],
];

/** Everything a refusal must leave as it was: the signers' progress and the request's events. */
async function trace(requestId: string) {
  const signers = await t.store.db.query('SELECT account_id, status, viewed_at, consented_at, signed_at, declined_at FROM signature_signers WHERE request_id = $1 ORDER BY position', [requestId]);
  const events = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signature_events WHERE request_id = $1', [requestId]);
  return { signers, events: events[0]!.n };
}

/** A refused download's status and code (its body is the problem document). */
async function downloadRefusal(who: Member, fileId: string) {
  const res = await download(t, who.accessToken, fileId);
  return [res.status, (JSON.parse(res.body.toString('utf8')) as { code?: string }).code];
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

test('when the message of an open request expires, then the request reads expired to everyone and no signer step is taken', async () => {
  const { requestId, messageId } = await requestSignatures(t, cast.pro, [cast.guest, second], { order: 'parallel' });
  expect((await act(t, cast.guest, requestId, 'consent', { agree: true, password: cast.guest.password })).status).toBe(200);
  expect((await t.api('PATCH', `/api/v1/messages/${messageId}`, { token: cast.pro.accessToken, body: { expiresAt: soon(1500) } })).status).toBe(204);
  await wait(1800);
  const before = await trace(requestId);
  for (const who of [cast.pro, cast.guest, second]) {
    const read = await readRequest(t, who, requestId);
    expect([read.status, read.body.status, read.body.you.yourTurn]).toEqual([200, 'expired', false]);
  }
  for (const [step, body] of SIGNER_STEPS) {
    const res = await act(t, cast.guest, requestId, step, step === 'consent' ? { ...body, password: cast.guest.password } : body);
    expect(refusal(res)).toEqual([409, 'signature_request_expired']);
    expect(res.body.detail).toMatch(/^This signature request expired on \d{4}-\d{2}-\d{2}, so it can no longer be viewed for signing, agreed to or signed\./);
  }
  expect(refusal(await act(t, cast.pro, requestId, 'void', { reason: 'Too late' }))).toEqual([409, 'signature_request_closed']);
  expect(await trace(requestId)).toEqual(before);
}, 60_000);

test('when a request passes its own expiry, then viewing, agreeing, signing and declining are refused as expired and void as closed', async () => {
  const { requestId } = await requestSignatures(t, cast.pro, [cast.guest], { expiresAt: soon(1500) });
  await wait(1800);
  const before = await trace(requestId);
  for (const [step, body] of SIGNER_STEPS) expect(refusal(await act(t, cast.guest, requestId, step, body))).toEqual([409, 'signature_request_expired']);
  expect(refusal(await act(t, cast.pro, requestId, 'void', { reason: 'Too late' }))).toEqual([409, 'signature_request_closed']);
  expect((await readRequest(t, cast.guest, requestId)).body.status).toBe('expired');
  expect(await trace(requestId)).toEqual(before);
}, 30_000);

test('when a request is voided or its message recalled, then no signer step is taken, with the reason in the code', async () => {
  const voided = await requestSignatures(t, cast.pro, [cast.guest]);
  expect((await act(t, cast.pro, voided.requestId, 'void', { reason: 'Wrong version' })).status).toBe(200);
  const recalled = await requestSignatures(t, cast.pro, [cast.guest]);
  expect((await t.api('POST', `/api/v1/messages/${recalled.messageId}/recall`, { token: cast.pro.accessToken, body: {} })).status).toBe(204);
  const before = [await trace(voided.requestId), await trace(recalled.requestId)];
  for (const [step, body] of SIGNER_STEPS) {
    expect(refusal(await act(t, cast.guest, voided.requestId, step, body))).toEqual([409, 'signature_request_closed']);
    expect(refusal(await act(t, cast.guest, recalled.requestId, step, body))).toEqual([410, 'message_recalled']);
  }
  expect([await trace(voided.requestId), await trace(recalled.requestId)]).toEqual(before);
}, 30_000);

test('when someone not signing acts — the requester, a reader of the message, another organization — then each step is refused and nothing is recorded', async () => {
  const { requestId } = await requestSignatures(t, cast.pro, [cast.guest]);
  // the reader is a recipient of the message but not a signer of the request
  const readAlong = await sendDocument(t, cast.pro, [cast.guest, cast.userManager]);
  const created = await t.api('POST', `/api/v1/messages/${readAlong.messageId}/signature-requests`, { token: cast.pro.accessToken, body: signatureBody(readAlong.fileId, [cast.guest]) });
  const readAlongId = created.body.id as string;
  const before = [await trace(requestId), await trace(readAlongId)];
  for (const [step, body] of SIGNER_STEPS) {
    expect(refusal(await act(t, cast.pro, requestId, step, body))).toEqual([403, 'not_a_signer']);
    expect(refusal(await act(t, cast.userManager, readAlongId, step, body))).toEqual([404, 'not_found']);
    for (const stranger of [other.admin, other.pro, other.guest]) expect(refusal(await act(t, stranger, requestId, step, body))).toEqual([404, 'not_found']);
  }
  for (const stranger of [other.pro, cast.admin]) {
    expect(refusal(await act(t, stranger, requestId, 'void', { reason: 'Not mine' }))).toEqual([404, 'not_found']);
  }
  expect([await trace(requestId), await trace(readAlongId)]).toEqual(before);
}, 60_000);

test('when a guest asks for signatures on a pro’s message they received, or another organization’s pro on it, then nothing is requested', async () => {
  const { messageId, fileId } = await sendDocument(t, cast.pro, [cast.guest, second]);
  const body = signatureBody(fileId, [second]);
  expect(refusal(await t.api('POST', `/api/v1/messages/${messageId}/signature-requests`, { token: cast.guest.accessToken, body }))).toEqual([403, 'guest_cannot_request_signature']);
  expect(refusal(await t.api('POST', `/api/v1/messages/${messageId}/signature-requests`, { token: other.pro.accessToken, body }))).toEqual([404, 'not_found']);
  const count = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signature_requests WHERE message_id = $1', [messageId]);
  expect(count[0]!.n).toBe(0);
});

test('when a signer signs out of order, agrees or views first, then only the signing is refused and the turn stays with the first', async () => {
  const { requestId } = await requestSignatures(t, cast.pro, [cast.guest, second]);
  expect((await act(t, second, requestId, 'view')).status).toBe(200);
  expect((await act(t, second, requestId, 'consent', { agree: true, password: second.password })).body.you.yourTurn).toBe(false);
  expect(refusal(await act(t, second, requestId, 'sign', { adoptedSignature: { typed: 'Gwen' } }))).toEqual([409, 'signature_out_of_order']);
  expect((await readRequest(t, cast.pro, requestId)).body.signers.map((s: { status: string }) => s.status)).toEqual(['sent', 'viewed']);
});

test('when a completed document’s message is recalled or expires, then its signed PDF is closed with it, and it counted in the organization’s storage', async () => {
  const recalled = await requestSignatures(t, cast.pro, [cast.guest]);
  const usageBefore = (await t.store.files.usage(cast.organizationId, cast.pro.accountId)).organizationBytes;
  const completed = await consentAndSign(t, cast.guest, recalled.requestId, 'Gil Guest');
  const signedFileId = completed.body.completedFileId as string;
  const signedPdf = await download(t, cast.guest.accessToken, signedFileId);
  expect(signedPdf.status).toBe(200);

  // the signed copy takes room in the organization's storage like an upload: one byte more than is left is refused
  const used = (await t.store.files.usage(cast.organizationId, cast.pro.accountId)).organizationBytes;
  expect(used - usageBefore).toBe(signedPdf.body.length);
  const left = 1_000_000_000 - used;
  const tooMuch = await createUpload(t, cast.pro.accessToken, { name: 'scan.bin', size: left + 1 });
  expect(refusal(tooMuch)).toEqual([413, 'storage_quota_exceeded']);

  expect((await t.api('POST', `/api/v1/messages/${recalled.messageId}/recall`, { token: cast.pro.accessToken, body: {} })).status).toBe(204);
  expect(await downloadRefusal(cast.guest, signedFileId)).toEqual([410, 'message_recalled']);
  // as with every file of a recalled message, its sender keeps their copy
  expect((await download(t, cast.pro.accessToken, signedFileId)).status).toBe(200);
  expect((await readRequest(t, cast.pro, recalled.requestId)).body.status).toBe('completed');

  const expiring = await requestSignatures(t, cast.pro, [cast.guest]);
  const done = await consentAndSign(t, cast.guest, expiring.requestId, 'Gil Guest');
  expect((await t.api('PATCH', `/api/v1/messages/${expiring.messageId}`, { token: cast.pro.accessToken, body: { expiresAt: soon(1500) } })).status).toBe(204);
  await wait(1800);
  expect(await downloadRefusal(cast.guest, done.body.completedFileId as string)).toEqual([410, 'message_expired']);
  // a completed request stays completed when its message expires
  expect((await readRequest(t, cast.pro, expiring.requestId)).body.status).toBe('completed');
}, 60_000);
