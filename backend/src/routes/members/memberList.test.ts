/**
 * GET /api/v1/members as the admin page uses it, on PGlite and (when TEST_DATABASE_URL is set) PostgreSQL:
 * prefix search, filters, every sort order paged with keyset cursors, and hostile query strings.
 */
import { testDatabaseKinds } from '../../store/testing/testStore';
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';

const NAMES = ['Ada Lovelace', 'alan Turing', 'Grace Hopper', 'Édith Piaf', 'Zoë Quinn', 'Bob 100%_Sure', 'Carol Reyes', 'Dana Reyes',
  '=cmd|calc', 'Bob Reyes-Smith'];

describe.each(testDatabaseKinds())('member list on %s', (database) => {
  let t: TestServer;
  let owner: SignedUp;
  let ownerId: string;
  const seeded: { accountId: string; name: string; email: string; type: 'pro' | 'guest'; loggedIn: boolean }[] = [];

  beforeAll(async () => {
    t = await startTestServer({ database });
    owner = await signUpOrganization(t, { name: 'Owen Owner', organizationName: 'Paging Practice' });
    ownerId = (await t.api('GET', '/api/v1/me', { token: owner.accessToken })).body.account.id;
    seeded.push({ accountId: ownerId, name: 'Owen Owner', email: owner.email, type: 'pro', loggedIn: true });
    // 40 people seeded straight into the store: the list is what is under test, not inviting.
    for (let i = 0; i < 40; i += 1) {
      const name = NAMES[i % NAMES.length]!;
      const email = `p${String(i).padStart(2, '0')}.${i % 3 === 0 ? 'x_y' : 'plain'}@list-${database}.example`;
      const account = await t.store.accounts.create({ email, name, passwordHash: i % 4 === 0 ? null : 'x' });
      const type = i % 5 === 0 ? 'pro' : 'guest';
      await t.store.memberships.create({ organizationId: owner.organizationId, accountId: account.id, type, status: i % 4 === 0 ? 'invited' : 'active' });
      if (i % 7 === 0) await t.store.memberships.recordLogin(owner.organizationId, account.id);
      seeded.push({ accountId: account.id, name, email, type, loggedIn: i % 7 === 0 });
    }
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  const list = (query: string) => t.api('GET', `/api/v1/members?${query}`, { token: owner.accessToken });

  async function walk(query: string, limit: number): Promise<{ accountId: string; name: string; email: string }[]> {
    const seen = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const res = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.members.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.members);
      cursor = res.body.next;
      if (!cursor) return seen;
    }
    throw new Error('no last page after 100 pages');
  }

  test.each([
    ['name', 'asc'],
    ['name', 'desc'],
    ['email', 'asc'],
    ['email', 'desc'],
    ['joined', 'asc'],
    ['joined', 'desc'],
    ['lastLogin', 'desc'],
    ['lastLogin', 'asc'],
  ])('when all members are paged 7 at a time sorted by %s %s, then each appears exactly once, in order', async (sort, direction) => {
    const rows = await walk(`sort=${sort}&direction=${direction}`, 7);
    expect(rows.map((r) => r.accountId).sort()).toEqual(seeded.map((s) => s.accountId).sort());
    if (sort === 'name' || sort === 'email') {
      const keys = rows.map((r) => (sort === 'name' ? r.name.trim().toLowerCase() : r.email));
      const sorted = [...keys].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0));
      expect(keys).toEqual(direction === 'asc' ? sorted : sorted.reverse());
    }
    if (sort === 'lastLogin' && direction === 'desc') {
      const loggedIn = seeded.filter((s) => s.loggedIn).length;
      expect(rows.slice(0, loggedIn).every((r) => seeded.find((s) => s.accountId === r.accountId)!.loggedIn)).toBe(true);
    }
  });

  test('when the first page is asked for, then it says how many match and the later pages do not', async () => {
    const first = await list('limit=5&type=pro');
    expect(first.body.total).toBe(seeded.filter((s) => s.type === 'pro').length);
    const second = await list(`limit=5&type=pro&cursor=${encodeURIComponent(first.body.next)}`);
    expect(second.body.total).toBeNull();
  });

  test('when searched and filtered, then the first page says exactly how many members the pages hold', async () => {
    for (const query of ['', 'q=reyes', 'q=p0&type=pro', 'type=guest', 'role=none', 'role=admin', 'status=invited', 'status=registered&type=guest', 'status=removed']) {
      const first = await list(`${query}&limit=3`);
      const all = await walk(query, 50);
      expect({ query, total: first.body.total, capped: first.body.totalIsCapped }).toEqual({ query, total: all.length, capped: false });
    }
  });

  test.each([
    ['reyes', ['Bob Reyes-Smith', 'Carol Reyes', 'Dana Reyes']],
    ['REYES-', ['Bob Reyes-Smith']],
    ['carol r', ['Carol Reyes']],
    ['édith', ['Édith Piaf']],
    ['bob 100%_', ['Bob 100%_Sure']],
    ['bob 1000', []],
    ['%', []],
    ['=cmd', ['=cmd|calc']],
  ])('when searching for "%s", then the names that start with it (or whose last word does) are found', async (q, expected) => {
    const rows = await walk(`q=${encodeURIComponent(q)}`, 50);
    expect([...new Set(rows.map((r) => r.name))].sort()).toEqual(expected);
  });

  test('when searching by the start of an address, then _ is taken literally and only addresses match', async () => {
    const rows = await walk(`q=${encodeURIComponent('p03.x_y@')}`, 50);
    expect(rows.map((r) => r.email)).toEqual([`p03.x_y@list-${database}.example`]);
    expect(await walk('q=p0', 50)).toHaveLength(10);
  });

  test('when filtering by type, role and status, then only matching members come back', async () => {
    const pros = await walk('type=pro', 50);
    expect(pros.map((r) => r.accountId).sort()).toEqual(seeded.filter((s) => s.type === 'pro').map((s) => s.accountId).sort());
    const admins = await walk('role=admin', 50);
    expect(admins.map((r) => r.accountId)).toEqual([ownerId]);
    expect(await walk('role=none', 50)).toHaveLength(40);
    const invited = await walk('status=invited', 50);
    expect(invited).toHaveLength(10);
    expect(invited.every((r: any) => r.state === 'invited' && r.status === 'invited')).toBe(true);
    const registered = await walk('status=registered&type=guest', 50);
    expect(registered.every((r: any) => r.state === 'registered' && r.type === 'guest')).toBe(true);
    expect(await walk('status=removed', 50)).toEqual([]);
  });

  test('when a cursor is altered or reused with another order, then it is 400 invalid_cursor', async () => {
    const first = await list('limit=3&sort=email');
    const other = await list(`limit=3&sort=name&cursor=${encodeURIComponent(first.body.next)}`);
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('invalid_cursor');
    const forged = Buffer.from(JSON.stringify({ s: 'joined', d: 'asc', k: "'; drop table accounts; --", a: ownerId })).toString('base64url');
    for (const cursor of ['nope', forged, Buffer.from('[]').toString('base64url'), 'a'.repeat(601)]) {
      const res = await list(`sort=joined&cursor=${cursor}`);
      expect({ cursor: cursor.slice(0, 20), status: res.status }).toEqual({ cursor: cursor.slice(0, 20), status: 400 });
    }
    // Well-formed cursors at the ends of time are positions like any other: an empty or a full page, never an error.
    for (const [k, expected] of [['9999999999999999', 0], ['-9999999999999999', 3]] as const) {
      const edge = Buffer.from(JSON.stringify({ s: 'lastLogin', d: 'asc', k, a: ownerId })).toString('base64url');
      const res = await list(`sort=lastLogin&limit=3&cursor=${edge}`);
      expect({ k, status: res.status, count: res.body.members?.length }).toEqual({ k, status: 200, count: expected });
    }
  });

  test.each([
    'limit=0',
    'limit=501',
    'limit=ten',
    'sort=password_hash',
    'direction=sideways',
    'status=active',
    'q[]=a&q[]=b',
    'q=a&q=b',
    `q=${'a'.repeat(101)}`,
    'type=admin',
    'unknown=1',
  ])('when the query is %s, then it is 400 invalid_request and never a 5xx', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
  });
});
