/**
 * Starts a real OpenID provider on loopback for a test (oidcProviderProcess.mjs, the `oidc-provider` package in a
 * child process), with test clients and users whose claims (tid, amr, email_verified) the test chooses, and walks an
 * authorization request through it the way a browser would: following redirects with a cookie jar and signing in
 * the user named by the request's login_hint (or by `email`) on the provider's login page.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { JWK } from 'jose';

export interface TestOidcUser {
  sub: string;
  email: string;
  emailVerified?: boolean;
  name?: string;
  /** Entra's tenant id claim; omitted means the provider sends none. */
  tid?: string;
  /** Entra's object id of the user; omitted means the provider sends none. */
  oid?: string;
  /** Authentication methods of the sign-in, e.g. ['pwd', 'mfa']; omitted means the provider sends none. */
  amr?: string[];
}

export interface TestOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** How the next ID token from the token endpoint is forged or mismatched (see oidcProviderProcess.mjs). */
export type IdTokenTampering = 'issuer' | 'audience' | 'nonce' | 'expired' | 'alg-none' | 'unknown-key' | 'signature';

export interface TestOidcProvider {
  issuer: string;
  /** The public half of the provider's signing key. */
  publicJwk: JWK;
  /** The next ID token the token endpoint returns is changed this way; later ones are genuine again. */
  tamperNextIdToken(kind: IdTokenTampering): Promise<void>;
  setUsers(users: TestOidcUser[]): Promise<void>;
  stop(): Promise<void>;
}

const SCRIPT = path.join(__dirname, 'oidcProviderProcess.mjs');

export async function startOidcProvider(options: { clients: TestOidcClient[]; users: TestOidcUser[] }): Promise<TestOidcProvider> {
  const controlSecret = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  child.stdin.write(`${JSON.stringify({ clients: options.clients, users: options.users, controlSecret })}\n`);
  const ready = await firstLine(child).catch((error: Error) => {
    child.kill();
    throw new Error(`the test OpenID provider did not start: ${error.message}\n${stderr}`);
  });
  const { issuer, publicJwk } = JSON.parse(ready) as { issuer: string; publicJwk: JWK };

  const control = async (what: string, body: unknown) => {
    const answer = await fetch(`${issuer}/__control/${what}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${controlSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (answer.status !== 204) throw new Error(`test provider control ${what} answered ${answer.status}`);
  };

  return {
    issuer,
    publicJwk,
    tamperNextIdToken: (kind) => control('tamper', { kind }),
    setUsers: (users) => control('users', { users }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
        // A provider that does not leave on its own within a second is stopped.
        setTimeout(() => child.kill(), 1000).unref();
      }),
  };
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.setEncoding('utf8');
    const onData = (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end >= 0) {
        child.stdout.off('data', onData);
        resolve(buffered.slice(0, end));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`it exited with code ${code}`)));
    child.once('error', reject);
  });
}

/**
 * Follows an authorization URL like a browser until the provider redirects to `redirectUri`, and returns that
 * callback URL (with its code and state, or an error). On the provider's login form it signs in as `email`.
 */
export async function followAuthorization(authorizationUrl: URL, redirectUri: string, email?: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (answer: Response) => {
    for (const line of answer.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  let next = new URL(authorizationUrl);
  let init: RequestInit = { method: 'GET' };
  for (let hop = 0; hop < 20; hop += 1) {
    if (next.href.startsWith(redirectUri)) return next;
    const answer = await fetch(next, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookieHeader() } });
    remember(answer);
    const location = answer.headers.get('location');
    if (answer.status >= 300 && answer.status < 400 && location) {
      next = new URL(location, next);
      init = { method: 'GET' };
      continue;
    }
    const page = await answer.text();
    const form = /<form method="post" action="([^"]+)"/.exec(page);
    if (answer.status === 200 && form && email !== undefined) {
      next = new URL(form[1]!, next);
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email }).toString(),
      };
      email = undefined; // sign in once; a second form means the address was refused
      continue;
    }
    throw new Error(`the test provider stopped at ${next.pathname} with ${answer.status}: ${page.slice(0, 300)}`);
  }
  throw new Error('the test provider redirected more than 20 times');
}
