/** The signer's fields in reading order, which of them still need something, and where the guide goes next. */
import type { AdoptedSignature, SignatureField } from './signaturesApi';

export type FieldValues = Record<string, string | boolean>;

/** Page by page, top to bottom, then left to right (PDF y grows upwards). */
export function inReadingOrder(fields: SignatureField[]): SignatureField[] {
  return [...fields].sort((a, b) => a.page - b.page || b.y + b.height - (a.y + a.height) || a.x - b.x);
}

export function isFilled(field: SignatureField, values: FieldValues, adopted: AdoptedSignature | null): boolean {
  switch (field.kind) {
    case 'signature':
    case 'initials':
      return adopted !== null;
    case 'dateSigned':
      return true;
    case 'text':
      return typeof values[field.id] === 'string' && (values[field.id] as string).trim() !== '';
    case 'checkbox':
      return values[field.id] === true;
  }
}

/** The required fields still to fill, in reading order. */
export const stillNeeded = (own: SignatureField[], values: FieldValues, adopted: AdoptedSignature | null) =>
  inReadingOrder(own).filter((f) => f.required && !isFilled(f, values, adopted));

/** The values the sign route takes: text and checkboxes only (signature, initials and date are the server's). */
export function valuesToSend(own: SignatureField[], values: FieldValues): FieldValues {
  const out: FieldValues = {};
  for (const field of own) {
    const value = values[field.id];
    if (field.kind === 'text' && typeof value === 'string' && value.trim() !== '') out[field.id] = value;
    if (field.kind === 'checkbox' && typeof value === 'boolean') out[field.id] = value;
  }
  return out;
}

export const fieldDomId = (fieldId: string) => `signing-field-${fieldId}`;

export const KIND_LABELS: Record<SignatureField['kind'], string> = {
  signature: 'Signature',
  initials: 'Initials',
  dateSigned: 'Date signed',
  text: 'Text',
  checkbox: 'Checkbox',
};
