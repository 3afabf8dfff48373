/**
 * The OnMessageSend (Smart Alerts) handler's decisions. It reads the item's state once, and nothing but that state
 * says whether this item was already stored: a notice quoted in the body is content like any other. Switch off and
 * the organization lets senders choose: allow at once. Otherwise it needs a credential (handlerSession.ts: the
 * pane's, else the handler's own device session) and the organization's rules, which it learns and caches itself,
 * so the "external mail must be secure" policy holds whether or not the pane was ever opened. Under the policy it
 * classifies and allows when only the organization's pros (and the sender) receive the message. A secure send stops
 * while anyone is unconfirmed, skipped, unreachable, without an address or a list, or while the message goes from a
 * mailbox that is not the signed-in Sealpost person's; else it uploads, posts, replaces the body with the notice,
 * removes the attachments, and allows. Every path completes the event exactly once, and every failure blocks.
 */
import { ApiError } from '../api/http';
import type { SealpostApi } from '../api/sealpostApi';
import { EmptyAttachmentContent } from '../attachments/attachmentUploads';
import { KEYS, loadItemState, type Delivered, type ItemState } from '../item/itemState';
import type { DeviceStorage } from '../office/deviceStorage';
import { isOfficeCallError } from '../office/OfficeCallError';
import type { MailboxIdentity, OfficeAdapter } from '../office/OfficeAdapter';
import type { LaunchEventCompletion, SendBlock } from '../office/smartAlerts';
import { assessSend, classifyInput, policyRequiresSecure, reviewRows, type ReviewRow } from '../recipients/review';
import { MESSAGES, NEXT_STEPS, SIGN_IN_REASONS, emptyAttachmentMessage, mailboxMismatchMessage, recipientProblemMessage, refusalMessage } from './blockMessages';
import { handlerSession, type CredentialSource, type HandlerProfile } from './handlerSession';
import { lookalikeNote } from './lookalikeNote';
import { isOnlyNotice, visibleText } from './notice';
import {
  NoticeNotAlone, bodyPrint, inlineImageIds, recipientsPrint, replaceWithNotice, secureCopyHtml, uploadAndPost,
} from './secureDelivery';

/** The compose button whose task pane reviews recipients and signs in (manifest Control id). */
export const TASKPANE_COMMAND = 'Sealpost.OpenTaskpane';

/** What the pane finds in its initialization context when the alert's button opened it. */
export interface PaneContext {
  reason: 'review' | 'signin';
  emails?: string[];
}

export interface SendHandlerDeps {
  adapter: OfficeAdapter;
  completion: LaunchEventCompletion;
  /** The API client for the base URL the task pane stored with the credential. */
  apiFor(baseUrl: string): SealpostApi;
  now(): number;
  random(): string;
  /** Where the handler keeps its own session and the organization's rules on this device (null: nowhere). */
  storage: DeviceStorage | null;
  /** Web Locks, where the runtime has them. */
  locks?: { request<T>(name: string, callback: () => Promise<T>): Promise<T> } | null;
  /** Credential sources tried before the pane's and the device's (nested app authentication, issue 14). */
  preferredCredentials?: CredentialSource[];
  /** Past this, the send is blocked rather than left hanging. */
  deadlineMs?: number;
}

const review = (rows: ReviewRow[]): SendBlock['action'] => ({
  commandId: TASKPANE_COMMAND,
  label: 'Review',
  contextData: { reason: 'review', emails: rows.filter((r) => r.email).map((r) => r.email!) } satisfies PaneContext,
  nextStep: NEXT_STEPS.review,
});
const signIn = (): SendBlock['action'] => ({
  commandId: TASKPANE_COMMAND,
  label: 'Sign in',
  contextData: { reason: 'signin' } satisfies PaneContext,
  nextStep: NEXT_STEPS.signIn,
});

/** Thrown to leave the flow with a prepared block. */
class Stop {
  constructor(readonly block: SendBlock) {}
}

export async function handleMessageSend(deps: SendHandlerDeps): Promise<void> {
  const { completion } = deps;
  const timer = setTimeout(() => completion.block({ errorMessage: MESSAGES.tooSlow }), deps.deadlineMs ?? 240_000);
  try {
    await secureSend(deps);
  } catch (error) {
    completion.block(error instanceof Stop ? error.block : blockFor(error));
  } finally {
    clearTimeout(timer);
    // A path that forgot to complete must still not leave the sender stuck, nor let content out.
    if (!completion.done) completion.block({ errorMessage: MESSAGES.failed });
  }
}

/**
 * The item's state, or null on a client whose sessionData lacks its methods (office-js#4154, #4169), with what the
 * draft kept in its custom properties (null when they cannot be read).
 */
async function readItemState(adapter: OfficeAdapter): Promise<{ state: ItemState | null; kept: Record<string, string> | null }> {
  const kept = await adapter.durable.getAll().catch(() => null);
  try {
    return { state: await loadItemState(adapter.sessionData, adapter.durable, kept ?? {}), kept };
  } catch (error) {
    if (isOfficeCallError(error) && error.code === 'not_supported') return { state: null, kept };
    throw error;
  }
}

async function secureSend(deps: SendHandlerDeps): Promise<void> {
  const { adapter, completion } = deps;
  /** Between steps: once the deadline has blocked the send, the item is left alone. */
  const step = () => {
    if (completion.done) throw new Stop({ errorMessage: MESSAGES.tooSlow });
  };
  const { state, kept } = await readItemState(adapter);
  // No sessionData: only the draft's custom properties can say the switch is off (the pane records every change
  // there). Unreadable, on, or stored already: the handler cannot honour them without sessionData, so it stops.
  if (!state && (!kept || kept[KEYS.secure] === 'on' || kept[KEYS.delivered])) throw new Stop({ errorMessage: MESSAGES.noSessionData });

  // A retry after this item was stored: finish the rewrite and let it go. Only the item's own state says so.
  const delivered = state && (await state.delivered());
  if (delivered) {
    await finishStored(adapter, delivered);
    await finish(state);
    return void completion.allow();
  }

  const secure = state ? await state.isSecure() : false;
  const identity = await adapter.getMailboxIdentity();
  const session = handlerSession({
    storage: deps.storage, apiFor: deps.apiFor, now: deps.now, locks: deps.locks, preferred: deps.preferredCredentials, owner: identity.user,
  });
  const itemPolicy = (state && (await state.policy()))?.secureSendPolicy ?? null;
  const cached = await session.cachedProfile();
  // Switch off and the organization lets senders choose: nothing to ask Sealpost.
  const knownPolicy = itemPolicy ?? (cached && session.isFresh(cached) ? cached.secureSendPolicy : null);
  if (!secure && knownPolicy === 'user_choice') return void completion.allow();

  // The last rule this device learnt still holds while it cannot ask again.
  const lastPolicy = itemPolicy ?? cached?.secureSendPolicy ?? null;
  const itemCredential = state ? await state.credential() : null;
  /** Sealpost's answer, or (switch off, last rule allows choice, Sealpost silent) null: the send goes as written. */
  const unlessChoice = async <T>(ask: () => Promise<T>): Promise<T | null> => {
    try {
      return await ask();
    } catch (error) {
      if (!secure && lastPolicy === 'user_choice') return null;
      throw error;
    }
  };
  const credential = await unlessChoice(() => session.credential(itemCredential));
  if (!credential) {
    if (secure) throw new Stop({ errorMessage: itemCredential ? SIGN_IN_REASONS.sessionEnded : SIGN_IN_REASONS.signIn, action: signIn() });
    if (lastPolicy === 'user_choice') return void completion.allow();
    throw new Stop({ errorMessage: lastPolicy ? SIGN_IN_REASONS.policySignIn : SIGN_IN_REASONS.firstSignIn, action: signIn() });
  }
  const profile = await unlessChoice(() => session.profile(credential));
  if (!profile) return void completion.allow();
  const policy = itemPolicy ?? profile.secureSendPolicy;
  if (!secure && policy !== 'external_always') return void completion.allow();
  const byPolicy = !secure;
  const api = deps.apiFor(credential.apiBase);
  const token = credential.accessToken;

  const recipients = await adapter.getAllRecipients();
  const input = classifyInput(recipients);
  // The brand rides on the classification this send needs anyway: the notice costs no request of its own.
  const answer = input.length ? await api.classify(token, input, { includeBrand: true }) : null;
  const classified = answer ? answer.recipients : [];
  const brand = (answer && answer.brand) || null;
  step();
  if (state) await state.setClassification(classified, deps.now()).catch(() => undefined);
  const rows = reviewRows(recipients, classified, state ? await state.decisions() : { confirmed: [], skipped: [] });
  // Unresolved addresses are not listed by getAsync: nobody visible is not "nobody outside".
  if (byPolicy && !rows.length) throw new Stop({ errorMessage: MESSAGES.noVisibleRecipients });
  if (byPolicy && !policyRequiresSecure(policy, rows)) {
    // Only the organization's own pros: the switch (off) decides, and the message goes as ordinary email.
    if (state) await finish(state);
    return void completion.allow();
  }
  // Confirmations, the idempotency key and the delivered mark all live in the item's state.
  if (!state) throw new Stop({ errorMessage: MESSAGES.noSessionData });
  checkMailbox(identity, profile);
  const assessment = assessSend(rows);
  if (!assessment.ready) {
    const problems = [...assessment.unconfirmed, ...assessment.skipped, ...assessment.cannotReceive, ...assessment.unusable, ...assessment.lists];
    throw new Stop({ errorMessage: lookalikeNote(classified) + recipientProblemMessage(assessment), action: review(problems) });
  }

  const ctx = { adapter, state, api, token, random: deps.random, now: deps.now };
  const type = await adapter.getBodyType();
  const [subject, body] = await Promise.all([adapter.getSubject(), adapter.getBody(type, 'full')]);
  // A collapsed original (web, new Outlook) is appended after this handler: have the sender expand it first.
  if (adapter.hasBodyMode() && visibleText(await adapter.getBody(type, 'shown'), type) !== visibleText(body, type)) throw new Stop({ errorMessage: MESSAGES.collapsedQuote });
  const attachments = await inlineImagesListed(adapter, type === 'html' ? inlineImageIds(body) : []);
  // Attachments uploaded ahead of Send (OnMessageAttachmentsChanged, the pane) are only named here.
  const html = secureCopyHtml(body, type);
  const sent = await uploadAndPost(ctx, attachments, { subject, html, recipients, confirmedInvitations: assessment.confirmedInvitations }, step);
  step();
  const prints = { bodyPrint: bodyPrint(body, type), recipientsPrint: recipientsPrint(recipients) };
  await state.setDelivered({ messageId: sent.id, portalUrl: sent.portalUrl, brand, ...prints }).catch(() => undefined);
  await rewrite(adapter, type, sent.portalUrl, brand);
  step();
  await finish(state);
  completion.allow();
}

/** The notice in place of the content; any failure blocks, since the content must not leave in clear. */
async function rewrite(adapter: OfficeAdapter, type: 'html' | 'text', portalUrl: string, brand: Delivered['brand']): Promise<void> {
  try {
    await replaceWithNotice(adapter, type, portalUrl, brand ?? null);
  } catch (error) {
    throw new Stop({ errorMessage: error instanceof NoticeNotAlone ? MESSAGES.notOnlyNotice : MESSAGES.rewriteFailed });
  }
}

/**
 * A retry after the backend stored this item. It goes only if nothing changed since: same recipients, and a body that
 * is still what was stored or already the notice; else the changes would be silently dropped.
 */
async function finishStored(adapter: OfficeAdapter, delivered: Delivered): Promise<void> {
  const type = await adapter.getBodyType();
  const [body, recipients] = await Promise.all([adapter.getBody(type, 'full'), adapter.getAllRecipients()]);
  const brand = delivered.brand ?? null;
  const sameRecipients = !delivered.recipientsPrint || delivered.recipientsPrint === recipientsPrint(recipients);
  const sameBody = !delivered.bodyPrint || delivered.bodyPrint === bodyPrint(body, type) || isOnlyNotice(body, type, delivered.portalUrl, brand);
  if (!sameRecipients || !sameBody) throw new Stop({ errorMessage: MESSAGES.changedAfterStore });
  await rewrite(adapter, type, delivered.portalUrl, brand);
}

/**
 * The attachments, with every picture the body shows by cid: among them. Some clients list inline images only after
 * the draft is saved (office-js#4995) or not at all (#6315, #5031): save once, then stop rather than send without it.
 */
async function inlineImagesListed(adapter: OfficeAdapter, cids: string[]) {
  const missing = (list: { contentId: string | null }[]) => cids.some((cid) => !list.some((a) => (a.contentId ?? '').toLowerCase() === cid));
  let attachments = await adapter.listAttachments();
  if (!missing(attachments)) return attachments;
  if (await adapter.saveDraft().catch(() => false)) attachments = await adapter.listAttachments();
  if (missing(attachments)) throw new Stop({ errorMessage: MESSAGES.inlineMissing });
  return attachments;
}

/**
 * Sealpost sends as the signed-in person. A message written in someone else's mailbox (a shared mailbox, a
 * delegate's folder, a From changed to another address) goes only when that mailbox is the signed-in person's.
 */
function checkMailbox({ user, sendingMailbox }: MailboxIdentity, profile: HandlerProfile): void {
  if (!sendingMailbox || sendingMailbox === user || sendingMailbox === profile.accountEmail) return;
  throw new Stop({ errorMessage: mailboxMismatchMessage(sendingMailbox, profile.accountEmail) });
}

/** The item is about to leave: the credential, and the durable delivered mark, have no further use on it. */
async function finish(state: ItemState): Promise<void> {
  await state.clearCredential().catch(() => undefined);
  await state.forgetDurableDelivered();
}

/** Answers that mean the handler's session is over (codes from the contract, so none the backend never sends). */
const SESSION_CODES: ApiError['code'][] = ['unauthenticated', 'invalid_token', 'session_revoked'];

export function blockFor(error: unknown): SendBlock {
  if (error instanceof ApiError) {
    if (error.unreachable) return { errorMessage: error.code === 'timeout' ? MESSAGES.tooSlow : MESSAGES.unreachable };
    if (error.status === 401 || SESSION_CODES.includes(error.code)) return { errorMessage: SIGN_IN_REASONS.sessionEnded, action: signIn() };
    if (error.code === 'unconfirmed_recipients') {
      const rows = error.recipients.map((email): ReviewRow => ({ key: email, displayName: email, email, field: 'to', outcome: 'new_guest', status: 'new_unconfirmed' }));
      return {
        errorMessage: recipientProblemMessage({ ready: false, unconfirmed: rows, skipped: [], cannotReceive: [], unusable: [], lists: [], confirmedInvitations: [] }),
        action: review(rows),
      };
    }
    if (error.status >= 400 && error.status < 500) return { errorMessage: refusalMessage(error.message) };
    return { errorMessage: MESSAGES.failed };
  }
  if (error instanceof EmptyAttachmentContent) return { errorMessage: emptyAttachmentMessage(error.attachmentName) };
  if (isOfficeCallError(error) && error.code === 'not_supported') return { errorMessage: MESSAGES.noSessionData };
  return { errorMessage: MESSAGES.failed };
}
