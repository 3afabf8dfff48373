/**
 * Putting an email into the transactional outbox, and reading it back for sending.
 * Callers pass the transaction's repositories, so the email row commits or rolls back with the change that causes it.
 *
 * Subject and bodies are sealed with the keyring because links in them are credentials. The repository creates the
 * row id inside `enqueue`, so the seal cannot be bound to the id; its associated data is instead made of the row's
 * own columns, which the worker can recompute: `outbox|<organization id or "-">|<template>|<to_address>`.
 * A sealed value copied onto another row therefore only opens for the same organization, template and recipient.
 */
import type { Keyring } from '../crypto/keyring';
import { openRecord, sealRecord } from '../crypto/envelope';
import type { OutboxEmail, Repositories } from '../store';
import type { EmailContent } from './templates';

export function outboxAad(row: { organizationId: string | null; template: string; toAddress: string }): string {
  return `outbox|${row.organizationId ?? '-'}|${row.template}|${row.toAddress}`;
}

export async function enqueueEmail(
  tx: Repositories,
  keyring: Keyring,
  email: { organizationId: string | null; template: string; to: string; content: EmailContent },
): Promise<string> {
  const row = { organizationId: email.organizationId, template: email.template, toAddress: email.to };
  const { subject, text, html, senderName } = email.content;
  const sealed = sealRecord(keyring, JSON.stringify({ subject, text, html, senderName }), outboxAad(row));
  return tx.outbox.enqueue({ ...row, sealed });
}

/** Opens a claimed row; throws DecryptionError when the seal does not match the row or the key is gone. */
export function openOutboxEmail(keyring: Keyring, row: OutboxEmail): EmailContent {
  const parsed = JSON.parse(openRecord(keyring, row.sealed, outboxAad(row))) as Partial<EmailContent>;
  const content: EmailContent = { subject: parsed.subject ?? '', text: parsed.text ?? '', html: parsed.html ?? '' };
  if (typeof parsed.senderName === 'string') content.senderName = parsed.senderName;
  return content;
}
