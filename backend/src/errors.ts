/**
 * The one error type of the backend: an HTTP status, a stable machine code and a sentence a person can act on.
 * Responses render it as application/problem+json (see http/problem.ts). The codes are the contract's list
 * (contract/errors.ts): a code not listed there does not compile. Single sign-on's refusals are in signOnErrors.ts.
 */
import type { ErrorCode } from './contract/errors';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A wait in words: seconds, then minutes, then hours. */
function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

export const errors = {
  validation: (message: string, issues: unknown[]) =>
    new AppError(400, 'invalid_request', message, { issues }),
  malformedJson: () => new AppError(400, 'malformed_json', 'The request body is not valid JSON.'),
  unencodableText: (where: string, field: string) =>
    new AppError(
      400,
      'invalid_text',
      `The ${where} holds text that cannot be stored${field ? ` in ${field}` : ''}: a NUL character or a broken UTF-16 pair. Remove it and try again.`,
      { issues: [{ path: field, code: 'invalid_text' }] },
    ),
  malformedPath: () =>
    new AppError(400, 'malformed_path', 'The address holds a broken %-escape. Check the link and try again.'),
  badRequest: (message: string) => new AppError(400, 'bad_request', message),
  unreadableBody: () =>
    new AppError(400, 'unreadable_body', 'The request body could not be read. Send it again, complete and uncompressed.'),
  requestTimeout: (seconds: number) =>
    new AppError(408, 'request_timeout', `The request did not arrive in full within ${seconds} seconds. Check your connection and send it again.`),
  bodyTooLarge: (limitKb: number) =>
    new AppError(413, 'body_too_large', `The request body is larger than the ${limitKb} KiB this endpoint accepts.`),
  unsupportedMediaType: () =>
    new AppError(415, 'unsupported_media_type', 'Send the request body as application/json.'),
  notFound: (what = 'The page or resource') => new AppError(404, 'not_found', `${what} was not found.`),
  methodNotAllowed: () => new AppError(405, 'method_not_allowed', 'This address does not accept that method.'),
  internal: (requestId: string) =>
    new AppError(500, 'internal_error', `Something went wrong on our side. If it keeps happening, tell support the request id ${requestId}.`),
  notReady: () => new AppError(503, 'not_ready', 'The database is not reachable or not migrated yet.'),
  /** Tests only: a handler answered what its contract entry does not allow (http/route.ts). */
  responseContract: (route: string) =>
    new AppError(500, 'response_contract', `The answer of ${route} did not match its contract; the server log names the difference.`),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(
      429,
      'rate_limited',
      `Too many attempts. Try again in ${retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    ),

  // authentication
  unauthenticated: () => new AppError(401, 'unauthenticated', 'Sign in to continue.'),
  invalidToken: () => new AppError(401, 'invalid_token', 'Your sign-in is not valid any more. Sign in again.'),
  invalidApiToken: () =>
    new AppError(401, 'invalid_api_token', 'The API token is unknown, revoked, or its creator is no longer an admin. Create a new token in the admin page.'),
  /** SCIM refusals carry the RFC 7644 scimType a directory switches on, besides our code (http/scimProblem.ts). */
  scimInvalidFilter: (message: string) => new AppError(400, 'invalid_filter', message, { scimType: 'invalidFilter' }),
  scimInvalidValue: (message: string) => new AppError(400, 'invalid_scim_value', message, { scimType: 'invalidValue' }),
  scimInvalidPath: (path: string) =>
    new AppError(400, 'invalid_scim_path', `The PATCH path "${path.slice(0, 100)}" is not one Sealpost keeps. Map only userName, active, name, displayName, externalId and userType.`, { scimType: 'invalidPath' }),
  scimImmutable: (message: string) => new AppError(400, 'immutable_attribute', message, { scimType: 'mutability' }),
  apiTokenActingForGone: () =>
    new AppError(401, 'invalid_api_token', 'The staff member this API token sends as is no longer an active pro of the organization. Create a new token in the admin page.'),
  apiTokenScope: (scope: string) =>
    new AppError(403, 'api_token_scope', `The API token does not carry the "${scope}" scope. Create a token with that scope in the admin page.`),
  /** `reason` (how the session ended, when it did not simply run out) lets a page say why; the sentence says it too. */
  sessionRevoked: (ended?: { reason: string; sentence: string }) =>
    new AppError(401, 'session_revoked', ended?.sentence ?? 'This session was signed out. Sign in again.', ended ? { reason: ended.reason } : undefined),
  deviceSessionFromDevice: () =>
    new AppError(
      403,
      'device_session_not_allowed',
      'A device session cannot start another one. Sign in to Sealpost in the Outlook task pane, then try again.',
    ),
  currentPasswordIncorrect: () =>
    new AppError(400, 'current_password_incorrect', 'Your current password is not right. Type it again, or sign out and use "Forgot your password?".'),
  invalidCredentials: () =>
    new AppError(401, 'invalid_credentials', 'That email and password do not match. Check both and try again.'),
  invalidRefreshToken: () =>
    new AppError(401, 'invalid_refresh_token', 'Your sign-in has expired. Sign in again.'),
  refreshTokenReused: () =>
    new AppError(
      401,
      'refresh_token_reused',
      'This sign-in was used from two places at once, so we signed it out everywhere to be safe. Sign in again.',
    ),
  twoStepRequired: (orgName: string) =>
    new AppError(
      403,
      'two_step_required',
      `Using ${orgName} needs 2-step verification, which this sign-in has not passed. Sign in to ${orgName} again to enter your code or set it up.`,
    ),
  csrfFailed: () =>
    new AppError(403, 'csrf_failed', 'This form has expired. Reload the page and try again.'),
  accessRevoked: (orgName: string) =>
    new AppError(403, 'access_revoked', `Your access to ${orgName} has been revoked.`, { organizationName: orgName }),
  accountBlocked: () =>
    new AppError(403, 'account_blocked', 'This account is blocked. Contact your organization\'s administrator.'),
  noOrganization: () =>
    new AppError(403, 'no_active_membership', 'You are not an active member of any organization.'),
  notAMember: () =>
    new AppError(403, 'not_a_member', 'You are not an active member of that organization.'),
  forbidden: (message = 'You do not have permission to do that.') => new AppError(403, 'forbidden', message),
  /** A policy's refusal (policies/verdict.ts): its code, status and sentence are the rule's. */
  refused: (status: number, code: ErrorCode, sentence: string, details?: Record<string, unknown>) => new AppError(status, code, sentence, details),

  // passwords and links
  weakPassword: (reason: string) => new AppError(400, 'weak_password', reason),
  invalidLink: () =>
    new AppError(
      400,
      'invalid_link',
      'This link has expired or was already used. Request a new one.',
    ),
  noSeatsAvailable: (purchased: number) =>
    new AppError(409, 'no_seats_available', `All ${purchased} seat(s) are in use. Buy more seats or make someone a guest first.`),
  seatsInUse: (used: number) =>
    new AppError(409, 'seats_in_use', `${used} seat${used === 1 ? ' is' : 's are'} in use by active and invited pros, so the organization cannot have fewer than ${used}. Remove pros or make them guests first; nothing was changed.`, { used }),
  lastAdmin: () =>
    new AppError(409, 'last_admin', 'This is the only admin of the organization. Make someone else an admin first.'),
  rolesRequirePro: () =>
    new AppError(409, 'roles_require_pro', 'Admins and user managers must be pros. Remove their roles before making them a guest.'),
  alreadyMember: (email: string) => new AppError(409, 'already_member', `${email} is already a member of this organization.`),
  alreadyInvited: (email: string) =>
    new AppError(409, 'already_invited', `${email} already has a pending invitation. Resend it instead.`),
  memberRemoved: (email: string) =>
    new AppError(409, 'member_removed', `${email} was removed from this organization, and removal cannot be undone.`),
  memberBlocked: (email: string) => new AppError(409, 'member_blocked', `${email} is blocked and cannot be invited.`),
  resendLimited: (retryAfterSeconds: number, why: 'invitation' | 'sender') =>
    new AppError(
      429,
      'resend_limited',
      `${why === 'invitation' ? 'This invitation was sent again several times lately' : 'You have resent many invitations lately'}, so it was not sent now. You can send it again in ${retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  sendingLimited: (
    retryAfterSeconds: number,
    budget: { kind: 'invitation' | 'notice' | 'invoice'; scope: 'sender' | 'organization'; max: number; left: number; asked: number; newOrganization: boolean },
  ) => {
    const what = { invitation: 'invitations', notice: 'new-message notices', invoice: 'invoice emails' }[budget.kind];
    const allowance = budget.scope === 'sender'
      ? `You can send ${budget.left} more ${what} this hour (at most ${budget.max} an hour per person)`
      : `This organization can send ${budget.left} more ${what} today (at most ${budget.max} a day${budget.newOrganization ? ' while the organization is new' : ''})`;
    const fewer = { invitation: 'Invite fewer new people at once', notice: 'Write to fewer people at once', invoice: 'Print the invoice instead' }[budget.kind];
    return new AppError(
      429,
      'sending_limited',
      `${allowance}, and this would need ${budget.asked}, so nothing was sent. ${fewer}, or try again in ${waitText(retryAfterSeconds)}.`,
      { kind: budget.kind, scope: budget.scope, limit: budget.max, remaining: budget.left },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  },
  invitationNotPending: () =>
    new AppError(409, 'invitation_not_pending', 'This invitation was already accepted or withdrawn.'),
  invitationInvalid: () =>
    new AppError(
      410,
      'invitation_invalid',
      'This invitation link has expired, was already used or was withdrawn. Ask the person who invited you to send it again.',
    ),
  invalidEmail: (field = 'email') =>
    new AppError(400, 'invalid_email', 'Enter a valid email address.', { issues: [{ path: field, code: 'invalid_email' }] }),
  emailTaken: () =>
    new AppError(409, 'email_taken', 'An account with this email was created meanwhile. Sign in instead.'),

  // 2-step verification
  invalidTwoStepCode: () =>
    new AppError(
      401,
      'invalid_two_step_code',
      'That code is not right or was already used. Enter the current code from your authenticator app.',
    ),
  invalidChallenge: () => new AppError(401, 'invalid_challenge', 'Your sign-in took too long. Sign in again.'),
  twoStepAlreadySetUp: () =>
    new AppError(
      409,
      'two_step_already_set_up',
      '2-step verification is already set up for this account. Enter the code from your authenticator app.',
    ),
  twoStepNotSetUp: () =>
    new AppError(
      409,
      'two_step_not_set_up',
      '2-step verification is not set up yet. Scan the QR code with your authenticator app first, then enter its code.',
    ),
  memberTwoStepNotSetUp: () =>
    new AppError(409, 'two_step_not_set_up', 'This member has no 2-step verification to reset. They can set it up from their account page.'),

  // claimed domains
  invalidDomain: (given: string) =>
    new AppError(
      400,
      'invalid_domain',
      `"${given.length > 80 ? `${given.slice(0, 80)}…` : given}" is not a domain name. Enter the part after the @ of your organization's email addresses, like example.com.`,
      { issues: [{ path: 'domain', code: 'invalid_domain' }] },
    ),
  consumerDomain: (domain: string) =>
    new AppError(
      400,
      'consumer_domain',
      `${domain} is a public email provider where anyone can get an address, so no organization can claim it. Claim the domain of your organization's own email addresses.`,
    ),
  domainTaken: (domain: string) =>
    new AppError(409, 'domain_taken', `${domain} is already verified by another organization. Contact support if you own it.`),
  verificationFailed: (message: string, details: Record<string, unknown>) =>
    new AppError(409, 'verification_failed', message, details),

  // the admin page
  invalidCursor: () =>
    new AppError(400, 'invalid_cursor', 'This page link is out of date. Go back to the first page and try again.', { issues: [{ path: 'cursor', code: 'invalid_cursor' }] }),
  invalidLogo: () =>
    new AppError(400, 'invalid_logo', 'The logo must be a PNG or JPEG image. Save it as .png or .jpg and upload it again.'),
  logoTooLarge: (maxKb: number) =>
    new AppError(413, 'logo_too_large', `The logo is larger than ${maxKb} KB. Make it smaller (about 400 × 120 pixels is plenty) and upload it again.`),

  // messages
  alreadyRecalled: () => new AppError(409, 'already_recalled', 'This message was already recalled.'),
  idempotencyConflict: (what = 'message') =>
    new AppError(409, 'idempotency_conflict', `This Idempotency-Key was already used for a different ${what}. Use a new key for a new ${what}.`),
  idempotencyKeyRequired: (what: string) =>
    new AppError(400, 'idempotency_key_required', `${what} needs an Idempotency-Key header (8–200 letters, digits or . _ : -), so that sending it twice cannot do it twice. Reload the page and try again.`),
  messageUnavailable: () => new AppError(409, 'message_unavailable', 'This message was recalled or has expired, so it cannot be forwarded.'),
  invalidRecipients: (addresses: string[]) =>
    new AppError(400, 'invalid_recipients', `These are not usable email addresses: ${addresses.join(', ')}.`, { recipients: addresses }),
  noRecipients: (message: string) => new AppError(400, 'no_recipients', message, { recipients: [] }),
  recipientsCannotReceive: (addresses: string[]) =>
    new AppError(409, 'recipients_cannot_receive', `These people cannot receive messages from this organization: ${addresses.join(', ')}.`, { recipients: addresses }),
  unconfirmedRecipients: (addresses: string[]) =>
    new AppError(409, 'unconfirmed_recipients', `Confirm that these new recipients should be invited: ${addresses.join(', ')}.`, { recipients: addresses }),
  forwardToProsOnly: (organizationName: string, addresses: string[]) =>
    new AppError(409, 'forward_to_pros_only', `Messages can be forwarded only to staff of ${organizationName}. Remove: ${addresses.join(', ')}.`, { recipients: addresses }),

  // files and resumable uploads (tus-shaped)
  fileTooLarge: (size: string, limit: string) =>
    new AppError(413, 'file_too_large', `This file is ${size}, but your organization accepts files of up to ${limit}. Share a smaller file, or ask your administrator about the limit.`),
  tooManyDrafts: (max: number) =>
    new AppError(409, 'too_many_drafts', `You already keep ${max} drafts, the most one person may. Send or delete some, then keep writing.`, { max }),
  tooManyOpenUploads: (max: number, clearedAfterHours: number) =>
    new AppError(
      409,
      'too_many_open_uploads',
      `You already have ${max} uploads that were not sent with a message, the most one person may have. Send them with a message, or start again after ${clearedAfterHours} hours, when unsent uploads are cleared.`,
      { max },
    ),
  unsentUploadsTooLarge: (limit: string, clearedAfterHours: number) =>
    new AppError(
      413,
      'unsent_uploads_too_large',
      `With this file your uploads not yet sent with a message would come to more than ${limit}, the most one person may have waiting. Send the ones you have first, or start again after ${clearedAfterHours} hours, when unsent uploads are cleared.`,
    ),
  storageQuotaExceeded: (limit: string) =>
    new AppError(
      413,
      'storage_quota_exceeded',
      `This file does not fit in the ${limit} of files this organization may store. Share a smaller file, or ask the organization's administrator about its storage limit.`,
    ),
  uploadMediaType: () =>
    new AppError(415, 'unsupported_media_type', 'Send upload chunks as application/offset+octet-stream.'),
  invalidUploadOffset: () =>
    new AppError(400, 'invalid_upload_offset', 'Send the Upload-Offset header with the byte offset this chunk starts at (a whole number).'),
  unsupportedTusVersion: () =>
    new AppError(412, 'unsupported_tus_version', 'This server speaks tus 1.0.0. Send Tus-Resumable: 1.0.0 or leave the header out.', undefined, { 'Tus-Version': '1.0.0' }),
  offsetMismatch: (offset: number) =>
    new AppError(409, 'offset_mismatch', `The upload is at byte ${offset}, not where this chunk starts. Resume from byte ${offset}.`, { offset }, { 'Upload-Offset': String(offset) }),
  uploadBusy: () =>
    new AppError(409, 'upload_busy', 'Another request is still writing to this upload. Wait a moment, ask for the offset (HEAD) and resume from there.', undefined, { 'Retry-After': '1' }),
  uploadExceedsSize: (size: number) =>
    new AppError(413, 'upload_exceeds_size', `This chunk goes past the ${size} bytes declared for the file. Send only the bytes that remain.`),
  fileIncomplete: (fileId: string) =>
    new AppError(409, 'file_incomplete', 'This file has not finished uploading. Finish the upload, then try again.', { fileId }),
  fileNotFound: (fileId: string) =>
    new AppError(404, 'file_not_found', 'One of the files was not found among your uploads. Upload it again.', { fileId }),
  fileAlreadyAttached: (fileId: string) =>
    new AppError(409, 'file_already_attached', 'This file is already attached to a message. Upload it again to send it once more.', { fileId }),
  rangeNotSatisfiable: (size: number) =>
    new AppError(416, 'range_not_satisfiable', `The file has ${size} bytes; ask for a range that starts within them.`, { size }, { 'Content-Range': `bytes */${size}` }),

  // documents for signature
  pdfTooLarge: (limitMb: number) =>
    new AppError(413, 'pdf_too_large', `This PDF is larger than the ${limitMb} MB a document for signature may be. Split it or reduce its size (for example by saving it with smaller images), then try again.`),
  pdfTooManyPages: (pages: number, maxPages: number) =>
    new AppError(413, 'pdf_too_many_pages', `This PDF has ${pages} pages; a document for signature may have at most ${maxPages}. Split it into smaller documents, then try again.`, { pages, maxPages }),
  pdfUnreadable: () =>
    new AppError(422, 'pdf_unreadable', 'This file could not be read as a PDF. Open it in a PDF reader, save or print it again as PDF, then try again.'),
  pdfEncrypted: () =>
    new AppError(422, 'pdf_encrypted', 'This PDF is password-protected or encrypted. Save a copy without a password, then try again.'),
  signatureFieldOffPage: (fieldId: string) =>
    new AppError(400, 'signature_field_off_page', 'A field is placed on a page the document does not have, or outside the page. Place it again on the document.', { fieldId }),
  signatureFieldValueMissing: (fieldId: string) =>
    new AppError(400, 'signature_field_value_missing', 'A required field has no value, or a value of the wrong kind. Fill in every required field, then sign again.', { fieldId }),
  invalidSignatureImage: (maxKb: number, maxSide: number) =>
    new AppError(400, 'invalid_signature_image', `The drawn signature must be a PNG image of at most ${maxKb} KB and ${maxSide} × ${maxSide} pixels. Draw it again.`),

  // signature requests
  signerNotRecipient: (emails: string[]) =>
    new AppError(400, 'signer_not_recipient', 'Every signer must be a recipient of the message (To or Cc) other than you. Send the document to them first, or remove them from the signers.', { emails }),
  signatureDocumentInvalid: (fileId: string) =>
    new AppError(400, 'signature_document_invalid', 'The document to sign must be a PDF sent with this message. Choose one of its PDF files.', { fileId }),
  signatureFieldsMismatch: (detail: string, fieldIds: string[]) =>
    new AppError(400, 'signature_fields_mismatch', `${detail} Reload the request and fill in only your own fields.`, { fieldIds }),
  signatureRequestClosed: (status: string) =>
    new AppError(409, 'signature_request_closed', `This signature request is ${status}; nothing more can be signed or declined on it.`, { status }),
  signatureRequestExpired: (expiredAt: string) =>
    new AppError(409, 'signature_request_expired', `This signature request expired on ${expiredAt.slice(0, 10)}, so it can no longer be viewed for signing, agreed to or signed. Ask the sender for a new one.`, { expiredAt }),
  signatureOutOfOrder: () =>
    new AppError(409, 'signature_out_of_order', 'The signers of this document sign in order, and it is not your turn yet. You will be able to sign once those before you have.'),
  signatureConsentRequired: () =>
    new AppError(409, 'signature_consent_required', 'Agree to sign electronically and confirm who you are before you sign.'),
  signerAlreadyDecided: (status: string) =>
    new AppError(409, 'signer_already_decided', `You have already ${status} this document; your decision stands.`, { status }),
  identityNotConfirmed: () =>
    new AppError(403, 'identity_not_confirmed', 'That password or 2-step code is not right. Enter the password you sign in with, or a current code from your authenticator app.'),
  singleSignOnNotRecent: () =>
    new AppError(403, 'identity_not_confirmed', "Sign in again with your organization's single sign-on, then agree within 10 minutes."),
};
