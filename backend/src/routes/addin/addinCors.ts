/**
 * CORS for the add-in on /api/v1. Classic Outlook on Windows runs the Smart Alerts script in a JavaScript-only
 * runtime whose requests are cross-origin and always preflighted, with the script's origin as Origin (sometimes
 * with a trailing slash). Only the add-in's origins are admitted, bearer tokens only: no credentials, so a
 * cookie session can never be used from another origin.
 */
import type { RequestHandler } from 'express';
import type { Config } from '../../config';

const ALLOW_HEADERS = ['authorization', 'content-type', 'accept', 'idempotency-key', 'upload-offset', 'upload-length', 'tus-resumable'];
const EXPOSE_HEADERS = ['Location', 'Upload-Offset', 'Upload-Length', 'Tus-Resumable'];

export function addinOrigins(config: Pick<Config, 'publicUrl' | 'addinBaseUrl'>): Set<string> {
  return new Set([config.addinBaseUrl, config.publicUrl].filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin));
}

export function addinCors(config: Pick<Config, 'publicUrl' | 'addinBaseUrl'>): RequestHandler {
  const allowed = addinOrigins(config);
  return (req, res, next) => {
    const given = req.get('origin');
    res.vary('Origin');
    if (!given || !allowed.has(given.replace(/\/+$/, ''))) return next();
    // Echo what was sent: Outlook's runtime compares the header with its own (slash and all).
    res.set({ 'Access-Control-Allow-Origin': given, 'Access-Control-Expose-Headers': EXPOSE_HEADERS.join(', ') });
    if (req.method !== 'OPTIONS') return next();
    res
      .status(204)
      .set({
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, PATCH, DELETE',
        'Access-Control-Allow-Headers': ALLOW_HEADERS.join(', '),
        'Access-Control-Max-Age': '600',
      })
      .end();
  };
}
