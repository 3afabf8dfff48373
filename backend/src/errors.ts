/**
 * The one error type of the backend: an HTTP status, a stable machine code and a sentence a person can act on.
 * Responses render it as application/problem+json (see http/problem.ts).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  validation: (message: string, issues: unknown[]) =>
    new AppError(400, 'invalid_request', message, { issues }),
  malformedJson: () => new AppError(400, 'malformed_json', 'The request body is not valid JSON.'),
  bodyTooLarge: (limitKb: number) =>
    new AppError(413, 'body_too_large', `The request body is larger than the ${limitKb} KiB this endpoint accepts.`),
  unsupportedMediaType: () =>
    new AppError(415, 'unsupported_media_type', 'Send the request body as application/json.'),
  notFound: (what = 'The page or resource') => new AppError(404, 'not_found', `${what} was not found.`),
  methodNotAllowed: () => new AppError(405, 'method_not_allowed', 'This address does not accept that method.'),
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
  sessionRevoked: () => new AppError(401, 'session_revoked', 'This session was signed out. Sign in again.'),
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
  csrfFailed: () =>
    new AppError(403, 'csrf_failed', 'This form has expired. Reload the page and try again.'),
  accessRevoked: (orgName: string) =>
    new AppError(403, 'access_revoked', `Your access to ${orgName} has been revoked.`),
  accountBlocked: () =>
    new AppError(403, 'account_blocked', 'This account is blocked. Contact your organization\'s administrator.'),
  noOrganization: () =>
    new AppError(403, 'no_active_membership', 'You are not an active member of any organization.'),
  notAMember: () =>
    new AppError(403, 'not_a_member', 'You are not an active member of that organization.'),
  forbidden: (message = 'You do not have permission to do that.') => new AppError(403, 'forbidden', message),

  // passwords and links
  weakPassword: (reason: string) => new AppError(400, 'weak_password', reason),
  invalidLink: () =>
    new AppError(
      400,
      'invalid_link',
      'This link has expired or was already used. Request a new one.',
    ),
  emailTaken: () =>
    new AppError(409, 'email_taken', 'An account with this email was created meanwhile. Sign in instead.'),
};
