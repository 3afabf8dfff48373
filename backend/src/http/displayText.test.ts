/**
 * Names people will read are stored without the invisible characters that disguise them: bidi overrides and isolates,
 * zero-width spaces, controls. Each place a name is taken over the API is checked by what it serves back.
 */
import { signUpOrganization, type SignedUp } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
let owner: SignedUp;
beforeAll(async () => {
  t = await startTestServer();
  owner = await signUpOrganization(t, { name: 'Dana\u202E Reyes\u200B', organizationName: '\u2066Harbor\u2069 Clinic\uFEFF' });
});
afterAll(async () => {
  await t.stop();
});

const DISGUISED = 'invoice\u202Efdp.exe';
const api = (method: string, path: string, body?: unknown) => t.api(method, path, { body, token: owner.accessToken });

test('when someone signs up with disguised names, then the account and organization are stored without them', async () => {
  const me = await api('GET', '/api/v1/me');
  expect(JSON.stringify(me.body)).toContain('"Dana Reyes"');
  expect(JSON.stringify(me.body)).toContain('"Harbor Clinic"');
});

test('when an organization is created or renamed with a bidi override, then its served name has none', async () => {
  const created = await api('POST', '/api/v1/organizations', { name: DISGUISED });
  expect([created.status, created.body.name]).toEqual([201, 'invoicefdp.exe']);
  const renamed = await api('PATCH', '/api/v1/organization/settings', { name: `Harbor\u202E\u200F Clinic` });
  expect([renamed.status, renamed.body.name]).toEqual([200, 'Harbor Clinic']);
});

test('when an invitation names a person with a bidi override, then the invitation lists the plain name', async () => {
  const invited = await api('POST', '/api/v1/invitations', { email: `pat-${Date.now()}@client.example`, name: `Pat\u202E\tDoe` });
  expect([invited.status, invited.body.name]).toEqual([201, 'Pat Doe']);
  const edited = await api('PATCH', `/api/v1/invitations/${invited.body.id}`, { name: `\u202DPat\u00AD Q. Doe` });
  expect(edited.status).toBe(204);
  const listed = await api('GET', '/api/v1/invitations');
  expect(listed.body.invitations.find((i: { id: string }) => i.id === invited.body.id).name).toBe('Pat Q. Doe');
});

test('when a file is uploaded under a disguised name, then it is stored and served under the plain one', async () => {
  const upload = await api('POST', '/api/v1/uploads', { name: DISGUISED, size: 3 });
  expect([upload.status, upload.body.name]).toEqual([201, 'invoicefdp.exe']);
});

test('when a message subject and recipient name carry overrides, then the list shows them plain', async () => {
  const client = `sam-${Date.now()}@client.example`;
  const sent = await api('POST', '/api/v1/messages', {
    subject: 'Results\u202E fdp.exe',
    html: '<p>hi</p>',
    to: [{ email: client, displayName: 'Sam\u202E Roe' }],
    confirmedInvitations: [client],
  });
  expect(sent.status).toBe(201);
  const list = await api('GET', '/api/v1/messages?box=sent');
  expect(JSON.stringify(list.body)).toContain('"Results fdp.exe"');
  expect(JSON.stringify(list.body)).toContain('"Sam Roe"');
  expect(JSON.stringify(list.body)).not.toMatch(/\\u202e|\u202E/i);
});

test('when a name is nothing but invisible characters, then it is refused as empty', async () => {
  const res = await api('POST', '/api/v1/organizations', { name: '\u202E\u200B\u2066' });
  expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
});

test('when a name holds a line break or another control character, then it is refused and nothing is stored', async () => {
  for (const name of ['Harbor\nClinic', 'Harbor\u001b[31mClinic', 'Harbor\u2028Clinic']) {
    const res = await api('POST', '/api/v1/organizations', { name });
    expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
    expect(res.body.detail).toContain('without control characters');
  }
  expect((await api('POST', '/api/v1/uploads', { name: 'scan\r\n.pdf', size: 1 })).status).toBe(400);
});

test('when a message is recalled with a reason holding an override, then readers see the reason without it', async () => {
  const client = `lee-${Date.now()}@client.example`;
  const sent = await api('POST', '/api/v1/messages', { subject: 'Lab', html: '<p>x</p>', to: [{ email: client }], confirmedInvitations: [client] });
  const recalled = await api('POST', `/api/v1/messages/${sent.body.id}/recall`, { reason: 'Wrong\u202E patient\nSorry' });
  expect(recalled.status).toBe(204);
  const read = await api('GET', `/api/v1/messages/${sent.body.id}`);
  expect(read.body.unavailable.note).toBe('Wrong patient\nSorry');
});
