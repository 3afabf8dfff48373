/** Storage is bounded: uploads not yet sent per person (count and declared bytes), and all files per organization. */
import { randomBytes } from 'node:crypto';
import { castOrganization, type Cast } from '../../testing/members';
import { testDatabaseKinds } from '../../store/testing/testStore';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { createUpload, uploadBytes } from './testSupport';

const GB = 1_000_000_000;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { MAX_OPEN_UPLOADS: '3', MAX_UNSENT_UPLOAD_GB: '12', ORGANIZATION_STORAGE_GB: '25' } });
}, 120_000);
afterAll(async () => {
  await t.stop();
});

const fileRows = async (cast: Cast) =>
  (await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files WHERE organization_id = $1', [cast.organizationId]))[0]!.n;
const declare = (token: string, size: number) => createUpload(t, token, { name: 'scan.bin', size });

test('when a guest keeps starting uploads without sending them, then the one beyond the limit is refused until one is sent', async () => {
  const cast = await castOrganization(t, 'Open Uploads Clinic');
  const ids = [];
  for (let i = 0; i < 3; i += 1) ids.push(await uploadBytes(t, cast.guest.accessToken, randomBytes(100)));
  const before = await fileRows(cast);
  const refused = await declare(cast.guest.accessToken, 10);
  expect([refused.status, refused.body.code]).toEqual([409, 'too_many_open_uploads']);
  expect(refused.body.detail).toMatch(/^You already have 3 uploads that were not sent with a message/);
  expect(await fileRows(cast)).toBe(before);
  // the limit is the person's: someone else in the organization still uploads
  expect((await declare(cast.pro.accessToken, 10)).status).toBe(201);
  // a file sent with a message is no longer waiting, which frees a place
  const sent = await t.api('POST', '/api/v1/messages', { token: cast.guest.accessToken, body: { html: '<p>scan</p>', to: [{ email: cast.pro.email }], attachmentIds: [ids[0]] } });
  expect(sent.status).toBe(201);
  expect((await declare(cast.guest.accessToken, 10)).status).toBe(201);
});

test('when a person declares more unsent bytes than allowed, then the upload that goes past it is refused with 413', async () => {
  const cast = await castOrganization(t, 'Large Uploads Clinic');
  expect((await declare(cast.guest.accessToken, 5 * GB)).status).toBe(201);
  expect((await declare(cast.guest.accessToken, 5 * GB)).status).toBe(201);
  const refused = await declare(cast.guest.accessToken, 5 * GB);
  expect([refused.status, refused.body.code]).toEqual([413, 'unsent_uploads_too_large']);
  expect(refused.body.detail).toContain('more than 12 GB');
  expect(await fileRows(cast)).toBe(2);
  expect((await declare(cast.guest.accessToken, 2 * GB)).status).toBe(201);
});

test("when an organization's files would pass its storage limit, then any member's or guest's new upload is refused with 413", async () => {
  const cast = await castOrganization(t, 'Full Storage Clinic');
  for (const member of [cast.guest, cast.guest, cast.pro, cast.pro, cast.userManager]) {
    expect((await declare(member.accessToken, 5 * GB)).status).toBe(201);
  }
  const refused = await declare(cast.admin.accessToken, 1);
  expect([refused.status, refused.body.code]).toEqual([413, 'storage_quota_exceeded']);
  expect(refused.body.detail).toContain('25 GB');
  expect(await fileRows(cast)).toBe(5);
  // another organization's storage is its own
  const other = await castOrganization(t, 'Empty Storage Clinic');
  expect((await declare(other.guest.accessToken, 5 * GB)).status).toBe(201);
});

// Parallel starts are where a check without the organization's lock would let every one through (PostgreSQL runs them at once).
describe.each(testDatabaseKinds())('on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { MAX_OPEN_UPLOADS: '3' } });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
  });

  test('when one person starts many uploads at once, then no more than the limit are accepted', async () => {
    const cast = await castOrganization(server, 'Parallel Uploads Clinic');
    const answers = await Promise.all(Array.from({ length: 8 }, () => createUpload(server, cast.guest.accessToken, { name: 'scan.bin', size: 10 })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'too_many_open_uploads')).toHaveLength(5);
    const [row] = await server.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files WHERE organization_id = $1', [cast.organizationId]);
    expect(row!.n).toBe(3);
  });
});
