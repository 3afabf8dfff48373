/**
 * Who a reply goes to. Answering someone else's message: Reply goes to its sender, Reply all adds its other To and
 * Cc recipients. Following up one's own message: both go to its recipients again. Nobody gets their own reply.
 */
import type { MessageDetail, ThreadMessage } from '../api/portalApi';
import type { ComposeInitial } from '../compose/ComposeForm';

const lower = (s: string) => s.toLowerCase();

export function replySubject(subject: string | null): string {
  const base = (subject ?? '').trim();
  return /^re:/i.test(base) ? base : `Re: ${base}`.trim();
}

export function replyDraft(target: ThreadMessage, detail: MessageDetail | undefined, myEmail: string, mine: boolean): { one: ComposeInitial; all: ComposeInitial } {
  const me = lower(myEmail);
  const visible = (detail?.recipients ?? []).filter((r) => r.kind !== 'bcc');
  const emails = (kind: 'to' | 'cc') => visible.filter((r) => r.kind === kind).map((r) => lower(r.email)).filter((e) => e !== me);
  const sender = lower(target.from.email);
  const participants = [sender, ...visible.map((r) => lower(r.email))];
  const base = { subject: replySubject(target.subject), inReplyTo: target.id, participants };

  if (mine) {
    const again = { ...base, to: emails('to'), cc: emails('cc') };
    return { one: again, all: again };
  }
  const others = emails('to').filter((e) => e !== sender);
  return {
    one: { ...base, to: [sender], cc: [] },
    all: { ...base, to: [sender, ...others], cc: emails('cc').filter((e) => e !== sender) },
  };
}
