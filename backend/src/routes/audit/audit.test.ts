/** The audit log over HTTP: filters, pages, chain verification (and what tampering looks like), CSV export. */
import { castOrganization, inviteAndRegister, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Audit Associates');
  const evil = await inviteAndRegister(t, cast.admin, { type: 'guest', name: '=cmd|"/c calc"!A1' });
  await t.api('DELETE', `/api/v1/members/${evil.accountId}`, { token: cast.userManager.accessToken });
});
afterAll(async () => {
  await t.stop();
});

const audit = (query: string, token = cast.admin.accessToken) => t.api('GET', `/api/v1/audit?${query}`, { token });

test('when the log is filtered by action family, actor and target, then only those events come back, with names', async () => {
  const removed = await audit('action=member.removed');
  expect(removed.status).toBe(200);
  expect(removed.body.events).toHaveLength(1);
  expect(removed.body.events[0]).toMatchObject({ action: 'member.removed', actor: { name: 'Uma Manager' }, target: { type: 'account' } });
  expect(removed.body.events[0].target.label).toMatch(/^=cmd\|"\/c calc"!A1 <guest/);

  const byManager = await audit('actor=uma');
  expect(byManager.body.events.length).toBeGreaterThan(0);
  expect(byManager.body.events.every((e: { actor: { name: string } }) => e.actor.name === 'Uma Manager')).toBe(true);

  const aboutPat = await audit('target=pat');
  expect(new Set(aboutPat.body.events.map((e: { action: string }) => e.action))).toEqual(new Set(['member.invited']));
  const seats = await audit('action=seats.');
  expect(seats.body.events.map((e: { action: string }) => e.action)).toEqual(['seats.purchased']);
  expect((await audit('action=member.')).body.events.every((e: { action: string }) => e.action.startsWith('member.'))).toBe(true);
});

test('when the log is read a page at a time, then pages follow each other without gaps or repeats', async () => {
  const all = (await audit('limit=200')).body.events.map((e: { seq: number }) => e.seq);
  const seen: number[] = [];
  let next: number | null = null;
  do {
    const page = await audit(`limit=4${next ? `&before=${next}` : ''}`);
    seen.push(...page.body.events.map((e: { seq: number }) => e.seq));
    next = page.body.next;
  } while (next);
  expect(seen).toEqual(all);
  expect(all[0]).toBeGreaterThan(all[all.length - 1]);
});

test('when the log is filtered by time, then a day in the future is empty and today has everything', async () => {
  const today = new Date().toISOString().slice(0, 10);
  expect((await audit('from=2999-01-01')).body.events).toEqual([]);
  expect((await audit(`from=${today}&to=${today}`)).body.events.length).toBe((await audit('limit=200')).body.events.length);
  expect((await audit(`to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).body.events).toEqual([]);
});

test('when the log is exported, then the CSV has the filtered events and a hostile name is text', async () => {
  const res = await fetch(`${t.url}/api/v1/audit/export.csv?action=member.removed`, { headers: { authorization: `Bearer ${cast.admin.accessToken}` } });
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await res.text()).trim().split('\r\n');
  expect(lines[0]).toBe('Seq,Time (UTC),Actor,Actor email,Action,Target type,Target,Target id,Details');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`"'=cmd|""/c calc""!A1 <guest`);
  expect((await audit('action=audit.exported')).body.events).toHaveLength(1);
});

test('when the chain is intact, then verification says so; when an event is altered, then it names the first broken one', async () => {
  const ok = await t.api('GET', '/api/v1/audit/verification', { token: cast.admin.accessToken });
  expect(ok.body).toMatchObject({ ok: true, brokenAtSeq: null });
  expect(ok.body.count).toBeGreaterThan(5);
  await t.store.db.query(`UPDATE audit_events SET data = '{"seats": 500}' WHERE organization_id = $1 AND seq = 3`, [cast.organizationId]);
  const broken = await t.api('GET', '/api/v1/audit/verification', { token: cast.admin.accessToken });
  expect(broken.body).toMatchObject({ ok: false, brokenAtSeq: 3, count: null });
});

test.each([
  'action=DROP%20TABLE',
  'from=yesterday',
  'to=2025-02-30T99:00:00Z',
  'before=0',
  'before=abc',
  'limit=1000',
  'target[]=x',
  'sort=seq',
  'from=0000-01-01',
  'to=0000-12-31T00:00:00Z',
])('when the query is %s, then it is 400 invalid_request', async (query) => {
  const res = await audit(query);
  expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
});

test('when the export is asked from year 0, then it is 400 before any row is streamed', async () => {
  const csv = await t.api('GET', '/api/v1/audit/export.csv?from=0000-01-01', { token: cast.admin.accessToken });
  expect([csv.status, csv.body.code]).toEqual([400, 'invalid_request']);
});

test('when a user manager or a guest asks for the audit log, then it is 403', async () => {
  for (const token of [cast.userManager.accessToken, cast.guest.accessToken]) {
    expect((await audit('', token)).status).toBe(403);
    expect((await t.api('GET', '/api/v1/audit/verification', { token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/audit/export.csv', { token })).status).toBe(403);
  }
});
