/**
 * A real OpenID provider for tests (the certified `oidc-provider` package, in its own Node process because it ships
 * only ES modules), listening on a random loopback port. It reads its settings as JSON on stdin, prints
 * {"issuer": "..."} on stdout once it listens, and answers until its stdin closes. The login page signs in the test
 * user named by `login_hint` at once, or shows a one-field form (for the browser); consent is implied. A control
 * endpoint, guarded by a secret the parent chose, swaps the users or tampers with the next ID token the token
 * endpoint returns, so tests can prove the relying party refuses each kind of forged or mismatched token.
 * Started by testing/oidcProvider.ts; not part of the product.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const settings = JSON.parse(await readStdinLine());
let users = settings.users;
let tamperNext = null;

const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
const signingKid = `test-${randomUUID()}`;
const signingJwk = { ...(await exportJWK(privateKey)), kid: signingKid, alg: 'RS256', use: 'sig' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const findUser = (predicate) => users.find(predicate) ?? null;

const provider = new Provider(issuer, {
  clients: settings.clients.map((c) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: c.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString('base64')] },
  // Entra sends tid and oid with the profile scope; email and email_verified come with the email scope.
  // amr (how the person signed in) rides with openid, as it does at Entra and Okta.
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'tid', 'oid'] },
  // Put the user's claims into the ID token itself, as Entra and Google do, not only behind the userinfo endpoint.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { methods: ['S256'], required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const user = findUser((u) => u.sub === sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        const claims = { sub, email: user.email, email_verified: user.emailVerified ?? true, name: user.name ?? user.email };
        return { ...claims, ...(user.tid === undefined ? {} : { tid: user.tid }), ...(user.oid === undefined ? {} : { oid: user.oid }) };
      },
    };
  },
  // First-party test clients: every signed-in user has granted the scopes asked for.
  async loadExistingGrant(ctx) {
    const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && tamperNext && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token, tamperNext) };
    tamperNext = null;
  }
});

/** The ID token as it would look forged or mismatched in one way; all other parts stay genuine. */
async function tamper(idToken, kind) {
  const claims = decodeJwt(idToken);
  const header = decodeProtectedHeader(idToken);
  const now = Math.floor(Date.now() / 1000);
  const resign = (payload, key = privateKey, kid = header.kid) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: header.typ, kid }).sign(key);
  switch (kind) {
    case 'issuer':
      return resign({ ...claims, iss: 'http://127.0.0.1:9/' });
    case 'audience':
      return resign({ ...claims, aud: 'another-client' });
    case 'nonce':
      return resign({ ...claims, nonce: 'a-nonce-from-another-sign-in' });
    case 'expired':
      return resign({ ...claims, iat: now - 7200, exp: now - 3600 });
    case 'alg-none': {
      const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    }
    case 'unknown-key': {
      const stranger = await generateKeyPair('RS256');
      return resign(claims, stranger.privateKey, `unknown-${randomUUID()}`);
    }
    case 'signature': {
      // The genuine signature over a changed payload.
      const [head, , signature] = idToken.split('.');
      const forged = Buffer.from(JSON.stringify({ ...claims, email: 'someone.else@example.com' })).toString('base64url');
      return `${head}.${forged}.${signature}`;
    }
    default:
      throw new Error(`unknown tamper kind ${kind}`);
  }
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(res, uid, message) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Email <input name="email" type="email" autocomplete="username"></label>
<button type="submit">Sign in</button></form></body></html>`);
}

async function finishLogin(req, res, user) {
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub, ...(user.amr ? { amr: user.amr } : {}) } },
    { mergeWithLastSubmission: false },
  );
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function handleInteraction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return loginForm(res, details.uid, 'This sign-in expired; start again.');
  if (action === 'login' && req.method === 'POST') {
    const email = new URLSearchParams(await readBody(req)).get('email') ?? '';
    const user = findUser((u) => u.email.toLowerCase() === email.trim().toLowerCase());
    return user ? finishLogin(req, res, user) : loginForm(res, uid, `No test user has the address ${email}.`);
  }
  const hint = details.params.login_hint;
  const hinted = typeof hint === 'string' ? findUser((u) => u.email.toLowerCase() === hint.toLowerCase()) : null;
  return hinted ? finishLogin(req, res, hinted) : loginForm(res, uid);
}

async function handleControl(req, res) {
  if (req.headers.authorization !== `Bearer ${settings.controlSecret}`) {
    res.writeHead(401).end();
    return;
  }
  const body = JSON.parse((await readBody(req)) || '{}');
  if (req.url === '/__control/tamper') tamperNext = body.kind;
  else if (req.url === '/__control/users') users = body.users;
  else return res.writeHead(404).end();
  res.writeHead(204).end();
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const url = new URL(req.url, issuer);
  const interaction = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(url.pathname);
  const work = url.pathname.startsWith('/__control/')
    ? handleControl(req, res)
    : interaction
      ? handleInteraction(req, res, interaction[1], interaction[2])
      : Promise.resolve(callback(req, res));
  work.catch((error) => {
    process.stderr.write(`test provider: ${error.stack ?? error}\n`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('test provider error');
  });
});

process.stdout.write(`${JSON.stringify({ issuer, signingKid, publicJwk: await exportJWK(publicKey) })}\n`);
// The parent closing stdin (or dying) ends the provider.
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();

function readStdinLine() {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      process.stdin.off('data', onData);
      process.stdin.pause();
      resolve(buffered.slice(0, end));
    };
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onData);
    process.stdin.once('error', reject);
  });
}
