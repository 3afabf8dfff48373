/**
 * Reminders of signature requests: every so many days (the organization's `signatureReminderDays`, 0 for never), a
 * signer whose turn it is on an open request and who has not signed or declined gets an email without content —
 * who asks, for which organization, and the link to the request in the portal. Every instance sweeps; a reminder is
 * claimed on the signer's row in the transaction that queues the email and records it, so sweeps racing on several
 * instances send it once, and a reminder the mail budgets refuse is neither sent nor claimed (the next sweep tries).
 */
import type { AppDeps } from '../deps';
import type { ActingMember } from '../auth/actor';
import { AppError } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { auditActor, type DueReminder } from '../store';
import { spendMailBudget } from './mailBudget';
import { startPeriodicSweep, type PeriodicSweep } from './periodicSweep';

type ReminderDeps = AppDeps;

export interface ReminderSweepOptions {
  now?: () => Date;
  batchSize?: number;
}

/** The requester, as the mail budgets count the reminders they cause; null once they are no longer an active member. */
async function requesterOf(deps: ReminderDeps, due: DueReminder): Promise<ActingMember | null> {
  const [account, organization, membership] = await Promise.all([
    deps.store.accounts.findById(due.requesterId),
    deps.store.organizations.findById(due.organizationId),
    deps.store.memberships.find(due.organizationId, due.requesterId),
  ]);
  if (!account || !organization || !membership || membership.status !== 'active') return null;
  return { account, organization, membership };
}

/** Sends one reminder if it is still due; answers whether it was sent. */
async function remind(deps: ReminderDeps, due: DueReminder, now: Date): Promise<boolean> {
  const requester = await requesterOf(deps, due);
  if (!requester) return false;
  try {
    return await deps.store.transaction(async (tx) => {
      if (!(await tx.signatures.claimReminder(due.organizationId, due.requestId, due.accountId, now))) return false;
      await spendMailBudget(tx, deps, requester, 'notice', 1);
      const content = templates.signatureReminder({
        name: due.name,
        requesterName: requester.account.name,
        organizationName: requester.organization.name,
        link: `${deps.config.publicUrl}/portal/signatures/${due.requestId}`,
      });
      await enqueueEmail(tx, deps.secrets.keyring, { organizationId: due.organizationId, template: 'signature_reminder', to: due.email, content });
      await tx.audit.record(auditActor(due.organizationId, null), 'signature_request.reminded', { type: 'signature_request', id: due.requestId },
        { signerId: due.accountId });
      return true;
    });
  } catch (error) {
    // an exhausted budget leaves the reminder due: the next sweep tries again
    if (error instanceof AppError && error.code === 'sending_limited') {
      deps.logger.warn({ requestId: due.requestId, organizationId: due.organizationId }, 'signature reminder held back by the mail budget');
      return false;
    }
    throw error;
  }
}

/** One sweep over every organization; answers how many reminders it queued. */
export async function sweepSignatureReminders(deps: ReminderDeps, options: ReminderSweepOptions = {}): Promise<number> {
  const now = (options.now ?? (() => new Date()))();
  const batchSize = options.batchSize ?? 100;
  let sent = 0;
  let after: DueReminder['cursor'] | undefined;
  for (;;) {
    // the cursor moves past reminders raced away or held back by a budget, so they cannot hold up those after them
    const batch = await deps.store.signatures.dueReminders(now, batchSize, after);
    for (const due of batch) if (await remind(deps, due, now)) sent += 1;
    after = batch.at(-1)?.cursor;
    if (batch.length < batchSize) break;
  }
  if (sent) deps.logger.info({ sent }, 'signature reminders queued');
  return sent;
}

export type ReminderSweeper = PeriodicSweep<number>;

/** Sweeps every `intervalMs` (default an hour) in the background of the server (main.ts starts and stops it). */
export function startReminderSweeper(deps: ReminderDeps, options: { intervalMs?: number; firstDelayMs?: number } = {}): ReminderSweeper {
  return startPeriodicSweep(() => sweepSignatureReminders(deps), {
    intervalMs: options.intervalMs ?? 3_600_000,
    firstDelayMs: options.firstDelayMs ?? 90_000,
    logger: deps.logger,
    failure: 'signature reminder sweep failed',
  });
}
