/**
 * Platform-operator actions, run on the server rather than exposed over HTTP:
 *   npm run operator -- block <email>      block an account everywhere (its sessions end at the next request)
 *   npm run operator -- unblock <email>
 * Uses the same configuration as the server (DATABASE_URL or the embedded database in DATA_DIR).
 */
import path from 'node:path';
import { normalizeEmail } from '../auth/email';
import { InvalidConfigError, loadConfig } from '../config';
import { openStore, type Store } from '../store';

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
      await tx.audit.append({
        organizationId: membership.organizationId,
        actorId: null,
        action: blocked ? 'account.blocked' : 'account.unblocked',
        targetType: 'account',
        targetId: account.id,
      });
    }
  });
  return `${account.email} is ${blocked ? 'blocked' : 'unblocked'}.`;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof InvalidConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pgdata') });
  try {
    process.stdout.write(`${await runOperatorCommand(store, process.argv.slice(2))}\n`);
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
