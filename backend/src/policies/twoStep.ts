/**
 * Which second step stands between a person and tokens for an organization. Every way of getting tokens asks this
 * one question (commands/sessionIssuer.ts for sessions, commands/signInCompleter.ts before a session exists):
 * password sign-in, registration, sign-up, switching organization, refresh, and single sign-on when it comes.
 *
 * Someone who has set up 2-step is asked for a code at every sign-in, whatever the organization; an organization
 * that requires 2-step admits only sessions that passed it, and has those who never set it up do so first.
 */
export type TwoStepOwed = 'verify' | 'enroll';

export function twoStepOwed(input: {
  organizationRequiresTwoStep: boolean;
  accountEnrolled: boolean;
  /** The session (if there is one yet) already passed the second step. */
  sessionPassedTwoStep: boolean;
}): TwoStepOwed | null {
  if (input.sessionPassedTwoStep) return null;
  if (input.accountEnrolled) return 'verify';
  return input.organizationRequiresTwoStep ? 'enroll' : null;
}
