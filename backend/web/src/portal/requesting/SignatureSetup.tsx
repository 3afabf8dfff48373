/**
 * Preparing a signature request on one PDF: who signs and how (SignerChoice), then the fields on its pages
 * (FieldPlacement). The page sizes are read from the document's bytes, which the caller loads (the file being
 * attached, or the sent file downloaded); what stops the request is listed once the person tries to send it.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import { asProblem } from '../api/http';
import type { PageSize, SignatureDraft } from './draft';
import { FieldPlacement } from './FieldPlacement';
import { readPageSizes, UnplaceableDocument } from './pageSizes';
import { SignerChoice, type Recipient } from './SignerChoice';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export type PagesState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; pages: PageSize[] };

/** The page sizes of a document, loaded once per loader. */
export function usePageSizes(load: (() => Promise<ArrayBuffer>) | null): PagesState {
  const [state, setState] = useState<PagesState>({ kind: 'loading' });
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState({ kind: 'loading' });
    load()
      .then(readPageSizes)
      .then(
        (pages) => live && setState({ kind: 'ready', pages }),
        (err: unknown) => live && setState({ kind: 'failed', message: err instanceof UnplaceableDocument ? err.message : asProblem(err).message }),
      );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}

interface Props {
  draft: SignatureDraft;
  onDraft: (d: SignatureDraft) => void;
  recipients: Recipient[];
  pages: PagesState;
  /** Shown once the person tried to send: what still stops the request. */
  problems: string[];
}

export function SignatureSetup({ draft, onDraft, recipients, pages, problems }: Props) {
  const styles = useStyles();
  return (
    <div className={styles.wrap}>
      <SignerChoice draft={draft} onDraft={onDraft} recipients={recipients} />
      {pages.kind === 'loading' && <Loading label="Reading the document's pages…" />}
      {pages.kind === 'failed' && <ErrorNotice title="Fields cannot be placed on this document">{pages.message}</ErrorNotice>}
      {pages.kind === 'ready' && <FieldPlacement draft={draft} onDraft={onDraft} recipients={recipients} pages={pages.pages} />}
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
