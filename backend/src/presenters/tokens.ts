/** How issued tokens go over the wire: in the JSON answer (bearer clients) or as cookies (web pages). */
import type { Response } from 'express';
import type { z } from 'zod';
import type { tokensSchema } from '../contract/auth';
import type { IssuedTokens } from '../commands/sessionIssuer';
import type { Config } from '../config';
import { rememberDevice, setSessionCookies } from '../http/cookies';

export function presentTokens(
  res: Response,
  config: Config,
  tokens: IssuedTokens,
  delivery: 'bearer' | 'cookie',
): z.infer<typeof tokensSchema> {
  const common = {
    tokenType: 'Bearer' as const,
    expiresIn: tokens.expiresIn,
    sessionId: tokens.sessionId,
    organizationId: tokens.organizationId,
  };
  if (delivery === 'cookie') {
    setSessionCookies(res, config, tokens);
    return common;
  }
  // A sign-in page in a browser (the add-in's dialog) asks for bearer tokens but is still a browser to remember.
  rememberDevice(res, config, tokens.deviceToken);
  return { ...common, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}
