/** The Smart Alerts text a Mailbox 1.14+ client shows for each sign-in stop: the reason, then the dialog button. */
import { NEXT_STEPS, SIGN_IN_REASONS } from '../blockMessages';

type Reason = keyof typeof SIGN_IN_REASONS;

const withStep = (step: string) =>
  Object.fromEntries(Object.entries(SIGN_IN_REASONS).map(([key, reason]) => [key, `${reason} ${step}`])) as Record<Reason, string>;

export const SIGN_IN_ALERT = withStep(NEXT_STEPS.signIn.withButton);
/** Below Mailbox 1.14: no button, the ribbon instead. */
export const SIGN_IN_ALERT_FROM_RIBBON = withStep(NEXT_STEPS.signIn.fromRibbon);
