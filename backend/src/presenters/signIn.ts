/**
 * The answer to a sign-in: tokens (see presenters/tokens.ts), or, when 2-step verification applies, the challenge
 * to finish it with. Clients tell them apart by the `twoStep` field.
 */
import type { Response } from 'express';
import type { z } from 'zod';
import type { signInResultSchema } from '../contract/auth';
import type { SignInResult } from '../commands/signInCompleter';
import type { Config } from '../config';
import { presentTokens } from './tokens';

export function presentSignIn(
  res: Response,
  config: Config,
  result: SignInResult,
  delivery: 'bearer' | 'cookie',
): z.infer<typeof signInResultSchema> {
  if (result.kind === 'signed_in') return presentTokens(res, config, result.tokens, delivery);
  // A half-finished sign-in must not be cached anywhere on the way back.
  res.set('Cache-Control', 'no-store');
  return { twoStep: result.step, challengeToken: result.challengeToken, expiresIn: result.expiresIn };
}
