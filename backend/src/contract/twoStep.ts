/**
 * 2-step verification (TOTP): finishing a sign-in that answered with a challenge, setting up an authenticator app
 * during such a sign-in, and setting one up of one's own accord when signed in.
 */
import { z } from 'zod';
import { deliverySchema, tokensSchema } from './auth';
import { endpoint } from './endpoint';

const challengeToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'is not a Sealpost challenge token')
  .describe('From the sign-in answer: { twoStep, challengeToken }.');
const code = z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');
const recoveryCode = z
  .string()
  .trim()
  .min(16)
  .max(40)
  .describe('One of the recovery codes shown when 2-step verification was set up; each works once.');

const enrollmentSchema = z.object({
  secret: z.string().describe('The key in base32, for typing into the app when the QR code cannot be scanned.'),
  otpauthUrl: z.string().describe('otpauth://totp/… link (issuer Sealpost, label the email) that the QR code holds.'),
  qrSvg: z.string().describe('The QR code as an SVG document, ready to show inline.'),
});

const recoveryCodes = z
  .array(z.string())
  .length(10)
  .describe('Ten one-time recovery codes. Shown only now: ask the person to store them safely.');

export const twoStep = {
  verify: endpoint({
    method: 'post',
    path: '/api/v1/auth/two-step/verify',
    body: z
      .strictObject({ challengeToken, code: code.optional(), recoveryCode: recoveryCode.optional(), delivery: deliverySchema })
      .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
        message: 'send either code or recoveryCode',
        path: ['code'],
      }),
    response: { status: 200, schema: tokensSchema, description: 'Signed in.' },
  }),
  enrollWithChallenge: endpoint({
    method: 'post',
    path: '/api/v1/auth/two-step/enroll',
    body: z.strictObject({ challengeToken }),
    response: { status: 200, schema: enrollmentSchema, description: 'Show the QR code or the key, then ask for a code.' },
  }),
  activateWithChallenge: endpoint({
    method: 'post',
    path: '/api/v1/auth/two-step/activate',
    body: z.strictObject({ challengeToken, code, delivery: deliverySchema }),
    response: { status: 200, schema: tokensSchema.extend({ recoveryCodes }), description: 'Signed in; recovery codes to show once.' },
  }),
  enroll: endpoint({
    method: 'post',
    path: '/api/v1/two-step/enroll',
    response: { status: 200, schema: enrollmentSchema, description: 'Show the QR code or the key, then ask for a code.' },
  }),
  activate: endpoint({
    method: 'post',
    path: '/api/v1/two-step/activate',
    body: z.strictObject({ code }),
    response: { status: 200, schema: z.object({ recoveryCodes }), description: 'Recovery codes to show once.' },
  }),
};

export type Enrollment = z.output<typeof enrollmentSchema>;
