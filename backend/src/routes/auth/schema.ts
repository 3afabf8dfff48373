/** Request shapes of sign-up, sign-in, refresh, sign-out, sessions and password reset. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { EMAIL_MAX } from '../../auth/email';
import { deliverySchema } from '../../presenters/tokens';

const email = z.string().trim().min(3).max(EMAIL_MAX).describe('Email address; compared case-insensitively.');
// Length rules for new passwords live in auth/passwords.ts so the answer can say what to change.
const password = z.string().min(1).max(1024);
const opaqueToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a Sealpost link token');

export const signUpBody = z.strictObject({
  organizationName: displayText(120).min(1),
  name: displayText(120).min(1),
  email,
  password,
});

export const confirmSignUpBody = z.strictObject({ token: opaqueToken, delivery: deliverySchema });

export const loginBody = z.strictObject({
  email,
  password,
  organizationId: z.string().uuid().optional().describe('Organization to sign in to; default: the last one used.'),
  delivery: deliverySchema,
});

export const refreshBody = z.strictObject({
  refreshToken: z.string().min(1).max(200).optional().describe('Bearer clients send it here; web pages use the cookie.'),
  delivery: deliverySchema,
});

export const passwordResetRequestBody = z.strictObject({ email });
export const passwordResetBody = z.strictObject({ token: opaqueToken, password });

/** Bearer only: the new session is for a program that keeps its own tokens, never for cookies. */
export const deviceSessionBody = z.strictObject({ purpose: z.literal('outlook_send_handler') });
export const switchOrganizationBody = z.strictObject({ organizationId: z.string().uuid(), delivery: deliverySchema });

export const sessionParams = z.strictObject({ sessionId: z.string().uuid() });

export const acceptedSchema = z.object({ status: z.literal('accepted'), message: z.string() });
