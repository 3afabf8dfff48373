/**
 * Server-rendered account pages that work without JavaScript: sign up, confirm sign-up, sign in, forgot and
 * reset password, and the home address, which sends signed-in people to the portal (or to the page that asked them
 * to sign in). Forms carry a double-submit token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { isResetLinkUsable, requestPasswordReset, resetPassword } from '../../commands/passwordResetter';
import { signIn } from '../../commands/signIn';
import { confirmSignUp, requestSignUp } from '../../commands/signUp';
import { contract } from '../../contract';
import type { Config } from '../../config';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { authenticate } from '../../http/authenticate';
import { noStore } from '../../http/cacheControl';
import { clearSessionCookies, cookieNames, cookieOptions, readCookies, setSessionCookies } from '../../http/cookies';
import { redirectTarget } from '../../http/redirectTarget';
import { clientInfo } from '../auth/auth.router';
import { twoStepPages } from '../twoStep/twoStepPages';
import { loginScript } from './loginScript';
import { ssoPages } from './ssoPages';
import { html, page, pagesCss, type Html } from './layout';


/** A page of this site to return to after sign-in (see http/redirectTarget), never one that loops back to sign-in. */
export function safeNext(value: unknown): string | null {
  const target = redirectTarget(value);
  if (!target) return null;
  const pathname = new URL(target, 'http://sealpost.invalid').pathname;
  return pathname === '/' || pathname === '/login' || pathname === '/logout' ? null : target;
}

/** The double-submit token of the server-rendered forms, in a cookie named and flagged like the session's. */
function formTokens(config: Config) {
  const name = cookieNames(config).form;
  return {
    formToken(req: Request, res: Response): string {
      const existing = readCookies(req)[name];
      if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
      const token = randomBytes(24).toString('base64url');
      res.cookie(name, token, cookieOptions(config));
      return token;
    },
    formTokenValid(req: Request): boolean {
      const cookie = readCookies(req)[name];
      const field = typeof req.body?._form === 'string' ? (req.body._form as string) : '';
      return !!cookie && cookie.length === field.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
    },
  };
}

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 1024) : '';
}

function errorBox(message: string | undefined): Html {
  return message ? html`<p class="error" role="alert">${message}</p>` : html``;
}

/** A refused form is shown again with the reason; anything unexpected goes to the error handler. */
function messageOf(err: unknown): string {
  if (err instanceof AppError && err.status < 500) return err.message;
  throw err;
}

const EXPIRED_FORM = 'This form has expired. Reload the page and try again.';

export function authPagesRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const names = cookieNames(deps.config);
  const { formToken, formTokenValid } = formTokens(deps.config);
  const send = (res: Response, title: string, body: Html, status = 200) => res.status(status).type('html').send(page(title, body));

  router.get('/static/pages.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(pagesCss);
  });
  router.get('/static/login.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600').send(loginScript);
  });
  // Everything after the stylesheet shows who is signed in, carries form tokens or a reset link: never stored.
  router.use(noStore);

  const signUpForm = (req: Request, res: Response, error?: string, status = 200) =>
    send(res, 'Start your organization', html`${errorBox(error)}
      <form method="post" action="/signup"><input type="hidden" name="_form" value="${formToken(req, res)}">
      <label for="org">Organization name</label><input id="org" name="organizationName" required maxlength="120" value="${field(req, 'organizationName')}">
      <label for="name">Your name</label><input id="name" name="name" required maxlength="120" autocomplete="name" value="${field(req, 'name')}">
      <label for="email">Work email</label><input id="email" name="email" type="email" required autocomplete="email" value="${field(req, 'email')}">
      <label for="password">Password</label><input id="password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password">
      <p class="note">At least 8 characters. A passphrase of a few words works well.</p>
      <button type="submit">Create organization</button></form>
      <p class="links">Already have an account? <a href="/login">Sign in</a></p>`, status);

  router.get('/signup', (req, res) => signUpForm(req, res));
  router.post('/signup', async (req, res) => {
    if (!formTokenValid(req)) return signUpForm(req, res, EXPIRED_FORM, 403);
    const email = field(req, 'email');
    // The same rules as the API's sign-up: names lose bidi and control characters, lengths are bounded.
    const parsed = contract.auth.signUp.body.safeParse({
      organizationName: field(req, 'organizationName').trim() || 'My organization',
      name: field(req, 'name').trim() || email,
      email,
      password: field(req, 'password'),
    });
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path[0] === 'email' ? 'email address' : parsed.error.issues[0]?.path[0] === 'password' ? 'password' : 'names';
      return signUpForm(req, res, `Check the ${where}: it cannot be used as typed.`, 400);
    }
    try {
      await requestSignUp(deps, { ...parsed.data, client: clientInfo(req) });
    } catch (err) {
      return signUpForm(req, res, messageOf(err), 400);
    }
    send(res, 'Check your email', html`<p>We sent an email to <strong>${email}</strong>. Open the link in it to finish creating your organization.</p>`);
  });

  const invalidLink = (res: Response) =>
    send(res, 'This link no longer works', html`<p>The link has expired or was already used.</p><p class="links"><a href="/login">Sign in</a> · <a href="/forgot-password">Reset your password</a></p>`, 410);

  // Links open a page with a button rather than acting on GET: mail scanners fetch links before people do.
  router.get('/signup/confirm', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    send(res, 'Confirm your email', html`<form method="post" action="/signup/confirm"><input type="hidden" name="_form" value="${formToken(req, res)}">
      <input type="hidden" name="token" value="${token}"><p>Confirm this email address to create your organization.</p>
      <button type="submit">Confirm and continue</button></form>`);
  });
  router.post('/signup/confirm', async (req, res) => {
    if (!formTokenValid(req)) return send(res, 'Confirm your email', errorBox(EXPIRED_FORM), 403);
    try {
      setSessionCookies(res, deps.config, await confirmSignUp(deps, field(req, 'token'), clientInfo(req)));
    } catch (err) {
      messageOf(err);
      return invalidLink(res);
    }
    res.redirect(303, '/');
  });

  const loginForm = (req: Request, res: Response, error?: string, status = 200) =>
    send(res, 'Sign in', html`${errorBox(error)}
      <form method="post" action="/login"><input type="hidden" name="_form" value="${formToken(req, res)}">
      <label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="username" value="${field(req, 'email')}">
      <div id="sso" hidden><a id="sso-start" class="button" href="/login">Continue with your organization</a>
      <p class="note">Your organization signs you in. Guests sign in with their password below.</p></div>
      <label for="password">Password</label><input id="password" name="password" type="password" required autocomplete="current-password">
      <button type="submit">Sign in</button></form>
      <p class="links"><a href="/forgot-password">Forgot your password?</a> · <a href="/signup">Start an organization</a></p>
      <script src="/static/login.js" defer></script>`, status);

  // ?next= (the portal sends signed-out visitors here with it) is kept in a short-lived cookie, so every way of
  // finishing sign-in — password, 2-step code, recovery code — ends on that page via / .
  router.get('/login', (req, res) => {
    const next = safeNext(req.query.next);
    if (next) {
      res.cookie(names.next, next, cookieOptions(deps.config, { sameSite: 'lax', maxAge: 30 * 60_000 }));
    } else if (readCookies(req)[names.next] !== undefined) {
      res.clearCookie(names.next, cookieOptions(deps.config, { sameSite: 'lax' }));
    }
    loginForm(req, res);
  });
  const twoStep = twoStepPages(router, deps, { send, formToken, formTokenValid, field, errorBox, messageOf });
  ssoPages(router, deps, { send, errorBox, showChallenge: twoStep.showChallenge });
  router.post('/login', async (req, res) => {
    if (!formTokenValid(req)) return loginForm(req, res, EXPIRED_FORM, 403);
    let result;
    try {
      result = await signIn(deps, {
        email: field(req, 'email'),
        password: field(req, 'password'),
        client: clientInfo(req),
        deviceToken: readCookies(req)[names.device],
      });
    } catch (err) {
      return loginForm(req, res, messageOf(err), err instanceof AppError ? err.status : 400);
    }
    if (result.kind === 'two_step') return twoStep.showChallenge(req, res, result);
    setSessionCookies(res, deps.config, result.tokens);
    res.redirect(303, '/');
  });

  // Home: signed-in people go to the portal, or back to the page that sent them to sign in.
  router.get('/', async (req, res) => {
    const cookies = readCookies(req);
    let actor;
    try {
      actor = await authenticate(req, deps);
    } catch (err) {
      messageOf(err);
      // Access cookies last minutes, sessions days: with a session's CSRF cookie still there, the portal refreshes
      // the sign-in itself (and sends the person to /login if the session is over too).
      return res.redirect(303, cookies[names.csrf] ? '/portal' : '/login');
    }
    const next = safeNext(cookies[names.next]) ?? '/portal';
    if (cookies[names.next] !== undefined) res.clearCookie(names.next, cookieOptions(deps.config, { sameSite: 'lax' }));
    res.location(next);
    send(res, 'Opening your portal', html`<p>Signed in as <strong>${actor.account.email}</strong>. <a href="${next}">Continue to Sealpost</a></p>`, 303);
  });

  router.post('/logout', async (req, res) => {
    try {
      req.headers['x-csrf-token'] = field(req, '_csrf');
      const actor = await authenticate(req, deps);
      await deps.store.sessions.revoke(actor.session.id, 'logout');
    } catch (err) {
      messageOf(err);
    }
    clearSessionCookies(res, deps.config);
    res.redirect(303, '/login');
  });

  const forgotForm = (req: Request, res: Response, error?: string, status = 200) =>
    send(res, 'Reset your password', html`${errorBox(error)}
      <form method="post" action="/forgot-password"><input type="hidden" name="_form" value="${formToken(req, res)}">
      <label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="email">
      <button type="submit">Email me a reset link</button></form>`, status);
  router.get('/forgot-password', (req, res) => forgotForm(req, res));
  router.post('/forgot-password', async (req, res) => {
    if (!formTokenValid(req)) return forgotForm(req, res, EXPIRED_FORM, 403);
    try {
      await requestPasswordReset(deps, { email: field(req, 'email'), ip: req.ip ?? null });
    } catch (err) {
      return forgotForm(req, res, messageOf(err), 429);
    }
    send(res, 'Check your email', html`<p>If <strong>${field(req, 'email')}</strong> has a Sealpost account, a reset link is on its way. It works once, for 30 minutes.</p>`);
  });

  const resetForm = (req: Request, res: Response, token: string, error?: string, status = 200) =>
    send(res, 'Choose a new password', html`${errorBox(error)}
      <form method="post" action="/reset-password"><input type="hidden" name="_form" value="${formToken(req, res)}">
      <input type="hidden" name="token" value="${token}">
      <label for="password">New password</label><input id="password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password">
      <button type="submit">Set password</button></form>`, status);
  router.get('/reset-password', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    if (!(await isResetLinkUsable(deps, token))) return invalidLink(res);
    resetForm(req, res, token);
  });
  router.post('/reset-password', async (req, res) => {
    const token = field(req, 'token');
    if (!formTokenValid(req)) return resetForm(req, res, token, EXPIRED_FORM, 403);
    try {
      await resetPassword(deps, { token, password: field(req, 'password') });
    } catch (err) {
      const message = messageOf(err);
      if (err instanceof AppError && err.code === 'invalid_link') return invalidLink(res);
      return resetForm(req, res, token, message, 400);
    }
    send(res, 'Password changed', html`<p>Your password is changed and every session was signed out.</p><p class="links"><a href="/login">Sign in</a></p>`);
  });

  return router;
}
