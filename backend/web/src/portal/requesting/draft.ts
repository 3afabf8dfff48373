/**
 * A signature request being prepared: who signs (in which order), when it expires, and the fields each signer fills
 * in, kept as the API takes them (PDF points, origin bottom left). Pure functions, so the placement view stays about
 * pointers and the page's geometry. No imports: its tests compile without the pages' path aliases, and the body it
 * makes is checked against the contract where it is sent.
 */
export type FieldKind = 'signature' | 'initials' | 'dateSigned' | 'text' | 'checkbox';

export const FIELD_KINDS: { kind: FieldKind; label: string; width: number; height: number }[] = [
  { kind: 'signature', label: 'Signature', width: 180, height: 40 },
  { kind: 'initials', label: 'Initials', width: 60, height: 30 },
  { kind: 'dateSigned', label: 'Date signed', width: 110, height: 20 },
  { kind: 'text', label: 'Text', width: 180, height: 20 },
  { kind: 'checkbox', label: 'Checkbox', width: 16, height: 16 },
];

export const kindLabel = (kind: FieldKind) => FIELD_KINDS.find((k) => k.kind === kind)!.label;

/** A page's box in PDF points (its view box: origin bottom left, unrotated), where its fields must stay. */
export interface PageBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A field as the API takes it: a rectangle in PDF points on its page (pages count from 1). */
export interface DraftField {
  key: string;
  signer: string;
  kind: FieldKind;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
}

export interface SignatureDraft {
  fileId: string;
  /** Emails, in signing order. */
  signers: string[];
  order: 'parallel' | 'sequential';
  /** A datetime-local value, or '' for no expiry. */
  expires: string;
  fields: DraftField[];
}

export const emptyDraft = (fileId: string): SignatureDraft => ({ fileId, signers: [], order: 'sequential', expires: '', fields: [] });

/** Distinct colours, each readable as text on white, so a signer's fields are told apart at a glance. */
export const SIGNER_COLOURS = ['#0f6cbd', '#b4009e', '#0b6a0b', '#c43501', '#5c2e91', '#8a5300', '#00727c', '#a4262c'];
/** By the person's place among the recipients, so a signer keeps their colour when the signing order changes. */
export const colourOf = (recipients: string[], signer: string) => SIGNER_COLOURS[Math.max(0, recipients.indexOf(signer)) % SIGNER_COLOURS.length]!;

let counter = 0;
const nextKey = () => `field-${(counter += 1)}`;

type Rect = { x: number; y: number; width: number; height: number };

/** Keeps a rectangle inside its page, whatever the pointer or arrow keys asked for. */
export function clampToPage<T extends Rect>(rect: T, page: PageBox): T {
  const width = Math.min(Math.max(rect.width, 8), page.x1 - page.x0);
  const height = Math.min(Math.max(rect.height, 8), page.y1 - page.y0);
  return {
    ...rect,
    width,
    height,
    x: Math.min(Math.max(rect.x, page.x0), page.x1 - width),
    y: Math.min(Math.max(rect.y, page.y0), page.y1 - height),
  };
}

/** A new field of that kind centred on a PDF point of the page (its centre when no point is given). */
export function newField(signer: string, kind: FieldKind, pageNumber: number, page: PageBox, at?: { x: number; y: number }): DraftField {
  const size = FIELD_KINDS.find((k) => k.kind === kind)!;
  const centre = at ?? { x: (page.x0 + page.x1) / 2, y: (page.y0 + page.y1) / 2 };
  return clampToPage(
    { key: nextKey(), signer, kind, page: pageNumber, x: centre.x - size.width / 2, y: centre.y - size.height / 2, width: size.width, height: size.height, required: true },
    page,
  );
}

export function moveSigner(signers: string[], email: string, by: -1 | 1): string[] {
  const from = signers.indexOf(email);
  const to = from + by;
  if (from < 0 || to < 0 || to >= signers.length) return signers;
  const next = [...signers];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** What still stops the request, as sentences for the person preparing it; empty when it can be sent. */
export function draftProblems(draft: SignatureDraft, recipients: string[]): string[] {
  const problems: string[] = [];
  if (!draft.signers.length) problems.push('Choose at least one signer.');
  const gone = draft.signers.filter((s) => !recipients.includes(s));
  if (gone.length) problems.push(`${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer in To or Cc: add them back or remove them as signers.`);
  for (const signer of draft.signers) {
    if (!draft.fields.some((f) => f.signer === signer && (f.kind === 'signature' || f.kind === 'initials'))) {
      problems.push(`Place a signature or initials field for ${signer}.`);
    }
  }
  if (draft.expires && !(new Date(draft.expires).getTime() > Date.now())) problems.push('Choose an expiry in the future, or none.');
  return problems;
}

export interface RequestBody {
  fileId: string;
  signers: { email: string }[];
  order: SignatureDraft['order'];
  fields: Omit<DraftField, 'key'>[];
  expiresAt: string | null;
}

/** The API's body: the fields of the signers still chosen, rounded to a hundredth of a point. */
export function toRequestInput(draft: SignatureDraft): RequestBody {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    fileId: draft.fileId,
    signers: draft.signers.map((email) => ({ email })),
    order: draft.order,
    fields: draft.fields
      .filter((f) => draft.signers.includes(f.signer))
      .map((f) => ({ signer: f.signer, kind: f.kind, page: f.page, x: round(f.x), y: round(f.y), width: round(f.width), height: round(f.height), required: f.required })),
    expiresAt: draft.expires ? new Date(draft.expires).toISOString() : null,
  };
}
