/** Sign-up, sign-in, token refresh, sign-out, the person's sessions and password reset. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, linkToken, uuid } from './text';

/** The longest email address accepted anywhere (RFC 5321 path limit less the brackets). */
export const EMAIL_MAX = 254;

const email = z.string().trim().min(3).max(EMAIL_MAX).describe('Email address; compared case-insensitively.');
// Length rules for new passwords live in auth/passwords.ts so the answer can say what to change.
const password = z.string().min(1).max(1024);

export const deliverySchema = z
  .enum(['bearer', 'cookie'])
  .default('bearer')
  .describe('bearer: tokens in the answer (add-in, API clients); cookie: HttpOnly cookies (web pages).');

export const tokensSchema = z.object({
  tokenType: z.literal('Bearer'),
  accessToken: z.string().optional().describe('Absent when delivered as cookies.'),
  refreshToken: z.string().optional().describe('Absent when delivered as cookies.'),
  expiresIn: z.number().int().describe('Seconds until the access token expires.'),
  sessionId: uuid,
  organizationId: uuid,
});

export const twoStepChallengeSchema = z.object({
  twoStep: z
    .enum(['verify', 'enroll'])
    .describe('verify: send a code to /auth/two-step/verify; enroll: set up an authenticator app with /auth/two-step/enroll first.'),
  challengeToken: z.string().describe('Stands for the accepted password; single use, send it with the code.'),
  expiresIn: z.number().int().describe('Seconds until the challenge expires and sign-in must start again.'),
});

export const signInResultSchema = z.union([tokensSchema, twoStepChallengeSchema]);

export const sessionSchema = z.object({
  id: uuid,
  organizationId: uuid,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string().datetime(),
  lastSeenAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  current: z.boolean(),
});

const acceptedSchema = z.object({ status: z.literal('accepted'), message: z.string() });

export const auth = {
  signUp: endpoint({
    method: 'post',
    path: '/api/v1/signup',
    body: z.strictObject({ organizationName: displayText(120).min(1), name: displayText(120).min(1), email, password }),
    response: { status: 202, schema: acceptedSchema, description: 'The email is on its way.' },
  }),
  confirmSignUp: endpoint({
    method: 'post',
    path: '/api/v1/signup/confirm',
    body: z.strictObject({ token: linkToken, delivery: deliverySchema }),
    response: { status: 201, schema: tokensSchema, description: 'Signed in to the new organization.' },
  }),
  login: endpoint({
    method: 'post',
    path: '/api/v1/auth/login',
    body: z.strictObject({
      email,
      password,
      organizationId: uuid.optional().describe('Organization to sign in to; default: the last one used.'),
      delivery: deliverySchema,
    }),
    response: { status: 200, schema: signInResultSchema, description: 'Signed in, or the 2-step challenge to finish signing in.' },
  }),
  refresh: endpoint({
    method: 'post',
    path: '/api/v1/auth/refresh',
    body: z.strictObject({
      refreshToken: z.string().min(1).max(200).optional().describe('Bearer clients send it here; web pages use the cookie.'),
      delivery: deliverySchema,
    }),
    response: { status: 200, schema: tokensSchema, description: 'New tokens.' },
  }),
  /** Bearer only: the new session is for a program that keeps its own tokens, never for cookies. */
  startDeviceSession: endpoint({
    method: 'post',
    path: '/api/v1/auth/device-sessions',
    body: z.strictObject({ purpose: z.literal('outlook_send_handler') }),
    response: { status: 200, schema: tokensSchema, description: 'Bearer tokens of the new session.' },
  }),
  logout: endpoint({
    method: 'post',
    path: '/api/v1/auth/logout',
    response: { status: 204, description: 'Signed out.' },
  }),
  sessions: endpoint({
    method: 'get',
    path: '/api/v1/auth/sessions',
    response: { status: 200, schema: z.object({ sessions: z.array(sessionSchema) }), description: 'Sessions, newest use first.' },
  }),
  endSession: endpoint({
    method: 'delete',
    path: '/api/v1/auth/sessions/:sessionId',
    params: z.strictObject({ sessionId: uuid }),
    response: { status: 204, description: 'That session is signed out.' },
  }),
  switchOrganization: endpoint({
    method: 'post',
    path: '/api/v1/auth/switch-organization',
    body: z.strictObject({ organizationId: uuid, delivery: deliverySchema }),
    response: { status: 200, schema: tokensSchema, description: 'Tokens for the chosen organization.' },
  }),
  changePassword: endpoint({
    method: 'post',
    path: '/api/v1/auth/password',
    body: z.strictObject({ currentPassword: password, newPassword: password }),
    response: {
      status: 200,
      schema: z.object({ sessionsEnded: z.number().int().describe('Your other sessions, now signed out.') }),
      description: 'Password changed; this session stays signed in, every other one is signed out.',
    },
  }),
  requestPasswordReset: endpoint({
    method: 'post',
    path: '/api/v1/auth/password-reset',
    body: z.strictObject({ email }),
    response: { status: 202, schema: acceptedSchema, description: 'Same answer whether or not the account exists.' },
  }),
  resetPassword: endpoint({
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    body: z.strictObject({ token: linkToken, password }),
    response: { status: 204, description: 'Password changed; sign in with it.' },
  }),
};

export type Tokens = z.output<typeof tokensSchema>;
export type TwoStepChallenge = z.output<typeof twoStepChallengeSchema>;
export type SignInResult = z.output<typeof signInResultSchema>;
export type Session = z.output<typeof sessionSchema>;
