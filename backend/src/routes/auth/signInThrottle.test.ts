/**
 * Password guessing is slowed without handing attackers a lock-out switch (NIST SP 800-63B §5.2.2): waits grow per
 * account and client address, the owner's known browsers still get in, and only a hundred consecutive failures from
 * unknown browsers make those wait too.
 */
import { signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

let ipCounter = 0;
/** A client address not used before in this file: 10.x.y.z, as many as needed. */
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

function attempt(email: string, password: string, options: { ip: string; device?: string }) {
  return t.api('POST', '/api/v1/auth/login', {
    ip: options.ip,
    body: { email, password },
    headers: options.device ? { cookie: `sp_device=${options.device}` } : {},
  });
}

/** Signs in once with the right password; answers the device token the browser was given. */
async function knownDevice(email: string, password: string): Promise<string> {
  const res = await attempt(email, password, { ip: nextIp() });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((line) => line.startsWith('sp_device='));
  expect(cookie).toMatch(/HttpOnly/);
  return cookie!.slice('sp_device='.length).split(';')[0]!;
}

test('when many wrong passwords come from many addresses, then the owner still signs in, from a known browser or a new one', async () => {
  const owner = await signUpOrganization(t);
  const device = await knownDevice(owner.email, owner.password);
  for (let i = 0; i < 15; i += 1) expect((await attempt(owner.email, `guess ${i}`, { ip: nextIp() })).status).toBe(401);
  expect((await attempt(owner.email, owner.password, { ip: nextIp(), device })).status).toBe(200);
  expect((await attempt(owner.email, owner.password, { ip: nextIp() })).status).toBe(200);
});

test('when one address keeps guessing, then after five failures it waits, and the wait doubles', async () => {
  const owner = await signUpOrganization(t);
  const ip = nextIp();
  for (let i = 0; i < 5; i += 1) expect((await attempt(owner.email, `guess ${i}`, { ip })).status).toBe(401);
  const waiting = await attempt(owner.email, owner.password, { ip });
  expect([waiting.status, waiting.body.code]).toEqual([429, 'rate_limited']);
  expect(Number(waiting.headers.get('retry-after'))).toBe(1);

  await new Promise((resolve) => setTimeout(resolve, 1_100));
  expect((await attempt(owner.email, 'guess 5', { ip })).status).toBe(401);
  const longer = await attempt(owner.email, 'guess 6', { ip });
  expect(longer.status).toBe(429);
  expect(Number(longer.headers.get('retry-after'))).toBe(2);
  // The owner elsewhere is not slowed by it.
  expect((await attempt(owner.email, owner.password, { ip: nextIp() })).status).toBe(200);
});

test('when guesses arrive all at once from one address, then only the free ones are tried', async () => {
  const owner = await signUpOrganization(t);
  const ip = nextIp();
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(owner.email, `guess ${i}`, { ip })));
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(5);
});

test('when a hundred failures from unknown browsers reach the account ceiling, then those wait but a known browser gets in', async () => {
  const owner = await signUpOrganization(t);
  const other = await signUpOrganization(t);
  const device = await knownDevice(owner.email, owner.password);
  const othersDevice = await knownDevice(other.email, other.password);
  for (let i = 0; i < 100; i += 1) await attempt(owner.email, `guess ${i}`, { ip: nextIp() });
  const unknownBrowser = await attempt(owner.email, owner.password, { ip: nextIp() });
  expect(unknownBrowser.status).toBe(429);
  // Another account's device token is no key to this one.
  expect((await attempt(owner.email, owner.password, { ip: nextIp(), device: othersDevice })).status).toBe(429);
  expect((await attempt(owner.email, owner.password, { ip: nextIp(), device })).status).toBe(200);
});

test('when one client address has used up its sign-in attempts, then an owner behind it still gets in from a known browser', async () => {
  const owner = await signUpOrganization(t);
  const device = await knownDevice(owner.email, owner.password);
  const shared = nextIp();
  for (let i = 0; i < 31; i += 1) await attempt(`someone${i}@clinic.example`, 'guess', { ip: shared });
  expect((await attempt(owner.email, owner.password, { ip: shared })).status).toBe(429);
  expect((await attempt(owner.email, owner.password, { ip: shared, device })).status).toBe(200);
});
