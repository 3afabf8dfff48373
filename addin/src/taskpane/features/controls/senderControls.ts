/**
 * The sender's controls in the pane, beside the pane model: the expiry of the message being written (recorded on
 * the item; the send handler posts it), attachments uploaded when the pane opens or secure sending is turned on
 * (files attached before then, which OnMessageAttachmentsChanged skipped; later ones are that handler's, so the pane
 * does not upload them twice), and, for messages already sent, read receipts and recall. A message that has
 * left cannot be opened in a compose pane again, so "after sending" is the sender's latest sent messages, each with
 * a link to it in the portal for everything the pane does not do.
 */
import { ApiError } from '../../../api/http';
import type { SealpostApi } from '../../../api/sealpostApi';
import type { MessageDetail } from '@contract/messages';
import type { ClassifiedRecipient } from '@contract/recipients';
import { uploadAhead } from '../../../attachments/attachmentUploads';
import { itemState } from '../../../item/itemState';
import type { OfficeAdapter } from '../../../office';

/** The expiries offered, in days; null is "never". */
export const EXPIRY_CHOICES = [null, 1, 7, 30, 90] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

/** How many sent messages the pane shows. */
export const RECENT_SENT = 5;

export interface SentEntry {
  id: string;
  subject: string;
  sentAt: string;
  /** Recipients who opened it, out of all. */
  opened: { name: string; email: string }[];
  notOpened: { name: string; email: string }[];
  /** "recalled" / "expired", or null while recipients can open it. */
  unavailable: 'recalled' | 'expired' | null;
  portalUrl: string;
}

export interface SenderControlsState {
  expiryDays: ExpiryChoice;
  sent: SentEntry[] | null;
  loadingSent: boolean;
  /** Attachments uploaded by the pane since it opened. */
  uploadedAhead: number;
  /** First-time recipients whose domain imitates a trusted one, by address (from the item's last classification). */
  lookalikes: Record<string, NonNullable<ClassifiedRecipient['lookalike']>>;
  error: string | null;
}

export interface SenderControlsDeps {
  adapter: OfficeAdapter;
  api: SealpostApi;
  /** The pane's access token, or null when signed out. */
  token(): Promise<string | null>;
  /** e.g. https://sealpost.example.com/portal */
  portalUrl: string;
}

const isChoice = (days: number): days is Exclude<ExpiryChoice, null> => (EXPIRY_CHOICES as readonly (number | null)[]).includes(days);

export function createSenderControls(deps: SenderControlsDeps) {
  const item = itemState(deps.adapter.sessionData, deps.adapter.durable);
  let state: SenderControlsState = { expiryDays: null, sent: null, loadingSent: false, uploadedAhead: 0, lookalikes: {}, error: null };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SenderControlsState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  const fail = (error: unknown, fallback: string) => set({ error: error instanceof ApiError ? error.message : fallback });

  const entryOf = (detail: MessageDetail): SentEntry => {
    const people = detail.recipients.map((r) => ({ name: r.name || r.email, email: r.email, opens: r.receipt?.opens ?? 0 }));
    return {
      id: detail.id,
      subject: detail.subject || '(no subject)',
      sentAt: detail.sentAt,
      opened: people.filter((p) => p.opens > 0).map(({ name, email }) => ({ name, email })),
      notOpened: people.filter((p) => p.opens === 0).map(({ name, email }) => ({ name, email })),
      unavailable: detail.unavailable?.reason ?? null,
      portalUrl: `${deps.portalUrl}/messages/${encodeURIComponent(detail.id)}`,
    };
  };

  /**
   * Uploads what is attached while secure sending may apply; failures are left to Send. `secure` is the pane's own
   * knowledge (its switch is set before the item records it); without it the item decides.
   */
  async function uploadNow(secure = false): Promise<void> {
    const policy = await item.policy();
    if (!secure && !(await item.isSecure()) && policy?.secureSendPolicy !== 'external_always') return;
    const token = await deps.token();
    if (!token) return;
    const uploaded = await uploadAhead({ adapter: deps.adapter, state: item, api: deps.api, token }).catch(() => 0);
    if (uploaded) set({ uploadedAhead: state.uploadedAhead + uploaded });
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /** Reads the expiry recorded on the item, and uploads what is already attached. */
    async start(): Promise<void> {
      const expiry = await item.expiry().catch(() => null);
      set({ expiryDays: expiry && isChoice(expiry.days) ? expiry.days : null });
      await uploadNow();
    },

    /** When secure sending was just turned on: what is already attached goes now. */
    uploadNow,

    /** Re-reads the warnings from the classification the pane (or a handler) last recorded on the item. */
    async refreshLookalikes(): Promise<void> {
      const snapshot = await item.classification().catch(() => null);
      const lookalikes: SenderControlsState['lookalikes'] = {};
      for (const r of snapshot?.recipients ?? []) if (r.email && r.lookalike) lookalikes[r.email] = r.lookalike;
      const same = JSON.stringify(lookalikes) === JSON.stringify(state.lookalikes);
      if (!same) set({ lookalikes });
    },

    async setExpiry(days: ExpiryChoice): Promise<void> {
      try {
        // A new choice starts from the next Send: any time fixed by an earlier attempt is dropped.
        await item.setExpiry(days === null ? null : { days });
        set({ expiryDays: days, error: null });
      } catch (error) {
        fail(error, 'The expiry could not be recorded on this message. Try again.');
      }
    },

    /** The latest sent messages with their read receipts. */
    async loadSent(): Promise<void> {
      const token = await deps.token();
      if (!token) return;
      set({ loadingSent: true, error: null });
      try {
        const summaries = await deps.api.sentMessages(token, RECENT_SENT);
        const details = await Promise.all(summaries.map((s) => deps.api.sentMessage(token, s.id)));
        set({ sent: details.map(entryOf), loadingSent: false });
      } catch (error) {
        set({ loadingSent: false });
        fail(error, 'Your sent messages could not be loaded.');
      }
    },

    /** Recalls one sent message: from now on no recipient can open it or its files. */
    async recall(messageId: string): Promise<void> {
      const token = await deps.token();
      if (!token) return;
      try {
        await deps.api.recall(token, messageId);
        const detail = await deps.api.sentMessage(token, messageId);
        set({ sent: (state.sent ?? []).map((e) => (e.id === messageId ? entryOf(detail) : e)), error: null });
      } catch (error) {
        fail(error, 'The message could not be recalled. Try again, or recall it in the portal.');
      }
    },
  };
}

export type SenderControls = ReturnType<typeof createSenderControls>;
