/**
 * Signature requests through the API: two guests sign in order (typed, then drawn), the completed PDF downloads
 * and independent readers (poppler's pdfsig and pdftotext) confirm the signature and the certificate; and every
 * refusal — a guest asking, out of order, after void, expiry, recall or decline, a signer not on the request,
 * another organization, fields missing or extra — is a 4xx with a stable code that changes nothing.
 */
import { agreementPdf } from '../../signatures/testing/samplePdf';
import { pdfsig, pdftotext } from '../../signatures/testing/independentReaders';
import { download, uploadBytes } from '../files/testSupport';
import { codeAt, enrolledOwner, freshStep, requireTwoStep, wrongCode } from '../twoStep/testSupport';
import { pngImage } from '../../testing/images';
import { castOrganization, inviteAndRegister, sendAs, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

let t: TestServer;
let cast: Cast;
let second: Member;
let other: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Signing Clinic');
  second = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Gwen Second' });
  other = await castOrganization(t, 'Rival Clinic');
}, 180_000);
afterAll(async () => {
  await t.stop();
});

interface Sent {
  messageId: string;
  fileId: string;
}

/** The pro sends a two-page PDF to both guests and the user manager (who reads along but does not sign). */
async function pdfMessage(sender = cast.pro, pdf?: Buffer): Promise<Sent> {
  const bytes = pdf ?? Buffer.from(await agreementPdf(2));
  const fileId = await uploadBytes(t, sender.accessToken, bytes, { name: 'Engagement letter.pdf', contentType: 'application/pdf' });
  const to = [cast.guest, second, cast.userManager].filter((p) => p.email !== sender.email).map(({ email }) => ({ email }));
  const { id } = await sendAs(t, sender.accessToken, { subject: 'Please sign', to, attachmentIds: [fileId] });
  return { messageId: id, fileId };
}

const twoSigners = (fileId: string, extra: Record<string, unknown> = {}) => ({
  fileId,
  signers: [{ email: cast.guest.email }, { email: second.email }],
  order: 'sequential',
  fields: [
    { signer: cast.guest.email, kind: 'signature', page: 1, x: 72, y: 100, width: 220, height: 40 },
    { signer: cast.guest.email, kind: 'text', page: 1, x: 72, y: 160, width: 300, height: 20 },
    { signer: second.email, kind: 'signature', page: 2, x: 72, y: 100, width: 220, height: 40 },
    { signer: second.email, kind: 'dateSigned', page: 2, x: 320, y: 100, width: 120, height: 20 },
    { signer: second.email, kind: 'checkbox', page: 2, x: 72, y: 160, width: 16, height: 16 },
  ],
  ...extra,
});

async function requestOn(sent: Sent, body: Record<string, unknown> = twoSigners(sent.fileId), token = cast.pro.accessToken) {
  return t.api('POST', `/api/v1/messages/${sent.messageId}/signature-requests`, { token, body });
}

async function openRequest(body?: (fileId: string) => Record<string, unknown>) {
  const sent = await pdfMessage();
  const res = await requestOn(sent, body ? body(sent.fileId) : undefined);
  if (res.status !== 201) throw new Error(`request answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { ...sent, request: res.body as { id: string; fields: { id: string; signer: string; kind: string }[] } };
}

const act = (token: string, id: string, step: string, body: Record<string, unknown> = {}) =>
  t.api('POST', `/api/v1/signature-requests/${id}/${step}`, { token, body });
const consent = (who: Member, id: string) => act(who.accessToken, id, 'consent', { agree: true, password: who.password });
const get = (token: string, id: string) => t.api('GET', `/api/v1/signature-requests/${id}`, { token });
const refusal = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];

test('when two guests sign in order, typed then drawn, then the completed PDF is signed, verifiable and lists both on its certificate', async () => {
  const { request, messageId } = await openRequest();
  const [guestSignature, textField, , , checkbox] = request.fields;

  // the second guest's turn has not come
  expect((await consent(second, request.id)).status).toBe(200);
  expect(refusal(await act(second.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gwen Second' }, values: { [checkbox!.id]: true } })))
    .toEqual([409, 'signature_out_of_order']);

  expect((await act(cast.guest.accessToken, request.id, 'view')).body.signers[0].status).toBe('viewed');
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' }, values: { [textField!.id]: 'Client ref 42' } })))
    .toEqual([409, 'signature_consent_required']);
  expect(refusal(await act(cast.guest.accessToken, request.id, 'consent', { agree: true, password: 'not my password' }))).toEqual([403, 'identity_not_confirmed']);
  expect((await consent(cast.guest, request.id)).body.you.consented).toBe(true);
  // a value for someone else's field, or a missing required text
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' }, values: { [textField!.id]: 'x', [checkbox!.id]: true } })))
    .toEqual([400, 'signature_fields_mismatch']);
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' } }))).toEqual([400, 'signature_field_value_missing']);
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' }, values: { [guestSignature!.id]: 'x', [textField!.id]: 'x' } })))
    .toEqual([400, 'signature_fields_mismatch']);

  const first = await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' }, values: { [textField!.id]: 'Client ref 42' } });
  expect([first.status, first.body.signers.map((s: { status: string }) => s.status)]).toEqual([200, ['signed', 'viewed']]);
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' }, values: { [textField!.id]: 'again' } })))
    .toEqual([409, 'signer_already_decided']);
  expect((await t.mailTo(second.email)).some((m) => /asks for your signature/.test(m.subject))).toBe(true);

  const drawn = pngImage(300, 100, [10, 20, 90]).toString('base64');
  const last = await act(second.accessToken, request.id, 'sign', { adoptedSignature: { drawnPng: drawn }, values: { [checkbox!.id]: true } });
  expect([last.status, last.body.status]).toEqual([200, 'completed']);
  const completedFileId = last.body.completedFileId as string;

  const file = await download(t, cast.pro.accessToken, completedFileId);
  expect(file.status).toBe(200);
  const report = await pdfsig(file.body);
  expect(report).toMatch(/Signature Validation: Signature is Valid\./);
  expect(report).toMatch(/Total document signed/);
  const text = await pdftotext(file.body);
  for (const expected of ['Gil Guest', 'Gwen Second', cast.guest.email, second.email, 'Client ref 42', 'Engagement letter.pdf']) expect(text).toContain(expected);
  expect(text).toMatch(/agreed to sign electronically/);
  // every participant downloads it through the message; one flipped byte breaks the signature
  expect((await download(t, second.accessToken, completedFileId)).body.equals(file.body)).toBe(true);
  const flipped = Buffer.from(file.body);
  const at = Math.floor(flipped.length / 3);
  flipped[at] = flipped[at]! ^ 0x01;
  expect(await pdfsig(flipped)).not.toMatch(/Signature is Valid\./);

  const opened = await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.guest.accessToken });
  expect(opened.body.files.map((f: { id: string }) => f.id)).toContain(completedFileId);
  for (const person of [cast.guest, second, cast.pro]) {
    const mails = await t.mailTo(person.email);
    const notice = mails.find((m) => /signed by everyone/.test(m.subject));
    expect(notice).toBeDefined();
    expect(JSON.stringify(notice)).not.toContain('Engagement letter');
  }
  const events = (await t.store.audit.list(cast.organizationId, { limit: 200 })).filter((e) => e.targetId === request.id).map((e) => e.action);
  for (const action of ['signature_request.created', 'signature_request.viewed', 'signature_request.consented', 'signature_request.field_filled', 'signature_request.signed', 'signature_request.completed']) {
    expect(events).toContain(action);
  }
}, 120_000);

test('when a guest asks for signatures on its own message, then it is refused as guests cannot request them', async () => {
  const fileId = await uploadBytes(t, cast.guest.accessToken, Buffer.from(await agreementPdf(1)), { name: 'Mine.pdf', contentType: 'application/pdf' });
  const { id } = await sendAs(t, cast.guest.accessToken, { subject: 'Sign', to: [{ email: cast.pro.email }], attachmentIds: [fileId] });
  const res = await t.api('POST', `/api/v1/messages/${id}/signature-requests`, {
    token: cast.guest.accessToken,
    body: { fileId, signers: [{ email: cast.pro.email }], fields: [{ signer: cast.pro.email, kind: 'signature', page: 1, x: 72, y: 100, width: 200, height: 40 }] },
  });
  expect(refusal(res)).toEqual([403, 'guest_cannot_request_signature']);
});

test('when the request is wrong — another pro’s message, a signer not among the recipients, a field off the document, a file that is not a PDF — then nothing is requested', async () => {
  const sent = await pdfMessage();
  expect(refusal(await requestOn(sent, twoSigners(sent.fileId), cast.admin.accessToken))).toEqual([404, 'not_found']);
  expect(refusal(await requestOn(sent, { ...twoSigners(sent.fileId), signers: [{ email: cast.guest.email }, { email: cast.admin.email }] }))).toEqual([400, 'signer_not_recipient']);
  const offPage = twoSigners(sent.fileId);
  offPage.fields[0] = { ...offPage.fields[0]!, page: 3 };
  expect(refusal(await requestOn(sent, offPage))).toEqual([400, 'signature_field_off_page']);
  const outside = twoSigners(sent.fileId);
  outside.fields[0] = { ...outside.fields[0]!, x: 600 };
  expect(refusal(await requestOn(sent, outside))).toEqual([400, 'signature_field_off_page']);
  const textFile = await uploadBytes(t, cast.pro.accessToken, Buffer.from('not a pdf'), { name: 'notes.txt', contentType: 'text/plain' });
  const { id } = await sendAs(t, cast.pro.accessToken, { subject: 'Notes', to: [{ email: cast.guest.email }], attachmentIds: [textFile] });
  expect(refusal(await requestOn({ messageId: id, fileId: textFile }, { ...twoSigners(textFile), signers: [{ email: cast.guest.email }] }))).toEqual([400, 'signature_document_invalid']);
  const count = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signature_requests WHERE message_id = $1', [sent.messageId]);
  expect(count[0]!.n).toBe(0);
});

test('when the requester voids a request, then nobody can sign it and the signers see the reason; a signer cannot void', async () => {
  const { request } = await openRequest();
  expect(refusal(await act(cast.guest.accessToken, request.id, 'void', { reason: 'mine' }))).toEqual([403, 'forbidden']);
  const voided = await act(cast.pro.accessToken, request.id, 'void', { reason: 'Wrong version attached' });
  expect([voided.status, voided.body.status]).toEqual([200, 'voided']);
  expect(refusal(await consent(cast.guest, request.id))).toEqual([409, 'signature_request_closed']);
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil' } }))).toEqual([409, 'signature_request_closed']);
  expect((await get(cast.guest.accessToken, request.id)).body.voidReason).toBe('Wrong version attached');
  expect(refusal(await act(cast.pro.accessToken, request.id, 'void', { reason: 'again' }))).toEqual([409, 'signature_request_closed']);
});

test('when the message is recalled, then its requests are voided and its signers cannot act', async () => {
  const { request, messageId } = await openRequest();
  expect((await consent(cast.guest, request.id)).status).toBe(200);
  expect((await t.api('POST', `/api/v1/messages/${messageId}/recall`, { token: cast.pro.accessToken, body: { reason: 'Sent to the wrong people' } })).status).toBe(204);
  expect((await get(cast.pro.accessToken, request.id)).body.status).toBe('voided');
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil' } }))).toEqual([410, 'message_recalled']);
});

test('when a request has expired, then it reads as expired and cannot be signed', async () => {
  const { request } = await openRequest((fileId) => twoSigners(fileId, { expiresAt: new Date(Date.now() + 1500).toISOString() }));
  expect((await consent(cast.guest, request.id)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1800));
  expect((await get(cast.pro.accessToken, request.id)).body.status).toBe('expired');
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil' } }))).toEqual([409, 'signature_request_expired']);
});

test('when a signer declines, then the request ends for everyone with the reason', async () => {
  const { request } = await openRequest((fileId) => twoSigners(fileId, { order: 'parallel' }));
  const declined = await act(second.accessToken, request.id, 'decline', { reason: 'The fee is wrong' });
  expect([declined.status, declined.body.status, declined.body.signers[1].declineReason]).toEqual([200, 'declined', 'The fee is wrong']);
  expect((await consent(cast.guest, request.id)).body?.code).toBe('signature_request_closed');
  expect(refusal(await act(second.accessToken, request.id, 'decline', { reason: 'again' }))).toEqual([409, 'signature_request_closed']);
});

test('when someone not on the request acts on it — a reader who does not sign, another organization — then it is refused and nothing is recorded', async () => {
  const { request } = await openRequest();
  expect(refusal(await get(cast.userManager.accessToken, request.id))).toEqual([404, 'not_found']);
  expect(refusal(await act(cast.userManager.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Uma' } }))).toEqual([404, 'not_found']);
  expect(refusal(await act(cast.pro.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Pat' } }))).toEqual([403, 'not_a_signer']);
  for (const token of [other.admin.accessToken, other.guest.accessToken]) {
    expect(refusal(await get(token, request.id))).toEqual([404, 'not_found']);
    expect(refusal(await act(token, request.id, 'view'))).toEqual([404, 'not_found']);
    expect(refusal(await act(token, request.id, 'void', { reason: 'x' }))).toEqual([404, 'not_found']);
  }
  const after = await get(cast.pro.accessToken, request.id);
  expect(after.body.signers.map((s: { status: string }) => s.status)).toEqual(['sent', 'sent']);
  expect(after.body.status).toBe('open');
});

test('when an admin words the consent to sign electronically, then signers are shown those words, and null brings back the default', async () => {
  const { request } = await openRequest();
  const defaultText = (await get(cast.guest.accessToken, request.id)).body.consentText as string;
  const words = 'I agree to sign this clinic’s forms electronically.\nI can ask for paper copies at the front desk.';
  const changed = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { signatureConsentText: words } });
  expect([changed.status, changed.body.signatureConsentText]).toEqual([200, words]);
  expect((await get(cast.guest.accessToken, request.id)).body.consentText).toBe(words);
  expect((await t.api('PATCH', '/api/v1/organization/settings', { token: cast.pro.accessToken, body: { signatureConsentText: 'mine' } })).status).toBe(403);
  await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { signatureConsentText: null } });
  expect((await get(cast.guest.accessToken, request.id)).body.consentText).toBe(defaultText);
});

test('when a drawn signature is a PNG in name only, then signing is refused at once and the signer can still sign', async () => {
  const { request } = await openRequest((fileId) => ({ ...twoSigners(fileId, { order: 'parallel' }), fields: twoSigners(fileId).fields.filter((f) => f.kind === 'signature') }));
  expect((await consent(cast.guest, request.id)).status).toBe(200);
  const broken = Buffer.concat([pngImage(40, 20).subarray(0, 33), Buffer.alloc(200, 0x41)]).toString('base64');
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { drawnPng: broken } }))).toEqual([400, 'invalid_signature_image']);
  const huge = pngImage(40, 20);
  huge.writeUInt32BE(100_000, 16);
  expect(refusal(await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { drawnPng: huge.toString('base64') } }))).toEqual([400, 'invalid_signature_image']);
  expect((await get(cast.pro.accessToken, request.id)).body.signers[0].status).toBe('viewed');
  expect((await act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' } })).status).toBe(200);
});

test('when the last two signers of a parallel request sign at the same moment, then both signatures count and one completed document is made', async () => {
  const { request, messageId } = await openRequest((fileId) => ({ ...twoSigners(fileId, { order: 'parallel' }), fields: twoSigners(fileId).fields.filter((f) => f.kind === 'signature') }));
  expect((await consent(cast.guest, request.id)).status).toBe(200);
  expect((await consent(second, request.id)).status).toBe(200);
  const [a, b] = await Promise.all([
    act(cast.guest.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gil Guest' } }),
    act(second.accessToken, request.id, 'sign', { adoptedSignature: { typed: 'Gwen Second' } }),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  const after = await get(cast.pro.accessToken, request.id);
  expect([after.body.status, after.body.signers.map((s: { status: string }) => s.status)]).toEqual(['completed', ['signed', 'signed']]);
  const files = (await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.pro.accessToken })).body.files as { id: string }[];
  expect(files.map((f) => f.id)).toEqual([expect.any(String), after.body.completedFileId]);
  const text = await pdftotext((await download(t, cast.pro.accessToken, after.body.completedFileId)).body);
  expect(text).toContain('Gil Guest');
  expect(text).toContain('Gwen Second');
}, 60_000);

test('when a signer opens the document again and again, then each view is recorded up to the hourly bound and the rest change nothing', async () => {
  const { request } = await openRequest();
  for (let i = 0; i < 22; i += 1) expect((await act(cast.guest.accessToken, request.id, 'view')).status).toBe(200);
  const views = await t.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM signature_events WHERE request_id = $1 AND action = 'viewed the document'", [request.id]);
  expect(views[0]!.n).toBe(20);
});

test('when a signer confirms who they are with a 2-step code instead of a password, then a right code counts once and a wrong one is refused', async () => {
  const owner = await enrolledOwner(t, '198.51.100.77');
  await requireTwoStep(t, owner, false);
  await buySeats(t, owner.accessToken, 2);
  const colleague = await inviteAndRegister(t, owner, { type: 'pro', name: 'Cole League' });
  const fileId = await uploadBytes(t, colleague.accessToken, Buffer.from(await agreementPdf(1)), { name: 'Policy.pdf', contentType: 'application/pdf' });
  const { id: messageId } = await sendAs(t, colleague.accessToken, { subject: 'Sign', to: [{ email: owner.email }], attachmentIds: [fileId] });
  const created = await t.api('POST', `/api/v1/messages/${messageId}/signature-requests`, {
    token: colleague.accessToken,
    body: { fileId, signers: [{ email: owner.email }], fields: [{ signer: owner.email, kind: 'signature', page: 1, x: 72, y: 100, width: 200, height: 40 }] },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const code = await codeAt(owner.secret, await freshStep());
  expect(refusal(await act(owner.accessToken, id, 'consent', { agree: true, code: wrongCode(code) }))).toEqual([403, 'identity_not_confirmed']);
  expect((await act(owner.accessToken, id, 'consent', { agree: true, code })).body.you.consented).toBe(true);
  // the same code again is spent
  expect(refusal(await act(owner.accessToken, id, 'consent', { agree: true, code }))).toEqual([403, 'identity_not_confirmed']);
  expect((await act(owner.accessToken, id, 'sign', { adoptedSignature: { typed: 'Owner' } })).body.status).toBe('completed');
}, 60_000);
