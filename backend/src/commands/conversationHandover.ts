/**
 * A reply in a thread of a pro who was removed goes to the pro who took over their conversations (store/handovers.ts):
 * the reply's addresses are rewritten before its recipients are classified, so it is stored, readable and notified
 * like any reply to that pro, in the same thread, and the removed address gets nothing.
 */
import { normalizeEmail } from '../auth/email';
import type { AppDeps } from '../deps';
import type { Actor } from '../auth/actor';
import type { SendInput } from './messageSender';

type Address = SendInput['to'][number];

export async function addressedAfterHandOver(deps: AppDeps, actor: Actor, input: SendInput, repliedAt: Date): Promise<SendInput> {
  const emails = [...input.to, ...input.cc, ...input.bcc].map((r) => normalizeEmail(r.email)).filter((e): e is string => e !== null);
  const successors = await deps.store.handovers.successorsFor(actor.organization.id, [...new Set(emails)], repliedAt);
  if (successors.length === 0) return input;
  const successorOf = new Map(successors.map((s) => [s.fromEmail, s.toEmail]));
  const readdress = (list: Address[]): Address[] =>
    list.map((r) => {
      const email = normalizeEmail(r.email);
      const to = email ? successorOf.get(email) : undefined;
      return to ? { email: to } : r;
    });
  return { ...input, to: readdress(input.to), cc: readdress(input.cc), bcc: readdress(input.bcc) };
}
