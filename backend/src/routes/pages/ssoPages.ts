/**
 * The browser legs of single sign-on: /auth/sso/start sends the person to their organization's identity provider
 * (the pending sign-in sealed in a short-lived HttpOnly cookie, SameSite=Lax so it comes back with the provider's
 * redirect), and /auth/sso/callback finishes it: session cookies as a password sign-in sets them, the 2-step page
 * when a second step is still owed, or a page with the sentence saying what went wrong.
 */
import type { Request, Response, Router } from 'express';
import { finishSsoSignIn, startSsoSignIn } from '../../commands/ssoSignIn';
import type { SignInResult } from '../../commands/signInCompleter';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { ssoErrors } from '../../signOnErrors';
import { cookieOptions, isSecure, readCookies, setSessionCookies } from '../../http/cookies';
import { openPendingSignIn, sealPendingSignIn } from '../../sso/pendingSignInSeal';
import { relyingParty } from '../../sso/relyingParty';
import { ssoRedirectUri } from '../../presenters/sso';
import { redirectTarget } from '../../http/redirectTarget';
import { clientInfo } from '../auth/auth.router';
import { html, type Html } from './layout';

interface SsoPageKit {
  send: (res: Response, title: string, body: Html, status?: number) => void;
  errorBox: (message: string | undefined) => Html;
  showChallenge: (req: Request, res: Response, challenge: Extract<SignInResult, { kind: 'two_step' }>) => Promise<void>;
}

/** Ten minutes, as long as the relying party lets a sign-in take. */
const PENDING_MS = 10 * 60_000;

export function ssoPages(router: Router, deps: AppDeps, kit: SsoPageKit): void {
  const cookieName = isSecure(deps.config) ? '__Host-sp_sso' : 'sp_sso';
  const pendingCookie = cookieOptions(deps.config, { sameSite: 'lax', maxAge: PENDING_MS });
  const redirectUri = ssoRedirectUri(deps.config.publicUrl);
  // Plain-http issuers on this machine only in embedded mode (a provider under test); production needs https.
  const party = relyingParty({ allowLoopbackHttp: deps.config.mode === 'embedded' });

  const refused = (res: Response, err: unknown) => {
    const shown = err instanceof AppError && (err.status < 500 || err.code === 'sso_provider_unreachable' || err.code === 'sso_entra_not_configured');
    if (!shown) throw err;
    kit.send(res, 'Sign-in did not work', html`${kit.errorBox(err.message)}<p class="links"><a href="/login">Back to sign in</a></p>`, err.status);
  };

  router.get('/auth/sso/start', async (req, res) => {
    const email = typeof req.query.email === 'string' ? req.query.email.slice(0, 320) : '';
    try {
      // a page of the portal to come back to (signing a document after confirming who you are); nothing else. Such a
      // sign-in is to confirm who is there, so the provider is asked to have the person sign in again.
      const next = redirectTarget(req.query.next, { within: '/portal' }) ?? undefined;
      const { authorizationUrl, pending } = await startSsoSignIn(deps, party, { email, redirectUri, ip: clientInfo(req).ip, freshLogin: next !== undefined });
      res.cookie(cookieName, sealPendingSignIn(deps.secrets.keyring, { ...pending, ...(next ? { next } : {}) }), pendingCookie);
      res.redirect(303, authorizationUrl.href);
    } catch (err) {
      refused(res, err);
    }
  });

  router.get('/auth/sso/callback', async (req, res) => {
    // Used once: the cookie goes with this answer whatever it says, so a replayed callback finds no sign-in.
    const pending = openPendingSignIn(deps.secrets.keyring, readCookies(req)[cookieName]);
    res.clearCookie(cookieName, { ...pendingCookie, maxAge: undefined });
    try {
      if (!pending) throw ssoErrors.stateMismatch();
      const callbackUrl = new URL(req.originalUrl, deps.config.publicUrl);
      const result = await finishSsoSignIn(deps, party, { pending, callbackUrl, client: clientInfo(req) });
      if (result.kind === 'two_step') return kit.showChallenge(req, res, result);
      setSessionCookies(res, deps.config, result.tokens);
      res.redirect(303, redirectTarget(pending.next, { within: '/portal' }) ?? '/');
    } catch (err) {
      refused(res, err);
    }
  });
}
