/**
 * Checks an organization's hash-chained audit log on the server, outside HTTP:
 *   npm run audit -- verify <organizationId>
 * Prints that the chain is intact, or the first broken link: which event, and whether its link to the previous
 * event or its own hash is wrong, or that committed events have waited too long to be linked into the chain (the
 * linker of every running instance has stopped). It links nothing itself. Exit status 0 when intact, 1 when broken,
 * 2 when asked wrongly.
 * Uses the same configuration as the server (DATABASE_URL or the embedded database in DATA_DIR).
 */
import { auditEventHash } from '../store/auditHash';
import type { Store } from '../store';
import { runCli } from './runCli';

const USAGE = 'Usage: npm run audit -- verify <organizationId>';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runAuditCommand(store: Store, args: string[]): Promise<{ output: string; exitCode: number }> {
  const [command, organizationId] = args;
  if (command !== 'verify' || !organizationId || !UUID.test(organizationId)) return { output: USAGE, exitCode: 2 };
  const organization = await store.organizations.findById(organizationId);
  if (!organization) return { output: `No organization has the id ${organizationId}.`, exitCode: 2 };
  const result = await store.audit.verify(organizationId);
  if (result.ok) return { output: `The audit log of ${organization.name} is intact: ${result.count} event(s), every link verified.`, exitCode: 0 };

  const seq = result.brokenAtSeq;
  if (result.unlinked) {
    return {
      output: [
        `The audit log of ${organization.name} is not being linked: ${result.unlinked.count} event(s) committed since ${result.unlinked.oldest.toISOString()} have no place in the chain yet.`,
        `Events before ${seq} verify. Check that a Sealpost instance is running; each one links pending events within a second.`,
      ].join('\n'),
      exitCode: 1,
    };
  }
  const [event, previous] = await store.auditSearch.search(organizationId, { beforeSeq: seq + 1, limit: 2 });
  const lines = [`The audit log of ${organization.name} is broken at event ${seq}.`];
  if (!event || event.seq !== seq) {
    lines.push(event
      ? `Event ${seq} is missing: the events jump from ${event.seq} to a later one, or the newest event is gone.`
      : `Event ${seq} is missing: the organization's chain head points past the last stored event.`);
  } else {
    const { id: _id, hash, actorName: _n, actorEmail: _e, targetLabel: _l, ...fields } = event;
    const expectedPrev = previous && previous.seq === seq - 1 ? previous.hash : null;
    lines.push(`  id ${event.id}, ${event.action} at ${event.createdAt.toISOString()}`);
    if (event.prevHash !== expectedPrev) lines.push(`  its link is wrong: it names ${event.prevHash ?? 'no previous event'}, but event ${seq - 1} has the hash ${expectedPrev ?? '(none)'}`);
    const recomputed = auditEventHash(fields);
    if (recomputed !== hash) lines.push(`  its content was changed: stored hash ${hash}, content hashes to ${recomputed}`);
    if (event.prevHash === expectedPrev && recomputed === hash) lines.push('  the event itself verifies; the chain head stored with the organization does not match it');
  }
  lines.push(`Events before ${seq} verify; from ${seq} on the log cannot be trusted.`);
  return { output: lines.join('\n'), exitCode: 1 };
}

if (require.main === module) runCli((_config, store, args) => runAuditCommand(store, args), 2);
