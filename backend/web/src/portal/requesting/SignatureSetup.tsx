/**
 * Preparing a signature request on one PDF: who signs and how (SignerChoice), then the fields on its pages
 * (FieldPlacement, over the pages pdf.js draws). The caller opens the document (the file being attached, from memory,
 * or the sent file, downloaded); what stops the request is listed once the person tries to send it.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import { PortalProblem } from '../api/http';
import { openPdf, type OpenedPdf } from '../signing/pdfDocument';
import type { PdfState } from '../signing/usePdfDocument';
import type { SignatureDraft } from './draft';
import { FieldPlacement } from './FieldPlacement';
import { SignerChoice, type Recipient } from './SignerChoice';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const UNREADABLE = 'This file could not be read as a PDF. Check that it opens in a PDF reader, or attach another copy.';

/** A PDF being attached, opened from the bytes in memory; closed when it changes or the form goes. */
export function useLocalPdf(load: (() => Promise<ArrayBuffer>) | null): PdfState {
  const [state, setState] = useState<PdfState>({ kind: 'loading', done: 0, total: 0 });
  useEffect(() => {
    if (!load) return;
    const abort = new AbortController();
    let opened: OpenedPdf | null = null;
    setState({ kind: 'loading', done: 0, total: 0 });
    load()
      .then((bytes) => openPdf(new Uint8Array(bytes), abort.signal))
      .then(
        (doc) => {
          opened = doc;
          if (abort.signal.aborted) void doc.close();
          else setState({ kind: 'ready', doc });
        },
        () => !abort.signal.aborted && setState({ kind: 'failed', problem: new PortalProblem(0, 'pdf_unreadable', UNREADABLE) }),
      );
    return () => {
      abort.abort();
      void opened?.close();
    };
  }, [load]);
  return state;
}

interface Props {
  draft: SignatureDraft;
  onDraft: (d: SignatureDraft) => void;
  recipients: Recipient[];
  documentName: string;
  doc: PdfState;
  onRetry?: () => void;
  /** Shown once the person tried to send: what still stops the request. */
  problems: string[];
}

export function SignatureSetup({ draft, onDraft, recipients, documentName, doc, onRetry, problems }: Props) {
  const styles = useStyles();
  return (
    <div className={styles.wrap}>
      <SignerChoice draft={draft} onDraft={onDraft} recipients={recipients} />
      {doc.kind === 'loading' && <Loading label="Opening the document…" />}
      {doc.kind === 'failed' && (
        <div>
          <ErrorNotice title="Fields cannot be placed on this document">{doc.problem.message}</ErrorNotice>
          {onRetry && <Button onClick={onRetry}>Try again</Button>}
        </div>
      )}
      {doc.kind === 'ready' && <FieldPlacement draft={draft} onDraft={onDraft} recipients={recipients} doc={doc.doc} documentName={documentName} />}
      {problems.length > 0 && (
        <ErrorNotice title="Before the signatures can be requested">
          <ul className={styles.problems}>
            {problems.map((p) => (
              <li key={p}>
                <Text>{p}</Text>
              </li>
            ))}
          </ul>
        </ErrorNotice>
      )}
    </div>
  );
}
