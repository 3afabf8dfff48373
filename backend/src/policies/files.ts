/**
 * Who may see a file. The uploader alone sees a file until it is attached; from then on whoever may open a message
 * carrying it: the message it was sent with, or a forward of that message (policies/messages.ts `open`), so
 * recalling the original closes every path to its files. Anyone else is told the file does not exist, in this
 * organization or another.
 */
import { ALLOWED, refuse, type PolicyActor, type Verdict } from './verdict';
import type { StoredFile } from '../store';

export const FILE_NOT_FOUND = 'That file was not found.';

/** The answer of `messages.open` for one message that carries the file. */
export interface CarrierVerdict {
  messageId: string;
  verdict: Verdict;
}

/**
 * The carrier whose refusal answers for the file when none lets the actor in: the first that exists for them (it
 * was recalled or has expired), else the first. Null when the file has no carrier.
 */
export const decisiveCarrier = (carriers: CarrierVerdict[]): CarrierVerdict | null =>
  carriers.find((c) => !c.verdict.allowed && c.verdict.code !== 'not_found') ?? carriers[0] ?? null;

const notFound = () => refuse('not_found', FILE_NOT_FOUND);

export const fileRules = {
  /** Resuming or inspecting an upload: the uploader's own, attached or not. */
  continueUpload: (actor: PolicyActor, file: Pick<StoredFile, 'uploaderId'>): Verdict =>
    file.uploaderId === actor.account.id ? ALLOWED : notFound(),
  /** Reading a file, judged on the messages that carry it (none while it is an upload nobody sent yet). */
  read(actor: PolicyActor, { file, carriers }: { file: Pick<StoredFile, 'uploaderId' | 'messageId'>; carriers: CarrierVerdict[] }): Verdict {
    if (file.messageId === null) return file.uploaderId === actor.account.id ? ALLOWED : notFound();
    if (carriers.some((c) => c.verdict.allowed)) return ALLOWED;
    // "That message was not found" would confirm that the file exists and belongs to a message
    const decisive = decisiveCarrier(carriers)?.verdict;
    return decisive && !decisive.allowed && decisive.code !== 'not_found' ? decisive : notFound();
  },
};
