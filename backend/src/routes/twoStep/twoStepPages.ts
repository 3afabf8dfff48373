/**
 * The 2-step part of the server-rendered sign-in (no JavaScript): after the password, a form for the code from the
 * authenticator app (or a recovery code), or, when the organization requires 2-step and the person has none yet,
 * the QR code and key to set it up, then its recovery codes. The challenge travels in a hidden field.
 */
import type { Request, Response, Router } from 'express';
import type { SignInResult } from '../../commands/signInCompleter';
import { activateWithChallenge, enrollWithChallenge, type Enrollment } from '../../commands/twoStepEnroller';
import { verifyTwoStep } from '../../commands/twoStepVerifier';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { setSessionCookies } from '../../http/cookies';
import { clientInfo } from '../auth/auth.router';
import { html, Html } from '../pages/layout';

/** The form helpers of the account pages, handed over so both render and check forms the same way. */
export interface PageKit {
  send(res: Response, title: string, body: Html, status?: number): void;
  formToken(req: Request, res: Response): string;
  formTokenValid(req: Request): boolean;
  field(req: Request, name: string): string;
  errorBox(message: string | undefined): Html;
  messageOf(err: unknown): string;
}

type Challenge = Extract<SignInResult, { kind: 'two_step' }>;

const EXPIRED_FORM = 'This form has expired. Reload the page and try again.';

/** Groups of four, as authenticator apps show keys, so it can be typed without losing one's place. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function twoStepPages(router: Router, deps: AppDeps, kit: PageKit) {
  const { send, formToken, field, errorBox } = kit;
  // These pages carry a live challenge (and once, a secret key): nothing on the way may keep a copy.
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');
  // One form token per page: both forms of the code page must carry the value of the one cookie.
  const hiddenFields = (req: Request, res: Response, challengeToken: string) => {
    const form = formToken(req, res);
    return () => html`<input type="hidden" name="_form" value="${form}"><input type="hidden" name="challengeToken" value="${challengeToken}">`;
  };

  const signInAgain = (res: Response, message: string, status: number) =>
    send(res, 'Sign in again', html`${errorBox(message)}<p class="links"><a href="/login">Sign in</a></p>`, status);

  const verifyForm = (req: Request, res: Response, challengeToken: string, error?: string, status = 200, recovery = false) => {
    noStore(res);
    const hidden = hiddenFields(req, res, challengeToken);
    send(res, 'Enter your code', html`${errorBox(error)}
      <p>Open your authenticator app and enter the 6-digit code it shows for Sealpost.</p>
      <form method="post" action="/login/two-step">${hidden()}
      <label for="code">Code</label><input id="code" name="code" required inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7">
      <button type="submit">Verify</button></form>
      <details${new Html(recovery ? ' open' : '')}><summary>Use a recovery code instead</summary>
      <form method="post" action="/login/two-step">${hidden()}
      <label for="recoveryCode">Recovery code</label><input id="recoveryCode" name="recoveryCode" required autocomplete="off" maxlength="40">
      <p class="note">Each recovery code works once.</p>
      <button type="submit">Use recovery code</button></form></details>`, status);
  };

  const enrollForm = (req: Request, res: Response, challengeToken: string, enrollment: Enrollment, error?: string, status = 200) => {
    noStore(res);
    const hidden = hiddenFields(req, res, challengeToken);
    send(res, 'Set up 2-step verification', html`${errorBox(error)}
      <p>Your organization requires 2-step verification. Scan this QR code with an authenticator app
      (Microsoft Authenticator, Google Authenticator, 1Password and others work).</p>
      <p>${new Html(enrollment.qrSvg)}</p>
      <p class="note">Cannot scan it? Add an account in the app by hand with this key: <strong>${grouped(enrollment.secret)}</strong></p>
      <form method="post" action="/login/two-step/activate">${hidden()}
      <label for="code">Code shown by the app</label><input id="code" name="code" required inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7">
      <button type="submit">Turn on and sign in</button></form>`, status);
  };

  /** Expired challenges send the person back to the password; other refusals show the form again with the reason. */
  const refused = (res: Response, err: unknown, again: (message: string, status: number) => unknown) => {
    const message = kit.messageOf(err);
    const status = err instanceof AppError ? err.status : 400;
    if (err instanceof AppError && err.code === 'invalid_challenge') return signInAgain(res, message, status);
    return again(message, status);
  };

  router.post('/login/two-step', async (req, res) => {
    const challengeToken = field(req, 'challengeToken');
    const recoveryCode = field(req, 'recoveryCode');
    const usingRecovery = recoveryCode !== '';
    if (!kit.formTokenValid(req)) return verifyForm(req, res, challengeToken, EXPIRED_FORM, 403, usingRecovery);
    try {
      const tokens = await verifyTwoStep(deps, {
        challengeToken,
        ...(usingRecovery ? { recoveryCode } : { code: field(req, 'code') }),
        client: clientInfo(req),
      });
      setSessionCookies(res, deps.config, tokens);
    } catch (err) {
      return refused(res, err, (message, status) => verifyForm(req, res, challengeToken, message, status, usingRecovery));
    }
    res.redirect(303, '/');
  });

  router.post('/login/two-step/activate', async (req, res) => {
    const challengeToken = field(req, 'challengeToken');
    const showAgain = async (message: string, status: number) => {
      try {
        // The key already scanned stays: a new one would not match what the app now shows.
        const enrollment = await enrollWithChallenge(deps, { challengeToken, ip: clientInfo(req).ip, reusePending: true });
        enrollForm(req, res, challengeToken, enrollment, message, status);
      } catch (err) {
        refused(res, err, (again, againStatus) => signInAgain(res, again, againStatus));
      }
    };
    if (!kit.formTokenValid(req)) return showAgain(EXPIRED_FORM, 403);
    let recoveryCodes: string[];
    try {
      const activated = await activateWithChallenge(deps, { challengeToken, code: field(req, 'code'), client: clientInfo(req) });
      setSessionCookies(res, deps.config, activated.tokens);
      recoveryCodes = activated.recoveryCodes;
    } catch (err) {
      return refused(res, err, showAgain);
    }
    noStore(res);
    send(res, 'Save your recovery codes', html`<p>2-step verification is on. If you lose your phone, each of these codes
      signs you in once instead of a code from the app. Print them or keep them in your password manager: they are
      shown only now.</p>
      <ul>${recoveryCodes.map((code) => html`<li><strong>${code}</strong></li>`)}</ul>
      <p class="links"><a href="/">I saved them, continue</a></p>`);
  });

  return {
    /** What the login page shows when the password was right but a second step is owed. */
    async showChallenge(req: Request, res: Response, challenge: Challenge): Promise<void> {
      if (challenge.step === 'verify') return verifyForm(req, res, challenge.challengeToken);
      try {
        const enrollment = await enrollWithChallenge(deps, { challengeToken: challenge.challengeToken, ip: clientInfo(req).ip });
        enrollForm(req, res, challenge.challengeToken, enrollment);
      } catch (err) {
        refused(res, err, (message, status) => signInAgain(res, message, status));
      }
    },
  };
}
