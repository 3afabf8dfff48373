/**
 * Keeping drafts as they are typed: each save seals the whole draft (subject, body, recipients) with the keyring,
 * bound to its id, and replaces the previous one. Drafts are the person's own and outlive the membership they were
 * written in, so access ending mid-sentence loses nothing. Saves are not audit events: a draft is the writer's
 * private work in progress, saved every second or two while they type; the message it becomes is audited when sent.
 */
import { openRecord, sealRecord } from '../crypto/envelope';
import type { Actor } from '../auth/actor';
import { MAX_DRAFTS, type Draft, type DraftContent } from '../contract/drafts';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { authorize } from '../policies/authorize';

type SavedContent = Required<Omit<DraftContent, 'inReplyTo'>> & { inReplyTo?: string };

/** The associated data of a draft's sealed record (also used by key rotation). */
export const draftAad = (draftId: string) => `draft:${draftId}`;

export async function saveDraft(deps: AppDeps, actor: Actor, id: string, content: SavedContent): Promise<Date> {
  authorize(actor, 'drafts.keep');
  const sealed = sealRecord(deps.secrets.keyring, JSON.stringify(content), draftAad(id));
  return deps.store.transaction(async (tx) => {
    // counted under the account's own rows; a replaced draft does not count twice
    const existing = await tx.drafts.listForAccount(actor.account.id, MAX_DRAFTS + 1);
    if (existing.length >= MAX_DRAFTS && !existing.some((d) => d.id === id)) throw errors.tooManyDrafts(MAX_DRAFTS);
    const saved = await tx.drafts.save({ id, accountId: actor.account.id, organizationId: actor.organization.id, contentSealed: sealed });
    // someone else's draft id: answered as if it did not exist, and nothing was written
    if (!saved) throw errors.notFound('That draft');
    return saved;
  });
}

export async function listDrafts(deps: AppDeps, actor: Actor): Promise<Draft[]> {
  authorize(actor, 'drafts.keep');
  const stored = await deps.store.drafts.listForAccount(actor.account.id, MAX_DRAFTS);
  return stored.map((d) => {
    const content = JSON.parse(openRecord(deps.secrets.keyring, d.contentSealed, draftAad(d.id))) as SavedContent;
    return {
      id: d.id,
      organizationName: d.organizationName,
      writtenHere: d.organizationId === actor.organization.id,
      updatedAt: d.updatedAt.toISOString(),
      subject: content.subject,
      html: content.html,
      to: content.to,
      cc: content.cc,
      bcc: content.bcc,
      inReplyTo: content.inReplyTo ?? null,
    };
  });
}

export async function deleteDraft(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'drafts.keep');
  if (!(await deps.store.drafts.delete(actor.account.id, id))) throw errors.notFound('That draft');
}
