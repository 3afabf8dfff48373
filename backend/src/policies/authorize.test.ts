/** A refusal becomes the error its code has always been answered with: the status, the code and the rule's sentence. */
import { AppError } from '../errors';
import { authorize } from './authorize';
import { actors } from './testing/actors';

const thrown = (act: () => void) => {
  try {
    act();
  } catch (err) {
    return err instanceof AppError ? { status: err.status, code: err.code, message: err.message, details: err.details } : err;
  }
  return 'nothing thrown';
};

test('when a rule allows, then authorize returns quietly', () => {
  expect(thrown(() => authorize(actors.admin, 'domains.manage'))).toBe('nothing thrown');
});

test.each([
  [() => authorize(actors.pro, 'domains.manage'), 403, 'forbidden'],
  [() => authorize(actors.guest, 'members.invite'), 403, 'guest_cannot_invite'],
  [() => authorize(actors.guest, 'messages.forward'), 403, 'guest_cannot_forward'],
  [() => authorize(actors.guest, 'messages.writeTo', { outside: ['x@example.com'] }), 403, 'guest_compose_limit'],
  [() => authorize(actors.admin, 'files.continueUpload', { uploaderId: 'pro' }), 404, 'not_found'],
] as const)('when a rule refuses (%#), then authorize throws %i %s with the sentence', (act, status, code) => {
  expect(thrown(act)).toMatchObject({ status, code, message: expect.stringMatching(/\.$/) });
});

test('when a refusal carries facts, then the error carries them for the person', () => {
  expect(thrown(() => authorize(actors.guest, 'messages.writeTo', { outside: ['x@example.com'] }))).toMatchObject({ details: { recipients: ['x@example.com'] } });
});
