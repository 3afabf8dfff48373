/**
 * Two Sealpost instances as separate processes, as behind a load balancer, on the PostgreSQL server
 * (TEST_DATABASE_URL; a database of their own, dropped after) and one Azurite container, with one SMTP catcher as
 * their relay: signed in on one, served by the other; a member removed through one is refused by the other on the
 * next request; an upload's chunks through both; both mail workers and both sweeps running, and every email
 * delivered and every abandoned upload discarded exactly once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateKeyring, serializeKeyring } from './crypto/keyring';
import { startMailCatcher, type MailCatcher } from './mail/catcher';
import { startAzurite, type Azurite } from './testing/azurite';
import { startInstance, type InstanceProcess } from './testing/instances';

const serverUrl = process.env.TEST_DATABASE_URL;
const title = serverUrl
  ? 'two instances in two processes on one PostgreSQL server and one Azurite container'
  : 'two instances in two processes: skipped, set TEST_DATABASE_URL=postgres://… (a PostgreSQL server) to run them';

async function admin<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function call(base: string, method: string, pathname: string, options: { token?: string; body?: unknown; ip?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  const res = await fetch(`${base}${pathname}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

(serverUrl ? describe : describe.skip)(title, () => {
  let databaseUrl: string;
  let database: string;
  let azurite: Azurite;
  let catcher: MailCatcher;
  let a: InstanceProcess;
  let b: InstanceProcess;
  const dirs: string[] = [];

  beforeAll(async () => {
    database = `sealpost_instances_${randomBytes(6).toString('hex')}`;
    await admin(serverUrl!, `CREATE DATABASE ${database}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    azurite = await startAzurite();
    catcher = await startMailCatcher({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-instances-mail-')), port: 0 });
    const shared = {
      SEALPOST_MODE: 'embedded',
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: 'http://127.0.0.1:8080',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
      JWT_SECRET: randomBytes(48).toString('base64'),
      SEALPOST_KEYRING: serializeKeyring(generateKeyring()),
      BLOB_STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'instances',
    };
    const dataDir = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-instance-'));
      dirs.push(dir);
      return dir;
    };
    // started together, as a deployment would: the migration lock lets one of them migrate
    [a, b] = await Promise.all([startInstance({ ...shared, DATA_DIR: dataDir() }), startInstance({ ...shared, DATA_DIR: dataDir() })]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await catcher?.stop();
    await azurite?.stop();
    if (database) await admin(serverUrl!, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** The mail the relay caught for an address, waiting for the first (both workers poll every second). */
  async function mailFor(address: string) {
    for (let i = 0; i < 200; i++) {
      const caught = (await catcher.list()).filter((m) => m.to.includes(address));
      if (caught.length) return caught;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no mail for ${address}`);
  }
  const tokenIn = (text: string, pathname: string) => new RegExp(`${pathname}\\?token=([A-Za-z0-9_-]+)`).exec(text)![1]!;

  let owner: { accessToken: string; email: string };
  let member: { accessToken: string; accountId: string };

  test('when an organization signs up on A and confirms on B, then a token from A is served by B', async () => {
    // what a load balancer asks before sending traffic
    for (const base of [a.url, b.url]) expect((await fetch(`${base}/ready`)).status).toBe(200);
    const email = `owner-${Date.now()}@clinic.example`;
    expect((await call(a.url, 'POST', '/api/v1/signup', { ip: '198.51.100.1', body: { organizationName: 'Two Rooms', name: 'Ona Owner', email, password: 'two instances, one truth' } })).status).toBe(202);
    const [mail] = await mailFor(email);
    const confirmed = await call(b.url, 'POST', '/api/v1/signup/confirm', { body: { token: tokenIn(mail!.text, '/signup/confirm') } });
    expect(confirmed.status).toBe(201);
    const signedIn = await call(a.url, 'POST', '/api/v1/auth/login', { ip: '198.51.100.2', body: { email, password: 'two instances, one truth' } });
    expect(signedIn.status).toBe(200);
    owner = { accessToken: signedIn.body.accessToken, email };
    const me = await call(b.url, 'GET', '/api/v1/me', { token: owner.accessToken });
    expect([me.status, me.body.organization.name]).toEqual([200, 'Two Rooms']);
  }, 60_000);

  test('when a member is removed through A, then B refuses them on their next request', async () => {
    const email = `leaving-${Date.now()}@clinic.example`;
    expect((await call(a.url, 'POST', '/api/v1/invitations', { token: owner.accessToken, body: { email, name: 'Lee Leaving', type: 'guest' } })).status).toBe(201);
    const [mail] = await mailFor(email);
    const registered = await call(b.url, 'POST', '/api/v1/registration', { ip: '198.51.100.3', body: { token: tokenIn(mail!.text, '/register'), name: 'Lee Leaving', password: 'soon to be gone' } });
    expect(registered.status).toBe(200);
    member = { accessToken: registered.body.accessToken, accountId: (await call(a.url, 'GET', '/api/v1/me', { token: registered.body.accessToken })).body.account.id };
    // both instances have the member's session in memory now
    for (let i = 0; i < 3; i++) {
      expect((await call(a.url, 'GET', '/api/v1/me', { token: member.accessToken })).status).toBe(200);
      expect((await call(b.url, 'GET', '/api/v1/me', { token: member.accessToken })).status).toBe(200);
    }
    expect((await call(a.url, 'DELETE', `/api/v1/members/${member.accountId}`, { token: owner.accessToken })).status).toBe(204);
    // refused with the reason, on either instance: their access was revoked
    for (const instance of [b, a]) {
      const refused = await call(instance.url, 'GET', '/api/v1/me', { token: member.accessToken });
      expect([refused.status, refused.body.code]).toEqual([403, 'access_revoked']);
    }
  }, 60_000);

  test('when chunk 1 goes through A and chunk 2 through B, then the file downloads whole from either', async () => {
    const data = randomBytes(200_000);
    const created = await call(a.url, 'POST', '/api/v1/uploads', { token: owner.accessToken, body: { name: 'scan.pdf', size: data.length } });
    expect(created.status).toBe(201);
    const patch = (base: string, offset: number, bytes: Buffer) =>
      fetch(`${base}/api/v1/uploads/${created.body.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'tus-resumable': '1.0.0' },
        body: new Uint8Array(bytes),
      });
    expect((await patch(a.url, 0, data.subarray(0, 131_072))).status).toBe(204);
    const second = await patch(b.url, 131_072, data.subarray(131_072));
    expect([second.status, second.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
    for (const base of [a.url, b.url]) {
      const res = await fetch(`${base}/api/v1/files/${created.body.id}/content`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    }
  }, 60_000);

  test('when both mail workers run over a burst of emails, then each is delivered exactly once', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `guest${i}-${Date.now()}@client.example`);
    await Promise.all(emails.map((email, n) => call(n % 2 ? a.url : b.url, 'POST', '/api/v1/invitations', { token: owner.accessToken, body: { email, name: 'Gus Guest', type: 'guest' } })));
    for (const email of emails) await mailFor(email);
    // a few more polling rounds of both workers: a second copy would arrive now
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const caught = await catcher.list();
    expect(emails.map((email) => caught.filter((m) => m.to.includes(email)).length)).toEqual(emails.map(() => 1));
  }, 60_000);

  test('when both instances sweep an abandoned upload at once, then it is discarded once, with one audit event', async () => {
    const created = await call(b.url, 'POST', '/api/v1/uploads', { token: owner.accessToken, body: { name: 'left.pdf', size: 10 } });
    expect(created.status).toBe(201);
    await admin(databaseUrl, "UPDATE files SET updated_at = now() - interval '3 days' WHERE id = $1", [created.body.id]);
    const removed = await Promise.all([a.sweep(), b.sweep()]);
    expect(removed[0] + removed[1]).toBe(1);
    const events = await admin(databaseUrl, "SELECT 1 FROM audit_events WHERE action = 'file.discarded' AND target_id = $1", [created.body.id]);
    expect(events).toHaveLength(1);
    expect((await call(a.url, 'HEAD', `/api/v1/uploads/${created.body.id}`, { token: owner.accessToken })).status).toBe(404);
  }, 60_000);
});
