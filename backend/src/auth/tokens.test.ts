/** Access tokens: what a verified token says is remembered, but never past its expiry nor across secrets. */
import { randomBytes } from 'node:crypto';
import { signAccessToken, verifyAccessToken } from './tokens';

const claims = { sub: 'account-1', sid: 'session-1', org: 'org-1' };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'accepted';
};

afterEach(() => jest.restoreAllMocks());

test('when the same token is verified again, then it gives the same claims', () => {
  const secret = randomBytes(32);
  const token = signAccessToken(secret, claims, 60);
  expect(verifyAccessToken(secret, token)).toEqual(claims);
  expect(verifyAccessToken(secret, token)).toEqual(claims);
});

test('when a remembered token expires, then it is refused', () => {
  const secret = randomBytes(32);
  const now = Date.now();
  const token = signAccessToken(secret, claims, 2);
  expect(verifyAccessToken(secret, token)).toEqual(claims);
  jest.spyOn(Date, 'now').mockReturnValue(now + 3000);
  expect(code(() => verifyAccessToken(secret, token))).toBe('invalid_token');
});

test('when a token was remembered under one secret, then another secret refuses it', () => {
  const secret = randomBytes(32);
  const token = signAccessToken(secret, claims, 60);
  verifyAccessToken(secret, token);
  expect(code(() => verifyAccessToken(randomBytes(32), token))).toBe('invalid_token');
});

test('when a remembered token is altered, then the altered one is refused', () => {
  const secret = randomBytes(32);
  const token = signAccessToken(secret, claims, 60);
  verifyAccessToken(secret, token);
  const [header, payload, signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'account-2', typ: 'access' })).toString('base64url');
  expect(code(() => verifyAccessToken(secret, `${header}.${forged}.${signature}`))).toBe('invalid_token');
  expect(code(() => verifyAccessToken(secret, `${header}.${payload}.${signature}x`))).toBe('invalid_token');
});
