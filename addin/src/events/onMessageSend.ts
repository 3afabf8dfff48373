/**
 * The OnMessageSend (Smart Alerts) handler's logic. Not secure and no policy on the item: allow at once. Switch off
 * but the organization's 'external_always' policy recorded on the item: classify, allow when everyone is a pro of
 * the organization (or the sender), else carry on as a secure send. Secure: classify the recipients in
 * one request and stop the send while anyone is unconfirmed, skipped, unreachable or without an address; else
 * upload, post, replace the body with the notice, remove the attachments, and allow. Every path completes the
 * event exactly once, and every failure blocks: a secure message is never sent in the clear.
 */
import { ApiError } from '../api/http';
import type { SealpostApi } from '../api/sealpostApi';
import { itemState, type ItemState } from '../item/itemState';
import { isOfficeCallError } from '../office/OfficeCallError';
import type { OfficeAdapter } from '../office/OfficeAdapter';
import type { LaunchEventCompletion, SendBlock } from '../office/smartAlerts';
import { assessSend, classifyInput, policyRequiresSecure, reviewRows, type ReviewRow } from '../recipients/review';
import { MESSAGES, recipientProblemMessage, refusalMessage } from './blockMessages';
import { lookalikeNote } from './lookalikeNote';
import { isNotice } from './notice';
import { replaceWithNotice, uploadAndPost } from './secureDelivery';

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
  /** Past this, the send is blocked rather than left hanging. */
  deadlineMs?: number;
}

/** An access token this close to expiry is not worth trying. */
const EXPIRY_MARGIN_MS = 30_000;

const review = (rows: ReviewRow[]): SendBlock['action'] => ({
  commandId: TASKPANE_COMMAND,
  label: 'Review',
  contextData: { reason: 'review', emails: rows.filter((r) => r.email).map((r) => r.email!) } satisfies PaneContext,
});
const signIn = (): SendBlock['action'] => ({ commandId: TASKPANE_COMMAND, label: 'Sign in', contextData: { reason: 'signin' } satisfies PaneContext });

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

async function secureSend(deps: SendHandlerDeps): Promise<void> {
  const { adapter, completion } = deps;
  const state = itemState(adapter.sessionData);
  /** Between steps: once the deadline has blocked the send, the item is left alone. */
  const step = () => {
    if (completion.done) throw new Stop({ errorMessage: MESSAGES.tooSlow });
  };

  let secure: boolean;
  try {
    secure = await state.isSecure();
  } catch (error) {
    // Without sessionData the pane could never have turned secure sending on.
    if (isOfficeCallError(error) && error.code === 'not_supported') return void completion.allow();
    throw error;
  }
  // The pane records the organization's policy; without it (pane never opened here) the switch alone decides.
  const policy = (await state.policy())?.secureSendPolicy ?? null;
  const byPolicy = !secure && policy === 'external_always';
  if (!secure && !byPolicy) return void completion.allow();

  // A retry after the message was stored: finish the rewrite and let it go.
  const delivered = await state.delivered();
  if (delivered || isNotice(await adapter.getBodyHtml())) {
    if (delivered) await replaceWithNotice(adapter, delivered.portalUrl, delivered.brand ?? null);
    else for (const a of await adapter.listAttachments()) await adapter.removeAttachment(a.id);
    return void completion.allow();
  }

  const credential = await state.credential();
  if (!credential || credential.expiresAt - deps.now() < EXPIRY_MARGIN_MS) {
    // Under the policy, who is outside the organization cannot be known without Sealpost: fail closed.
    const errorMessage = credential ? MESSAGES.sessionEnded : byPolicy ? MESSAGES.policySignIn : MESSAGES.signIn;
    throw new Stop({ errorMessage, action: signIn() });
  }
  const api = deps.apiFor(credential.apiBase);
  const token = credential.accessToken;

  const recipients = await adapter.getAllRecipients();
  const input = classifyInput(recipients);
  // The brand rides on the classification this send needs anyway: the notice costs no request of its own.
  const answer = input.length ? await api.classify(token, input, { includeBrand: true }) : null;
  const classified = answer ? answer.recipients : [];
  const brand = (answer && answer.brand) || null;
  step();
  await state.setClassification(classified, deps.now()).catch(() => undefined);
  const rows = reviewRows(recipients, classified, await state.decisions());
  if (byPolicy && !policyRequiresSecure(policy, rows)) {
    // Only the organization's own pros: the switch (off) decides, and the message goes as ordinary email.
    await finish(state);
    return void completion.allow();
  }
  const assessment = assessSend(rows);
  if (!assessment.ready) {
    const problems = [...assessment.unconfirmed, ...assessment.skipped, ...assessment.cannotReceive, ...assessment.unusable];
    throw new Stop({ errorMessage: lookalikeNote(classified) + recipientProblemMessage(assessment), action: review(problems) });
  }

  const ctx = { adapter, state, api, token, random: deps.random, now: deps.now };
  const [subject, html, attachments] = await Promise.all([adapter.getSubject(), adapter.getBodyHtml(), adapter.listAttachments()]);
  // Attachments uploaded ahead of Send (OnMessageAttachmentsChanged, the pane) are only named here.
  const sent = await uploadAndPost(ctx, attachments, { subject, html, recipients, confirmedInvitations: assessment.confirmedInvitations }, step);
  step();
  await state.setDelivered({ messageId: sent.id, portalUrl: sent.portalUrl, brand }).catch(() => undefined);
  try {
    await replaceWithNotice(adapter, sent.portalUrl, brand);
  } catch {
    throw new Stop({ errorMessage: MESSAGES.rewriteFailed });
  }
  step();
  await finish(state);
  completion.allow();
}

/** The item is about to leave: the credential has no further use on it. */
async function finish(state: ItemState): Promise<void> {
  await state.clearCredential().catch(() => undefined);
}

const SESSION_CODES = ['unauthenticated', 'invalid_token', 'token_expired', 'session_revoked'];

export function blockFor(error: unknown): SendBlock {
  if (error instanceof ApiError) {
    if (error.unreachable) return { errorMessage: error.code === 'timeout' ? MESSAGES.tooSlow : MESSAGES.unreachable };
    if (error.status === 401 || SESSION_CODES.includes(error.code)) return { errorMessage: MESSAGES.sessionEnded, action: signIn() };
    if (error.code === 'unconfirmed_recipients') {
      const rows = error.recipients.map((email): ReviewRow => ({ key: email, displayName: email, email, field: 'to', outcome: 'new_guest', status: 'new_unconfirmed' }));
      return {
        errorMessage: recipientProblemMessage({ ready: false, unconfirmed: rows, skipped: [], cannotReceive: [], unusable: [], confirmedInvitations: [] }),
        action: review(rows),
      };
    }
    if (error.status >= 400 && error.status < 500) return { errorMessage: refusalMessage(error.message) };
    return { errorMessage: MESSAGES.failed };
  }
  if (isOfficeCallError(error) && error.code === 'not_supported') return { errorMessage: MESSAGES.noSessionData };
  return { errorMessage: MESSAGES.failed };
}
