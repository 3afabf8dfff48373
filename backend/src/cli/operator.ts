/**
 * Platform-operator actions, run on the server rather than exposed over HTTP:
 *   npm run operator -- block <email>      block an account everywhere (its sessions end at the next request)
 *   npm run operator -- unblock <email>
 * Uses the same configuration as the server (DATABASE_URL or the embedded database in DATA_DIR).
 */
import { normalizeEmail } from '../auth/email';
import { auditActor, type Store } from '../store';
import { runCli } from './runCli';

export async function runOperatorCommand(store: Store, args: string[]): Promise<string> {
  const [command, rawEmail] = args;
  if ((command !== 'block' && command !== 'unblock') || !rawEmail) {
    return 'Usage: npm run operator -- block|unblock <email>';
  }
  const email = normalizeEmail(rawEmail);
  const account = email ? await store.accounts.findByEmail(email) : null;
  if (!account) return `No account has the email ${rawEmail}.`;
  const blocked = command === 'block';
  await store.transaction(async (tx) => {
    await tx.accounts.setBlocked(account.id, blocked);
    if (blocked) await tx.sessions.revokeAllForAccount(account.id, 'blocked_by_operator');
    for (const membership of await tx.memberships.listForAccount(account.id)) {
      await tx.audit.record(auditActor(membership.organizationId, null), blocked ? 'account.blocked' : 'account.unblocked', { type: 'account', id: account.id });
    }
  });
  return `${account.email} is ${blocked ? 'blocked' : 'unblocked'}.`;
}

if (require.main === module) runCli((_config, store, args) => runOperatorCommand(store, args));
