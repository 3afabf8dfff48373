/**
 * How a composed email leaves the process. The worker only knows `MailTransport`; production and embedded mode
 * both use `smtpTransport` (embedded mode points it at the built-in catcher), so the same SMTP code path is tested.
 */
import nodemailer from 'nodemailer';
import type { FromHeader } from './senderAddress';

export interface OutgoingMessage {
  /** Stable per outbox row, e.g. `<id@sealpost>`, so a retried send can be deduplicated downstream. */
  messageId: string;
  from: FromHeader;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/** Timeouts stay well below the worker's lease, so a hung relay cannot make a second worker send the same row. */
export const SMTP_TIMEOUT_MS = 30_000;

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    // Bodies come from our templates; never let a value in them make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        messageId: message.messageId,
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close() {
      transporter.close();
    },
  };
}
