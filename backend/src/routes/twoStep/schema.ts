/** Request and answer shapes of 2-step verification: finishing a sign-in with a code, and setting up an app. */
import { z } from 'zod';
import { deliverySchema, tokensSchema } from '../../presenters/tokens';

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

export const verifyBody = z
  .strictObject({ challengeToken, code: code.optional(), recoveryCode: recoveryCode.optional(), delivery: deliverySchema })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'send either code or recoveryCode',
    path: ['code'],
  });

export const challengeEnrollBody = z.strictObject({ challengeToken });
export const challengeActivateBody = z.strictObject({ challengeToken, code, delivery: deliverySchema });
export const activateBody = z.strictObject({ code });

export const enrollmentSchema = z.object({
  secret: z.string().describe('The key in base32, for typing into the app when the QR code cannot be scanned.'),
  otpauthUrl: z.string().describe('otpauth://totp/… link (issuer Sealpost, label the email) that the QR code holds.'),
  qrSvg: z.string().describe('The QR code as an SVG document, ready to show inline.'),
});

const recoveryCodes = z
  .array(z.string())
  .length(10)
  .describe('Ten one-time recovery codes. Shown only now: ask the person to store them safely.');

export const activatedSchema = z.object({ recoveryCodes });
export const activatedSignInSchema = tokensSchema.extend({ recoveryCodes });
