/** The one rule on the second step, as a table: what each combination owes before tokens are issued. */
import { twoStepOwed } from './twoStep';

test.each([
  // requires, enrolled, passed → owed
  [false, false, false, null],
  [true, false, false, 'enroll'],
  [false, true, false, 'verify'],
  [true, true, false, 'verify'],
  [true, false, true, null],
  [true, true, true, null],
  [false, true, true, null],
] as const)('when the organization requires 2-step: %s, the person enrolled: %s, the session passed it: %s, then %s is owed', (requires, enrolled, passed, owed) => {
  expect(twoStepOwed({ organizationRequiresTwoStep: requires, accountEnrolled: enrolled, sessionPassedTwoStep: passed })).toBe(owed);
});
