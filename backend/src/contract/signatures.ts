/**
 * Signature requests: a pro asks recipients of a sent message to sign one of its PDFs (fields placed per signer, in
 * order or in parallel, with an optional expiry); the signers view it, agree to sign electronically while confirming
 * who they are, then sign or decline; the requester may void it. The completed PDF is a file of the message.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, noteText, uuid } from './text';

export const SIGNATURE_FIELD_KINDS = ['signature', 'initials', 'dateSigned', 'text', 'checkbox'] as const;
const fieldKind = z.enum(SIGNATURE_FIELD_KINDS);
/** PDF points; the largest page a PDF may have is 14,400 points on a side. */
const coordinate = z.number().min(-14_400).max(14_400);
const length = z.number().gt(0).max(14_400);

const fieldInput = z.strictObject({
  signer: z.string().max(1000).describe('The email of the signer who fills this field in.'),
  kind: fieldKind,
  page: z.number().int().min(1).max(5000).describe('Pages count from 1.'),
  x: coordinate.describe('Left edge in PDF points from the page origin (bottom left).'),
  y: coordinate.describe('Bottom edge in PDF points.'),
  width: length,
  height: length,
  required: z.boolean().default(true),
});

const futureTime = z.string().datetime().refine((at) => new Date(at) > new Date(), 'must be in the future');

const signerSchema = z.object({
  name: z.string(),
  email: z.string(),
  position: z.number().int(),
  status: z.enum(['sent', 'viewed', 'signed', 'declined']),
  viewedAt: z.string().datetime().nullable(),
  consentedAt: z.string().datetime().nullable(),
  signedAt: z.string().datetime().nullable(),
  declinedAt: z.string().datetime().nullable(),
  declineReason: z.string().nullable(),
});

const fieldSchema = z.object({
  id: uuid,
  signer: z.string().describe("The signer's email."),
  kind: fieldKind,
  page: z.number().int(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  required: z.boolean(),
});

export const signatureRequestSchema = z.object({
  id: uuid,
  messageId: uuid,
  fileId: uuid.describe('The document to sign, a file of the message.'),
  documentName: z.string(),
  order: z.enum(['parallel', 'sequential']),
  status: z.enum(['open', 'completed', 'declined', 'voided', 'expired']),
  expiresAt: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
  closedAt: z.string().datetime().nullable(),
  voidReason: z.string().nullable(),
  completedFileId: uuid.nullable().describe('The signed PDF once every signer signed: download it from /api/v1/files/{id}/content.'),
  signers: z.array(signerSchema),
  fields: z.array(fieldSchema),
  consentText: z.string().describe('What a signer agrees to before signing electronically.'),
  you: z.object({
    requester: z.boolean(),
    signer: z.boolean(),
    consented: z.boolean(),
    yourTurn: z.boolean().describe('true: you may sign now (open, not expired, your turn, not decided yet).'),
  }),
});

const requestParams = z.strictObject({ requestId: uuid });

/** A typed name, or a drawn signature as a base64 PNG (at most 512 KB decoded). */
const adoptedSignature = z.union([
  z.strictObject({ typed: displayText(80).min(1) }),
  z.strictObject({ drawnPng: z.string().max(700_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64') }),
]);

export const signatures = {
  create: endpoint({
    method: 'post',
    path: '/api/v1/messages/:messageId/signature-requests',
    params: z.strictObject({ messageId: uuid }),
    body: z.strictObject({
      fileId: uuid.describe('A PDF sent with the message.'),
      signers: z.array(z.strictObject({ email: z.string().max(1000) })).min(1).max(20).describe('Recipients of the message, in signing order.'),
      order: z.enum(['parallel', 'sequential']).default('sequential'),
      fields: z.array(fieldInput).min(1).max(200),
      expiresAt: futureTime.nullable().optional(),
    }),
    response: { status: 201, schema: signatureRequestSchema, description: 'Requested; the signers are told by email.' },
  }),
  listForMessage: endpoint({
    method: 'get',
    path: '/api/v1/messages/:messageId/signature-requests',
    params: z.strictObject({ messageId: uuid }),
    response: {
      status: 200,
      schema: z.object({ requests: z.array(signatureRequestSchema).describe('Oldest first; only those you asked for or sign.') }),
      description: "The message's signature requests that are yours to see: all of them for its sender, your own for a signer.",
    },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/v1/signature-requests/:requestId',
    params: requestParams,
    response: { status: 200, schema: signatureRequestSchema, description: 'The request, for its requester and signers.' },
  }),
  void: endpoint({
    method: 'post',
    path: '/api/v1/signature-requests/:requestId/void',
    params: requestParams,
    body: z.strictObject({ reason: noteText(1000).min(1) }),
    response: { status: 200, schema: signatureRequestSchema, description: 'Voided: nobody can sign it any more.' },
  }),
  view: endpoint({
    method: 'post',
    path: '/api/v1/signature-requests/:requestId/view',
    params: requestParams,
    body: z.strictObject({}),
    response: { status: 200, schema: signatureRequestSchema, description: 'Recorded that you opened the document.' },
  }),
  consent: endpoint({
    method: 'post',
    path: '/api/v1/signature-requests/:requestId/consent',
    params: requestParams,
    body: z
      .strictObject({
        agree: z.literal(true).describe('You agree to do business electronically, as consentText says.'),
        password: z.string().min(1).max(1024).optional(),
        code: z.string().regex(/^\d{6}$/, 'must be the 6 digits of your authenticator app').optional(),
        singleSignOn: z
          .literal(true)
          .optional()
          .describe("You signed in again through your organization's single sign-on within the last 10 minutes (this session started so)."),
      })
      .refine((b) => [b.password, b.code, b.singleSignOn].filter((proof) => proof !== undefined).length === 1, {
        message: 'give one of your password, a 2-step code, or singleSignOn after signing in again with your organization',
        path: ['password'],
      }),
    response: { status: 200, schema: signatureRequestSchema, description: 'Consent and identity recorded.' },
  }),
  sign: endpoint({
    method: 'post',
    path: '/api/v1/signature-requests/:requestId/sign',
    params: requestParams,
    body: z.strictObject({
      adoptedSignature: adoptedSignature.describe('Drawn into your signature and initials fields.'),
      values: z
        .record(uuid, z.union([z.string().max(2000), z.boolean()]))
        .default({})
        .describe('Your text fields (text) and checkboxes (true or false) by field id; signature, initials and date fields take none.'),
    }),
    response: { status: 200, schema: signatureRequestSchema, description: 'Signed; when you were the last signer the completed PDF is ready (completedFileId).' },
  }),
  decline: endpoint({
    method: 'post',
    path: '/api/v1/signature-requests/:requestId/decline',
    params: requestParams,
    body: z.strictObject({ reason: noteText(1000).min(1) }),
    response: { status: 200, schema: signatureRequestSchema, description: 'Declined: the request ends for everyone.' },
  }),
};

export type SignatureRequestAnswer = z.output<typeof signatureRequestSchema>;
export type SignatureRequestInput = z.input<typeof signatures.create.body>;
export type SignRequest = z.input<typeof signatures.sign.body>;
