/**
 * Answers that carry tokens or personal data must not be kept by browsers or proxies: the whole API and the
 * account pages start as `no-store`; the few public assets (an organization's logo) say otherwise themselves.
 */
import type { RequestHandler } from 'express';

export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
