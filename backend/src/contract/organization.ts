/** The organization itself: its settings, seats, branding (accent colour and logo) and monthly seat invoices. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { secureSendPolicySchema } from './me';
import { displayText, noteText, uuid } from './text';

/** A calendar month as invoices name it: YYYY-MM. */
export const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

const autoProvisionSchema = z.enum(['off', 'guest', 'pro']);

export const settingsSchema = z.object({
  name: z.string(),
  invitationExpiryDays: z.number().int(),
  autoProvision: autoProvisionSchema,
  requireTwoStep: z.boolean(),
  secureSendPolicy: secureSendPolicySchema.describe('Add-in: "Send securely" left to the sender, or always on for external recipients.'),
  activeWithoutTwoStep: z.number().int().describe('Active members who have not set up 2-step verification yet.'),
  signatureConsentText: z.string().describe('What signers agree to before signing electronically (the default unless changed).'),
  noForwardingByDefault: z.boolean().describe('New messages start with "no forwarding" unless their sender says otherwise.'),
  signatureReminderDays: z.number().int().describe('Days between email reminders to a signer whose turn it is; 0: no reminders.'),
  billingAddress: z.string().describe('Printed under "Billed to" on invoices; empty when not given.'),
  taxId: z.string().describe("The organization's tax or VAT number on invoices; empty when not given."),
});

export const seatsSchema = z.object({
  purchased: z.number().int().describe('Seats paid for this month (including any a reduction removes from next month).'),
  used: z.number().int().describe('Active and invited pros.'),
  free: z.number().int().describe('Seats a new pro may take now (a pending reduction already counts).'),
  unitPriceCents: z.number().int().describe('The price of one seat a month, for seats bought now.'),
  taxRateBasisPoints: z.number().int().describe('Tax added to invoices, in hundredths of a percent (825 = 8.25%).'),
  monthlyCents: z.number().int().describe('What the seats cost a month from next month on, before tax.'),
  nextPeriod: z.object({ from: z.string().datetime(), seats: z.number().int() }).nullable()
    .describe('Set while a reduction waits: from this date on, this many seats.'),
});

export const brandingSchema = z.object({
  organizationName: z.string(),
  accentColor: z.string().nullable().describe('#rrggbb, or null for the Sealpost default.'),
  accentTextColor: z.string().nullable().describe('Readable text colour on the accent (#ffffff or #1b1b1b), or null when no accent is set.'),
  logoUrl: z.string().nullable().describe('Absolute URL of the logo (changes when the logo does), or null.'),
});

const invoiceLineSchema = z.object({
  kind: z.enum(['purchase', 'reduction']),
  at: z.string().datetime().describe('When the seats were bought, or when the reduction took effect.'),
  by: z.object({ name: z.string(), email: z.string() }),
  seats: z.number().int().describe('Negative for a reduction.'),
  unitPriceCents: z.number().int(),
  amountCents: z.number().int(),
});

export const invoiceSchema = z.object({
  period: z.string().describe('YYYY-MM (UTC calendar month).'),
  number: z.string().nullable().describe("The seller's sequential number, issued when the month closes; null while open."),
  issuedAt: z.string().datetime().nullable(),
  dueAt: z.string().datetime().describe('Payment due: the configured days after issue (or after the month ends, while open).'),
  periodStart: z.string().datetime(),
  periodEnd: z.string().datetime().describe('Exclusive: the first instant of the next month.'),
  status: z.enum(['open', 'closed']).describe('open: the current month, still taking purchases.'),
  seats: z.number().int().describe('Seats billed this month.'),
  includedSeats: z.number().int().describe('Seats the organization started with, at no charge.'),
  amountCents: z.number().int().describe('Before tax.'),
  taxRateBasisPoints: z.number().int(),
  taxCents: z.number().int(),
  totalCents: z.number().int(),
  currency: z.string(),
  lines: z.array(invoiceLineSchema),
});

const periodParams = z.strictObject({ period: z.string().regex(PERIOD, 'is not a month like 2025-01') });

export const organization = {
  settings: endpoint({
    method: 'get',
    path: '/api/v1/organization/settings',
    response: { status: 200, schema: settingsSchema, description: 'Settings.' },
  }),
  updateSettings: endpoint({
    method: 'patch',
    path: '/api/v1/organization/settings',
    body: z.strictObject({
      name: displayText(120).min(1).optional(),
      invitationExpiryDays: z.number().int().min(1).max(30).optional(),
      autoProvision: autoProvisionSchema.optional(),
      requireTwoStep: z.boolean().optional(),
      secureSendPolicy: secureSendPolicySchema.optional(),
      signatureConsentText: noteText(5000).min(1).nullable().optional().describe('The consent to sign electronically in your own words; null restores the default.'),
      noForwardingByDefault: z.boolean().optional(),
      signatureReminderDays: z.number().int().min(0).max(30).optional().describe('Remind a signer whose turn it is every this many days until the request ends; 0 turns reminders off.'),
      billingAddress: displayText(300).optional().describe('One line (commas between its parts); empty removes it.'),
      taxId: displayText(40).optional().describe('Tax or VAT number; empty removes it.'),
    }),
    response: { status: 200, schema: settingsSchema, description: 'Settings after the change.' },
  }),
  seats: endpoint({
    method: 'get',
    path: '/api/v1/seats',
    response: { status: 200, schema: seatsSchema, description: 'Seat counts.' },
  }),
  buySeats: endpoint({
    method: 'post',
    path: '/api/v1/seats/purchases',
    body: z.strictObject({ seats: z.number().int().min(1).max(10_000) }),
    response: { status: 201, schema: seatsSchema, description: 'Seat counts after the purchase.',
      headers: { 'Idempotent-Replayed': '"true" when this answers a repeat of an earlier request with the same Idempotency-Key (nothing was bought).' } },
  }),
  reduceSeats: endpoint({
    method: 'post',
    path: '/api/v1/seats/reductions',
    body: z.strictObject({ seats: z.number().int().min(1).max(10_000).describe('Seats to give up from the first of next month.') }),
    response: { status: 201, schema: seatsSchema, description: 'Seat counts after the reduction.' },
  }),
  branding: endpoint({
    method: 'get',
    path: '/api/v1/branding',
    response: { status: 200, schema: brandingSchema, description: 'The branding.' },
  }),
  setAccentColor: endpoint({
    method: 'patch',
    path: '/api/v1/branding',
    body: z.strictObject({ accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'is not a colour like #0b6e69').nullable() }),
    response: { status: 200, schema: brandingSchema, description: 'The branding after the change.' },
  }),
  uploadLogo: endpoint({
    method: 'put',
    path: '/api/v1/branding/logo',
    rawBody: { contentType: 'image/png', description: 'The image bytes (image/png or image/jpeg); the type is taken from the bytes.' },
    response: { status: 200, schema: brandingSchema, description: 'The branding with the new logo.' },
  }),
  removeLogo: endpoint({
    method: 'delete',
    path: '/api/v1/branding/logo',
    response: { status: 204, description: 'Removed.' },
  }),
  logo: endpoint({
    method: 'get',
    path: '/api/v1/branding/logo/:organizationId',
    params: z.strictObject({ organizationId: uuid }),
    query: z.object({ v: z.string().max(64).optional() }),
    response: { status: 200, contentType: 'image/png', description: 'The logo (image/png or image/jpeg).', headers: { ETag: 'The SHA-256 of the image.' } },
  }),
  invitationPreview: endpoint({
    method: 'get',
    path: '/api/v1/branding/preview/invitation',
    response: { status: 200, contentType: 'text/html', description: 'The email HTML.' },
  }),
  invoices: endpoint({
    method: 'get',
    path: '/api/v1/invoices',
    response: { status: 200, schema: z.object({ invoices: z.array(invoiceSchema) }), description: 'Invoices.' },
  }),
  printInvoice: endpoint({
    method: 'get',
    path: '/api/v1/invoices/:period/print',
    params: periodParams,
    response: { status: 200, contentType: 'text/html', description: 'The invoice page.' },
  }),
  emailInvoice: endpoint({
    method: 'post',
    path: '/api/v1/invoices/:period/email',
    params: periodParams,
    response: { status: 202, schema: z.object({ sentTo: z.string() }), description: 'The email is queued.' },
  }),
};

export type Settings = z.output<typeof settingsSchema>;
export type SettingsChange = z.input<typeof organization.updateSettings.body>;
export type Seats = z.output<typeof seatsSchema>;
export type Branding = z.output<typeof brandingSchema>;
export type Invoice = z.output<typeof invoiceSchema>;
export type InvoiceLine = z.output<typeof invoiceLineSchema>;
