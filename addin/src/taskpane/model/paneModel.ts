/**
 * The task pane's view model: sign-in through the Office dialog, the "Send securely" switch, the live recipient
 * list with the backend's classification, and the review of new recipients, all recorded on the item
 * (sessionData) where the Smart Alerts handler reads them. React renders its state; tests drive it directly.
 */
import { ApiError } from '../../api/http';
import type { SealpostApi } from '../../api/sealpostApi';
import type { Tokens } from '../../api/sealpostApi';
import type { Me } from '@contract/me';
import type { PaneContext } from '../../events/onMessageSend';
import { itemState, NO_DECISIONS, randomKey, type Decisions, type SecureSendPolicy } from '../../item/itemState';
import { nextDialogMessage, type OfficeAdapter } from '../../office';
import type { EntraTokenSource } from '../../office/nestedAppAuth';
import { decide, policyRequiresSecure, reviewRows, type RecipientsByField, type ReviewRow } from '../../recipients/review';
import { REFRESH_MARGIN_MS, type SessionManager } from './session';

export interface Notice {
  intent: 'error' | 'warning' | 'info' | 'success';
  text: string;
}

/** Why the switch cannot be turned off (shown under it). */
export const LOCKED_REASON = 'Your organization requires secure sending to people outside it.';

export interface PaneState {
  phase: 'loading' | 'signed_out' | 'ready';
  me: Me | null;
  /** The sender's own choice for this message (sessionData `sealpost.secure`). */
  secure: boolean;
  /** The signed-in organization's rule; 'user_choice' until the account has loaded. */
  policy: SecureSendPolicy;
  /** The policy sends this message securely whatever `secure` says: the switch shows on and cannot be turned off. */
  locked: boolean;
  rows: ReviewRow[];
  classifying: boolean;
  reviewOpen: boolean;
  /** Addresses the Smart Alerts dialog named; the review shows them first. */
  focus: string[];
  signingIn: boolean;
  notice: Notice | null;
}

export interface PaneModelDeps {
  adapter: OfficeAdapter;
  api: SealpostApi;
  session: SessionManager;
  /** The sign-in page, same origin as the pane (the dialog API requires it). */
  signInUrl: string;
  now(): number;
  /** Schedules the credential refresh; returns a cancel function. */
  schedule(ms: number, task: () => void): () => void;
  /** Ends the send handler's own session on this device (handlerSession.signOut), so signing out means signed out. */
  endDeviceSessions?: () => Promise<void>;
  /** Microsoft 365 sign-in through Outlook (nested app authentication), where the build and the client have it. */
  entra?: EntraTokenSource | null;
  /**
   * Whether the pane may sign in with Microsoft on its own when it opens: off after the person signs out here (else
   * the next pane would sign them straight back in), on again when they press Sign in.
   */
  automaticSignIn?: { allowed(): boolean; set(allowed: boolean): void };
}

const EMPTY: RecipientsByField = { to: [], cc: [], bcc: [] };

export function createPaneModel(deps: PaneModelDeps) {
  const { adapter, api, session } = deps;
  const item = itemState(adapter.sessionData, adapter.durable);
  let state: PaneState = {
    phase: 'loading', me: null, secure: false, policy: 'user_choice', locked: false, rows: [], classifying: false, reviewOpen: false, focus: [], signingIn: false, notice: null,
  };
  let recipients = EMPTY;
  let decisions: Decisions = NO_DECISIONS;
  let classified: Parameters<typeof reviewRows>[1] = null;
  let generation = 0;
  let cancelRefresh: (() => void) | null = null;
  const listeners = new Set<() => void>();

  const set = (patch: Partial<PaneState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  const redraw = () => {
    const rows = reviewRows(recipients, classified, decisions);
    set({ rows, locked: policyRequiresSecure(state.policy, rows) });
  };
  /**
   * The send handler asked to sign in (the alert's Sign in button): it has no session of its own on this device yet
   * and starts one from the credential the pane leaves on the item, whatever the switch says.
   */
  let handlerAskedSignIn = false;
  /**
   * The handler needs a credential whenever the send may be secure (switch on, or a policy that can force it), and
   * once when it asked to sign in.
   */
  const mayBeSecure = () => state.secure || state.policy === 'external_always' || handlerAskedSignIn;
  const fail = (error: unknown, fallback: string) =>
    set({ notice: { intent: 'error', text: error instanceof ApiError || error instanceof Error ? error.message || fallback : fallback } });

  /** A usable access token, or null after moving to signed_out. */
  async function token(): Promise<string | null> {
    try {
      const current = await session.valid();
      if (current) return current.accessToken;
    } catch (error) {
      if (error instanceof ApiError && error.unreachable) throw error;
    }
    signedOut('Your Sealpost sign-in has ended. Sign in again to send securely.');
    return null;
  }

  function signedOut(reason?: string) {
    cancelRefresh?.();
    cancelRefresh = null;
    classified = null;
    set({ phase: 'signed_out', me: null, notice: reason ? { intent: 'warning', text: reason } : state.notice });
    redraw();
    void item.clearCredential().catch(() => undefined);
  }

  /** Hands the handler a fresh access token while sending securely, and keeps it fresh while the pane is open. */
  async function publishCredential(): Promise<void> {
    cancelRefresh?.();
    cancelRefresh = null;
    if (!mayBeSecure() || state.phase !== 'ready') return;
    const current = await session.valid().catch(() => null);
    if (!current) return signedOut('Your Sealpost sign-in has ended. Sign in again to send securely.');
    await item.setCredential({ accessToken: current.accessToken, expiresAt: current.expiresAt, apiBase: api.baseUrl });
    const wait = Math.max(5_000, current.expiresAt - deps.now() - REFRESH_MARGIN_MS + 1_000);
    cancelRefresh = deps.schedule(wait, () => void publishCredential().catch(() => undefined));
  }

  async function refreshRecipients(): Promise<void> {
    const mine = ++generation;
    try {
      recipients = await adapter.getAllRecipients();
      redraw();
      if (state.phase !== 'ready') return;
      const input = recipients.to.concat(recipients.cc, recipients.bcc).filter((r) => r.emailAddress);
      set({ classifying: true });
      const bearer = await token();
      if (!bearer || mine !== generation) return;
      const answer = input.length
        ? await api.classify(bearer, input.map((r) => ({ email: r.emailAddress!, ...(r.displayName ? { displayName: r.displayName } : {}) })))
        : { recipients: [] };
      if (mine !== generation) return;
      classified = answer.recipients;
      await item.setClassification(answer.recipients, deps.now()).catch(() => undefined);
      redraw();
    } catch (error) {
      if (mine === generation) fail(error, 'The recipients could not be checked.');
    } finally {
      if (mine === generation) set({ classifying: false });
    }
  }

  function applyContext(text: string | null) {
    if (!text) return;
    let context: Partial<PaneContext> = {};
    try {
      context = JSON.parse(text) as PaneContext;
    } catch {
      return;
    }
    if (context.reason === 'review') set({ reviewOpen: true, focus: Array.isArray(context.emails) ? context.emails : [] });
    if (context.reason === 'signin') handlerAskedSignIn = true;
    if (context.reason === 'signin' && state.phase !== 'ready') {
      set({ notice: { intent: 'warning', text: 'Sign in to Sealpost, then send again.' } });
    }
  }

  /**
   * Signs in with the Microsoft 365 account Outlook uses: an Entra token (silently, or with Microsoft's prompt when
   * `interactive`) traded at POST /auth/entra. False when it gave nothing: no NAA here, Entra or Sealpost said no
   * (e.g. `entra_dialog_sign_in_required`: the organization's 2-step rule or the person's standing needs the dialog).
   */
  async function microsoftSignIn(interactive: boolean): Promise<boolean> {
    if (!deps.entra) return false;
    const entraToken = await deps.entra.token({ interactive });
    if (!('accessToken' in entraToken)) return false;
    try {
      session.signedIn(await api.exchangeEntraToken(entraToken.accessToken));
      return true;
    } catch {
      return false;
    }
  }

  async function loadAccount(): Promise<void> {
    const bearer = await token();
    if (!bearer) return;
    const me = await api.me(bearer);
    const policy = me.organization.secureSendPolicy ?? 'user_choice';
    set({ phase: 'ready', me, policy });
    redraw();
    // For the send handler, which must apply the policy with the pane closed. Signing out leaves it on the item:
    // an organization's rule does not lapse because the sender signed out.
    await item.setPolicy({ secureSendPolicy: policy }).catch(() => undefined);
  }

  async function record(next: Decisions) {
    decisions = next;
    redraw();
    await item.setDecisions(next);
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /** Reads the item, the session and the alert's context; subscribes to recipient and context changes. */
    async start(): Promise<void> {
      try {
        const [secure, saved, snapshot, context] = await Promise.all([
          item.isSecure(), item.decisions(), item.classification(), adapter.getInitializationContext().catch(() => null),
        ]);
        decisions = saved;
        classified = snapshot?.recipients ?? null;
        set({ secure });
        applyContext(context);
        const microsoft = !session.current() && deps.automaticSignIn?.allowed() !== false && (await microsoftSignIn(false));
        if (session.current()) await loadAccount();
        else set({ phase: 'signed_out' });
        if (microsoft) deps.automaticSignIn?.set(true);
      } catch (error) {
        if (state.phase === 'loading') set({ phase: session.current() ? 'ready' : 'signed_out' });
        fail(error, 'Sealpost could not load this message.');
      }
      await adapter.onRecipientsChanged(() => void refreshRecipients()).catch(() => undefined);
      await adapter
        .onInitializationContextChanged((text) => {
          applyContext(text);
          void publishCredential().catch(() => undefined);
        })
        .catch(() => undefined);
      await Promise.all([refreshRecipients(), publishCredential().catch(() => undefined)]);
    },

    async signIn(): Promise<void> {
      set({ signingIn: true, notice: null });
      deps.automaticSignIn?.set(true);
      try {
        // Microsoft first (Microsoft's own prompt if Entra needs the person); the Sealpost dialog when that gives nothing.
        if (await microsoftSignIn(true)) {
          await loadAccount();
          await Promise.all([refreshRecipients(), publishCredential()]);
          return;
        }
        const handle = await adapter.openDialog(deps.signInUrl, { widthPercent: 30, heightPercent: 60 });
        const tokens = parseSignInMessage(await nextDialogMessage(handle));
        if (!tokens) return;
        session.signedIn(tokens);
        await loadAccount();
        await Promise.all([refreshRecipients(), publishCredential()]);
      } catch (error) {
        // Closing the dialog is a choice, not an error.
        if ((error as { officeCode?: unknown }).officeCode !== 12006) fail(error, 'Sign-in did not finish.');
      } finally {
        set({ signingIn: false });
      }
    },

    async signOut(): Promise<void> {
      deps.automaticSignIn?.set(false);
      await Promise.all([session.signOut(), deps.endDeviceSessions?.().catch(() => undefined)]);
      signedOut();
    },

    async setSecure(on: boolean): Promise<void> {
      if (!on && state.locked) return void set({ notice: { intent: 'info', text: LOCKED_REASON } });
      const was = state.secure;
      set({ secure: on, notice: null });
      try {
        await item.setSecure(on);
        if (on) {
          await item.itemKey(randomKey);
          await publishCredential();
        } else if (!mayBeSecure()) {
          cancelRefresh?.();
          await item.clearCredential();
        }
      } catch (error) {
        set({ secure: was });
        fail(error, 'Outlook did not save the setting for this message.');
      }
    },

    refreshRecipients,
    confirm: (email: string) => record(decide(decisions, email, 'confirm')).catch((e) => fail(e, 'The decision was not saved.')),
    skip: (email: string) => record(decide(decisions, email, 'skip')).catch((e) => fail(e, 'The decision was not saved.')),
    undo: (email: string) => record(decide(decisions, email, 'undo')).catch((e) => fail(e, 'The decision was not saved.')),
    async confirmAll(): Promise<void> {
      let next = decisions;
      for (const row of state.rows) if (row.status === 'new_unconfirmed' && row.email) next = decide(next, row.email, 'confirm');
      await record(next).catch((e) => fail(e, 'The decisions were not saved.'));
    },
    openReview: () => set({ reviewOpen: true }),
    closeReview: () => set({ reviewOpen: false, focus: [] }),
    dismissNotice: () => set({ notice: null }),
    stop() {
      cancelRefresh?.();
      listeners.clear();
    },
  };
}

export type PaneModel = ReturnType<typeof createPaneModel>;

/** The dialog answers {type:"signed_in", tokens} or {type:"cancelled"}; anything else is refused. */
export function parseSignInMessage(message: string): Tokens | null {
  let parsed: { type?: unknown; tokens?: Partial<Tokens> };
  try {
    parsed = JSON.parse(message) as typeof parsed;
  } catch {
    throw new Error('The sign-in window sent an answer Sealpost does not understand.');
  }
  if (parsed.type === 'cancelled') return null;
  const t = parsed.tokens;
  if (parsed.type !== 'signed_in' || !t || typeof t.accessToken !== 'string' || typeof t.refreshToken !== 'string' || typeof t.expiresIn !== 'number') {
    throw new Error('The sign-in window sent an answer Sealpost does not understand.');
  }
  return t as Tokens;
}
