/**
 * Cookies of the web pages: HttpOnly access and refresh cookies, plus a readable CSRF cookie that pages echo in the
 * X-CSRF-Token header. The CSRF token is an HMAC of the session id under a server key, so a value planted in the
 * cookie (by a sibling subdomain, say) is worthless: only the server can make the one that matches a session.
 * Secure everywhere except plain-http loopback; on https the names carry the __Host- prefix (or __Secure- for the
 * path-scoped refresh cookie), which browsers let only this origin, over https, set.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { csrfTokenFor } from '../auth/tokens';
import type { Config } from '../config';
import { errors } from '../errors';

export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_PATH = '/api/v1/auth';

export interface CookieNames {
  access: string;
  refresh: string;
  csrf: string;
  /** Double-submit token of the server-rendered forms. */
  form: string;
  /** The page to return to after sign-in. */
  next: string;
  /** Marks a browser where the account signed in before (see http/signInThrottle.ts). */
  device: string;
}

const PLAIN: CookieNames = {
  access: 'sp_access',
  refresh: 'sp_refresh',
  csrf: 'sp_csrf',
  form: 'sp_form',
  next: 'sp_next',
  device: 'sp_device',
};
const PREFIXED: CookieNames = {
  access: '__Host-sp_access',
  refresh: '__Secure-sp_refresh',
  csrf: '__Host-sp_csrf',
  form: '__Host-sp_form',
  next: '__Host-sp_next',
  device: '__Host-sp_device',
};

export function isSecure(config: Config): boolean {
  return config.publicUrl?.startsWith('https://') ?? false;
}

export function cookieNames(config: Config): CookieNames {
  return isSecure(config) ? PREFIXED : PLAIN;
}

/** Options every cookie of ours shares: Secure on https, host-only, SameSite; HttpOnly unless the page must read it. */
export function cookieOptions(config: Config, options: CookieOptions = {}): CookieOptions {
  return { httpOnly: true, secure: isSecure(config), sameSite: 'strict', path: '/', ...options };
}

export function readCookies(req: Request): Record<string, string | undefined> {
  return parseCookies(req.headers.cookie ?? '');
}

export function setSessionCookies(
  res: Response,
  config: Config,
  tokens: { accessToken: string; refreshToken: string; csrfToken: string; deviceToken: string; sessionExpiresAt: Date },
): void {
  const names = cookieNames(config);
  rememberDevice(res, config, tokens.deviceToken);
  res.cookie(names.access, tokens.accessToken, cookieOptions(config, { maxAge: config.accessTokenSeconds * 1000 }));
  res.cookie(names.refresh, tokens.refreshToken, cookieOptions(config, { path: REFRESH_PATH, expires: tokens.sessionExpiresAt }));
  res.cookie(names.csrf, tokens.csrfToken, cookieOptions(config, { httpOnly: false, expires: tokens.sessionExpiresAt }));
}

const DEVICE_DAYS = 365;

/** Kept after sign-out too: the browser stays one where the account signed in before. */
export function rememberDevice(res: Response, config: Config, deviceToken: string): void {
  res.cookie(cookieNames(config).device, deviceToken, cookieOptions(config, { maxAge: DEVICE_DAYS * 86_400_000 }));
}

export function clearSessionCookies(res: Response, config: Config): void {
  const names = cookieNames(config);
  res.clearCookie(names.access, cookieOptions(config));
  res.clearCookie(names.refresh, cookieOptions(config, { path: REFRESH_PATH }));
  res.clearCookie(names.csrf, cookieOptions(config, { httpOnly: false }));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated changes must carry, in a header a foreign site cannot set, the CSRF token of the very
 * session the cookies name. The cookie itself is not compared: only what the server derives from the session.
 */
export function checkCsrf(req: Request, secret: Buffer, sessionId: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  const header = req.get(CSRF_HEADER);
  if (!header) throw errors.csrfFailed();
  const expected = Buffer.from(csrfTokenFor(secret, sessionId));
  const given = Buffer.from(header);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw errors.csrfFailed();
}
