/**
 * A signature request prepared while writing a message. The API asks for signatures on a message that exists, so
 * sending is two steps: the message goes first, then the request. When the second step fails the message stays
 * sent, the placement stays as it was, and `request` can be tried again on the sent message alone.
 */
import { useCallback, useMemo, useState } from 'react';
import { requestSignatures, type SignatureRequest } from '../api/signaturesApi';
import { draftProblems, emptyDraft, toRequestInput, type SignatureDraft } from './draft';
import { useLocalPdf } from './SignatureSetup';

export interface SignableFile {
  id: string;
  name: string;
  load: () => Promise<ArrayBuffer>;
}

export function useComposeSignatures(recipients: string[]) {
  const [file, setFile] = useState<SignableFile | null>(null);
  const [draft, setDraft] = useState<SignatureDraft | null>(null);
  const [checked, setChecked] = useState(false);
  const doc = useLocalPdf(file?.load ?? null);

  const start = useCallback((next: SignableFile) => {
    setFile(next);
    setDraft((current) => (current && current.fileId === next.id ? current : emptyDraft(next.id)));
    setChecked(false);
  }, []);
  const stop = useCallback(() => {
    setFile(null);
    setDraft(null);
    setChecked(false);
  }, []);

  const problems = useMemo(() => {
    if (!draft) return [];
    const found = draftProblems(draft, recipients);
    if (doc.kind === 'loading') found.push('Wait for the document to open.');
    if (doc.kind === 'failed') found.push('Fields cannot be placed on this document: remove the signature request or attach another PDF.');
    return found;
  }, [draft, recipients, doc]);

  /** True when there is nothing to ask or it can be asked; otherwise shows what stops it. */
  const ready = () => {
    setChecked(true);
    return !draft || problems.length === 0;
  };

  const request = async (messageId: string): Promise<SignatureRequest | null> => {
    if (!draft) return null;
    return requestSignatures(messageId, toRequestInput(draft));
  };

  return { file, draft, setDraft, doc, problems: checked ? problems : [], start, stop, ready, request };
}

export type ComposeSignatures = ReturnType<typeof useComposeSignatures>;
