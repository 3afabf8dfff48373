/**
 * What the task pane and the Smart Alerts handler share about the message being written, kept in the item's
 * sessionData (per item, per add-in, gone when the item closes): whether to send securely, the sender's
 * decision on each new recipient, a short-lived credential for the handler, and the handler's progress.
 * Every value is JSON text; anything unreadable counts as absent.
 * sessionData starts empty when a draft is closed and reopened, so the switch, the item's key and the delivered
 * mark are also kept in the item's custom properties (DURABLE_KEYS), which stay with the draft; sessionData empty
 * but a custom property set means what the custom property says.
 */
import type { DurableStore, SessionDataStore } from '../office/OfficeAdapter';
import type { ClassifiedRecipient, OrganizationBrand } from '@contract/recipients';

export const KEYS = {
  secure: 'sealpost.secure',
  decisions: 'sealpost.decisions',
  credential: 'sealpost.credential',
  classification: 'sealpost.classification',
  itemKey: 'sealpost.itemKey',
  uploadedFiles: 'sealpost.files',
  expiry: 'sealpost.expiry',
  delivered: 'sealpost.delivered',
  policy: 'sealpost.policy',
} as const;

/** Kept in custom properties too (2,500 characters of JSON in all: none of these carries much). */
export const DURABLE_KEYS: readonly string[] = [KEYS.secure, KEYS.itemKey, KEYS.delivered];

/** The organization's rule for "Send securely" (GET /api/v1/me's organization.secureSendPolicy). */
export type SecureSendPolicy = 'user_choice' | 'external_always';

/** Written by the task pane from the signed-in organization, so the handler applies it with the pane closed. */
export interface ItemPolicy {
  secureSendPolicy: SecureSendPolicy;
}

/** New recipients the sender confirmed (to be invited) or skipped (not to be invited), by normalized address. */
export interface Decisions {
  confirmed: string[];
  skipped: string[];
}

/**
 * Written by the task pane for the handler: an access token that lives minutes, never the refresh token.
 * apiBase is where the pane reached Sealpost, so the handler (which has no location of its own) calls the same.
 */
export interface ItemCredential {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  apiBase: string;
}

export interface StoredClassification {
  /** Milliseconds since the epoch. */
  at: number;
  recipients: ClassifiedRecipient[];
}

export interface Delivered {
  messageId: string;
  portalUrl: string;
  /** So that a retried rewrite shows the same notice; the notice checks it again before use. */
  brand?: OrganizationBrand | null;
  /** Fingerprints of the body and of the recipients that were stored, so a later change is not silently dropped. */
  bodyPrint?: string;
  recipientsPrint?: string;
}

/** A complete Sealpost upload of one attachment, with the name and size it had (another size is another file). */
export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
}
export type UploadedFiles = Record<string, UploadedFile>;

/**
 * The sender's expiry for this message, chosen in the pane: days after Send. The handler fixes `expiresAt` at the
 * first Send attempt, so that a retried send posts the very same message (same idempotency key).
 */
export interface ItemExpiry {
  days: number;
  expiresAt?: string;
}

/** sessionData holds 50,000 characters before Mailbox 1.16; a snapshot for the pane never needs more. */
const MAX_SNAPSHOT = 200;

function parse<T>(text: string | null, valid: (value: unknown) => value is T): T | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return valid(value) ? value : null;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isDecisions = (v: unknown): v is Decisions => isObject(v) && isStrings(v.confirmed) && isStrings(v.skipped);
const isCredential = (v: unknown): v is ItemCredential =>
  isObject(v) && typeof v.accessToken === 'string' && typeof v.expiresAt === 'number' && typeof v.apiBase === 'string';
const isClassification = (v: unknown): v is StoredClassification => isObject(v) && typeof v.at === 'number' && Array.isArray(v.recipients);
const isDelivered = (v: unknown): v is Delivered => isObject(v) && typeof v.messageId === 'string' && typeof v.portalUrl === 'string';
const isPolicy = (v: unknown): v is ItemPolicy =>
  isObject(v) && (v.secureSendPolicy === 'user_choice' || v.secureSendPolicy === 'external_always');
const isUploadedFile = (v: unknown): v is UploadedFile =>
  isObject(v) && typeof v.fileId === 'string' && typeof v.name === 'string' && typeof v.size === 'number';
const isExpiry = (v: unknown): v is ItemExpiry =>
  isObject(v) && typeof v.days === 'number' && v.days > 0 && v.days <= 365 && (v.expiresAt === undefined || typeof v.expiresAt === 'string');
const isUploadedFiles = (v: unknown): v is UploadedFiles => isObject(v) && Object.keys(v).every((k) => isUploadedFile(v[k]));

export const NO_DECISIONS: Decisions = { confirmed: [], skipped: [] };

/** Reads each key when asked (the task pane, whose view must follow the item). */
export function itemState(store: SessionDataStore, durable: DurableStore | null = null) {
  const read = async (key: string) => {
    const value = await store.get(key);
    if (value !== null || !durable || !DURABLE_KEYS.includes(key)) return value;
    return (await durable.getAll().catch(() => ({}) as Record<string, string>))[key] ?? null;
  };
  return stateOver(store, read, durable);
}

/**
 * Reads the whole item state in one call (getAllAsync), for the send handler: one Office round trip, and no
 * per-key getAsync whose answer for a key never set differs between clients. Absent keys are simply absent.
 * Writes go to Outlook and to the snapshot, so later reads in the same handler see them.
 */
export async function loadItemState(store: SessionDataStore, durable: DurableStore | null = null, kept: Record<string, string> = {}): Promise<ItemState> {
  const all = await store.getAll();
  const snapshot: Record<string, string | undefined> = {};
  // What the draft kept fills what sessionData lost (a reopened draft); sessionData, being this session's, wins.
  for (const key of DURABLE_KEYS) if (typeof kept[key] === 'string') snapshot[key] = kept[key];
  for (const key of Object.keys(all)) snapshot[key] = all[key];
  const tracked: SessionDataStore = {
    get: async (key) => snapshot[key] ?? null,
    set: async (key, value) => {
      await store.set(key, value);
      snapshot[key] = value;
    },
    remove: async (key) => {
      await store.remove(key);
      snapshot[key] = undefined;
    },
    getAll: store.getAll,
  };
  return stateOver(tracked, tracked.get, durable);
}

function stateOver(store: SessionDataStore, read: (key: string) => Promise<string | null>, durable: DurableStore | null = null) {
  const json = (key: string, value: unknown) => store.set(key, JSON.stringify(value));
  /** Best effort: sessionData serves this session; the custom property only matters after a reopen. */
  const keep = (values: Record<string, string | null>) => (durable ? durable.update(values).catch(() => undefined) : Promise.resolve());
  return {
    async isSecure(): Promise<boolean> {
      return (await read(KEYS.secure)) === 'on';
    },
    /** Kept durably first: on a client whose sessionData lacks its methods the custom property is the only record. */
    async setSecure(on: boolean): Promise<void> {
      await keep({ [KEYS.secure]: on ? 'on' : 'off' });
      await (on ? store.set(KEYS.secure, 'on') : store.remove(KEYS.secure));
    },

    decisions: async (): Promise<Decisions> => parse(await read(KEYS.decisions), isDecisions) ?? NO_DECISIONS,
    setDecisions: (decisions: Decisions) => json(KEYS.decisions, decisions),

    credential: async () => parse(await read(KEYS.credential), isCredential),
    setCredential: (credential: ItemCredential) => json(KEYS.credential, credential),
    clearCredential: () => store.remove(KEYS.credential),

    classification: async () => parse(await read(KEYS.classification), isClassification),
    setClassification: (recipients: ClassifiedRecipient[], at: number) =>
      json(KEYS.classification, { at, recipients: recipients.slice(0, MAX_SNAPSHOT) }),

    /** A random id for this item, made once; idempotency keys are derived from it. */
    async itemKey(random: () => string): Promise<string> {
      const existing = await read(KEYS.itemKey);
      if (existing && /^[A-Za-z0-9]{16,64}$/.test(existing)) return existing;
      const made = random();
      await store.set(KEYS.itemKey, made);
      await keep({ [KEYS.itemKey]: made });
      return made;
    },

    /** Attachments already uploaded (ahead of Send, or by a send that was retried), by Outlook attachment id. */
    uploadedFiles: async (): Promise<UploadedFiles> => parse(await read(KEYS.uploadedFiles), isUploadedFiles) ?? {},
    setUploadedFiles: (files: UploadedFiles) => json(KEYS.uploadedFiles, files),

    /** The sender's expiry for this message, or null for none. */
    expiry: async () => parse(await read(KEYS.expiry), isExpiry),
    setExpiry: (expiry: ItemExpiry | null) => (expiry ? json(KEYS.expiry, expiry) : store.remove(KEYS.expiry)),

    /** The organization's policy as the pane last learnt it; null when no pane has told this item. */
    policy: async () => parse(await read(KEYS.policy), isPolicy),
    setPolicy: (policy: ItemPolicy) => json(KEYS.policy, policy),

    delivered: async () => parse(await read(KEYS.delivered), isDelivered),
    async setDelivered(delivered: Delivered): Promise<void> {
      await json(KEYS.delivered, delivered);
      // Without the brand: custom properties hold 2,500 characters, and the notice is Sealpost's own without it.
      await keep({ [KEYS.delivered]: JSON.stringify({ ...delivered, brand: undefined }) });
    },
    /**
     * The rewrite is done and the send allowed: the draft's durable mark has served (it bridges a reopen between the
     * store and the rewrite). A sent copy carrying it ("Resend", "Edit as new") must not pass for stored.
     */
    forgetDurableDelivered: () => keep({ [KEYS.delivered]: null }),
  };
}

export type ItemState = ReturnType<typeof stateOver>;

/** 32 random letters and digits: crypto.getRandomValues where the runtime has it, Math.random otherwise. */
export function randomKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  // No globalThis: the JavaScript-only runtime predates it.
  const webCrypto = typeof crypto === 'undefined' ? undefined : crypto;
  if (webCrypto && typeof webCrypto.getRandomValues === 'function') webCrypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
