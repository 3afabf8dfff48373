/**
 * Session cookies for the web pages: HttpOnly access and refresh cookies, plus a readable CSRF cookie that
 * pages echo in the X-CSRF-Token header (double submit). Secure everywhere except plain-http loopback.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Config } from '../config';
import { errors } from '../errors';

export const ACCESS_COOKIE = 'sp_access';
export const REFRESH_COOKIE = 'sp_refresh';
export const CSRF_COOKIE = 'sp_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_PATH = '/api/v1/auth';

export function readCookies(req: Request): Record<string, string | undefined> {
  return parseCookies(req.headers.cookie ?? '');
}

function secure(config: Config): boolean {
  return config.publicUrl?.startsWith('https://') ?? false;
}

export function setSessionCookies(
  res: Response,
  config: Config,
  tokens: { accessToken: string; refreshToken: string; sessionExpiresAt: Date },
): void {
  const base = { httpOnly: true, secure: secure(config), sameSite: 'strict' as const };
  res.cookie(ACCESS_COOKIE, tokens.accessToken, { ...base, path: '/', maxAge: config.accessTokenSeconds * 1000 });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...base, path: REFRESH_PATH, expires: tokens.sessionExpiresAt });
  res.cookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
    httpOnly: false,
    secure: secure(config),
    sameSite: 'strict',
    path: '/',
    expires: tokens.sessionExpiresAt,
  });
}

export function clearSessionCookies(res: Response, config: Config): void {
  const base = { httpOnly: true, secure: secure(config), sameSite: 'strict' as const };
  res.clearCookie(ACCESS_COOKIE, { ...base, path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base, path: REFRESH_PATH });
  res.clearCookie(CSRF_COOKIE, { ...base, httpOnly: false, path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated changes must carry the CSRF cookie's value in a header a foreign site cannot set. */
export function checkCsrf(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const cookie = readCookies(req)[CSRF_COOKIE];
  const header = req.get(CSRF_HEADER);
  if (!cookie || !header) throw errors.csrfFailed();
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw errors.csrfFailed();
}
