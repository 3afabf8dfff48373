/**
 * The signature requests on a message its sender sees in the conversation: each request's progress (RequestStatus),
 * kept fresh while any is open, and for a message still readable, "Request signatures" on one of its PDFs, prepared
 * in a dialog with the same set-up as in compose.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, makeStyles, Select, Text, tokens,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular, Signature20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useState } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { asProblem } from '../api/http';
import type { AttachedFile, Recipient as MessageRecipient } from '../api/portalApi';
import { listSignatureRequests, requestSignatures, type SignatureRequest } from '../api/signaturesApi';
import { usePdfDocument } from '../signing/usePdfDocument';
import { draftProblems, emptyDraft, toRequestInput, type SignatureDraft } from './draft';
import { RequestStatus } from './RequestStatus';
import type { Recipient } from './SignerChoice';
import { SignatureSetup } from './SignatureSetup';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, '& h3': { margin: 0 } },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { flexGrow: 1 },
  surface: { maxWidth: 'min(960px, calc(100vw - 16px))', width: '100%', maxHeight: 'calc(100vh - 16px)', overflowY: 'auto', boxSizing: 'border-box' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** While a request is open its signers may act at any moment: look again this often. */
const REFRESH_MS = 15_000;

const isPdf = (f: AttachedFile) => f.contentType === 'application/pdf' || /\.pdf$/i.test(f.name);

interface Props {
  messageId: string;
  files: AttachedFile[];
  recipients: MessageRecipient[];
  /** The viewer sent the message, may ask for signatures, and the message is still readable. */
  canRequest: boolean;
  /** The message's answer names requests the viewer made: only then are they fetched. */
  asked: boolean;
  headingId: string;
}

export function MessageSignatures({ messageId, files, recipients, canRequest, asked, headingId }: Props) {
  const styles = useStyles();
  const [requests, setRequests] = useState<SignatureRequest[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const pdfs = files.filter(isPdf);

  const load = useCallback(async () => {
    try {
      const { requests: found } = await listSignatureRequests(messageId);
      setRequests(found.filter((r) => r.you.requester));
      setProblem(null);
    } catch (err) {
      setProblem(asProblem(err).message);
    }
  }, [messageId]);
  useEffect(() => void (asked && load()), [asked, load]);
  const anyOpen = requests.some((r) => r.status === 'open');
  useEffect(() => {
    if (!anyOpen) return;
    const timer = setInterval(() => document.visibilityState === 'visible' && void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [anyOpen, load]);

  if (!requests.length && !problem && !(canRequest && pdfs.length)) return null;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <div className={styles.head}>
        <Text as="h3" id={headingId} size={300} weight="semibold" className={styles.title}>
          Signatures
        </Text>
        {requests.length > 0 && (
          <Button size="small" appearance="subtle" icon={<ArrowClockwise16Regular />} onClick={() => void load()}>
            Refresh
          </Button>
        )}
        {canRequest && pdfs.length > 0 && (
          <Button size="small" icon={<Signature20Regular />} onClick={() => setPreparing(true)}>
            Request signatures
          </Button>
        )}
      </div>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      {requests.map((r) => (
        <RequestStatus key={r.id} request={r} onChanged={(next) => setRequests((all) => all.map((x) => (x.id === next.id ? next : x)))} />
      ))}
      {preparing && (
        <RequestDialog
          messageId={messageId}
          pdfs={pdfs}
          recipients={recipients.filter((r) => r.kind !== 'bcc').map((r) => ({ email: r.email, name: r.name }))}
          onClose={() => setPreparing(false)}
          onRequested={(created) => {
            setPreparing(false);
            setRequests((all) => [...all, created]);
          }}
        />
      )}
    </section>
  );
}

function RequestDialog({ messageId, pdfs, recipients, onClose, onRequested }: {
  messageId: string;
  pdfs: AttachedFile[];
  recipients: Recipient[];
  onClose: () => void;
  onRequested: (created: SignatureRequest) => void;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState<SignatureDraft>(() => emptyDraft(pdfs[0]!.id));
  const [checked, setChecked] = useState(false);
  const { state, retry } = usePdfDocument(draft.fileId);
  const { busy, problem, run } = useAction();
  const describedBy = useId();
  const file = pdfs.find((f) => f.id === draft.fileId)!;
  const problems = checked ? draftProblems(draft, recipients.map((r) => r.email)) : [];

  const submit = async () => {
    setChecked(true);
    if (draftProblems(draft, recipients.map((r) => r.email)).length || state.kind !== 'ready') return;
    const created = await run(() => requestSignatures(messageId, toRequestInput(draft)));
    if (created) onRequested(created);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={describedBy}>
        <DialogBody>
          <DialogTitle>Request signatures</DialogTitle>
          <DialogContent className={styles.content}>
            <Text id={describedBy}>Each signer is asked by email to sign in the portal. You follow their progress in this conversation.</Text>
            {pdfs.length > 1 && (
              <Field label="Document">
                <Select value={draft.fileId} onChange={(_, d) => (setDraft({ ...emptyDraft(d.value), signers: draft.signers, order: draft.order, expires: draft.expires }), setChecked(false))}>
                  {pdfs.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <SignatureSetup draft={draft} onDraft={setDraft} recipients={recipients} documentName={file.name} doc={state} onRetry={retry} problems={problems} />
            {problem && <ErrorNotice title="The signatures were not requested">{problem.message}</ErrorNotice>}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void submit()} disabled={busy}>
              {busy ? 'Requesting…' : 'Request signatures'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
