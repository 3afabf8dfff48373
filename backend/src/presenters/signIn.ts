/**
 * The answer to a sign-in: tokens (see presenters/tokens.ts), or, when 2-step verification applies, the challenge
 * to finish it with. Clients tell them apart by the `twoStep` field.
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { SignInResult } from '../commands/signInCompleter';
import type { Config } from '../config';
import { presentTokens, tokensSchema } from './tokens';

export const twoStepChallengeSchema = z.object({
  twoStep: z
    .enum(['verify', 'enroll'])
    .describe('verify: send a code to /auth/two-step/verify; enroll: set up an authenticator app with /auth/two-step/enroll first.'),
  challengeToken: z.string().describe('Stands for the accepted password; single use, send it with the code.'),
  expiresIn: z.number().int().describe('Seconds until the challenge expires and sign-in must start again.'),
});

export const signInResultSchema = z.union([tokensSchema, twoStepChallengeSchema]);

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
