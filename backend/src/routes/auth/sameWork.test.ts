/**
 * Whether an address has an account must not show in how long the answer takes: reset, sign-up and sign-in do the
 * same work for every address. Compared as work (the repository calls made, the argon2 operations run), which
 * does not depend on a shared machine's speed.
 */
import argon2 from 'argon2';
import { requestPasswordReset } from '../../commands/passwordResetter';
import { signIn } from '../../commands/signIn';
import { requestSignUp } from '../../commands/signUp';
import type { AppDeps } from '../../deps';
import type { Repositories, Store } from '../../store';
import { signUpOrganization } from '../../testing/accounts';
import { uniqueEmail } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await t.stop();
});

/** The real store, with every repository call (and transaction) written down by name as it is made. */
function observed(store: Store, calls: string[]): Store {
  const repository = (name: string, target: object) =>
    new Proxy(target, {
      get(repo, key) {
        const value = Reflect.get(repo, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(key)}`);
          return value.apply(repo, args);
        };
      },
    });
  const repositories = <R extends Repositories>(target: R): R =>
    new Proxy(target, {
      get(repos, key) {
        const value = Reflect.get(repos, key);
        if (key === 'transaction') {
          return <T>(fn: (tx: Repositories) => Promise<T>) => {
            calls.push('transaction');
            return (value as Store['transaction']).call(repos, (tx) => fn(repositories(tx)));
          };
        }
        return value && typeof value === 'object' ? repository(String(key), value) : value;
      },
    });
  return repositories(store);
}

/** Runs `work` against the observed store; answers the repository calls and argon2 operations it made. */
async function workOf(work: (deps: AppDeps) => Promise<unknown>): Promise<{ calls: string[]; hashes: number; verifies: number }> {
  const calls: string[] = [];
  const hash = jest.spyOn(argon2, 'hash');
  const verify = jest.spyOn(argon2, 'verify');
  try {
    await work({ ...t.deps, store: observed(t.store, calls) }).catch(() => undefined);
    return { calls, hashes: hash.mock.calls.length, verifies: verify.mock.calls.length };
  } finally {
    hash.mockRestore();
    verify.mockRestore();
  }
}

test('when a reset is asked for an address with an account and for one without, then both do the same work', async () => {
  const owner = await signUpOrganization(t);
  const known = await workOf((deps) => requestPasswordReset(deps, { email: owner.email, ip: '192.0.2.201' }));
  const unknown = await workOf((deps) => requestPasswordReset(deps, { email: uniqueEmail('nobody'), ip: '192.0.2.202' }));
  expect(known.calls).toContain('outbox.enqueue');
  expect(unknown).toEqual(known);
});

test('when sign-up is asked for an address in use and for a new one, then both do the same work', async () => {
  const owner = await signUpOrganization(t);
  const input = (email: string) => ({ organizationName: 'X', name: 'X', email, password: 'a good long passphrase', client: { ip: '192.0.2.203', userAgent: null } });
  const taken = await workOf((deps) => requestSignUp(deps, input(owner.email)));
  const fresh = await workOf((deps) => requestSignUp(deps, input(uniqueEmail('fresh'))));
  expect(taken.hashes).toBe(1);
  expect(fresh).toEqual(taken);
});

test('when sign-in names an unknown address or a wrong password, then both verify one argon2 hash and make the same calls', async () => {
  const owner = await signUpOrganization(t);
  const attempt = (email: string) => (deps: AppDeps) =>
    signIn(deps, { email, password: 'not the password at all', client: { ip: '192.0.2.204', userAgent: null } });
  const wrong = await workOf(attempt(owner.email));
  const unknown = await workOf(attempt(uniqueEmail('nobody')));
  expect(wrong.verifies).toBe(1);
  expect(unknown).toEqual(wrong);
});
