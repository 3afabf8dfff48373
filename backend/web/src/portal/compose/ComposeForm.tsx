/**
 * Writing a message or a reply: recipients classified as they are added (with badges), an explicit confirmation
 * for each person the message would invite, subject, a plain-text body (sent as escaped paragraphs), files. What is
 * written is saved as a draft as it is typed, and the draft is dropped once the message is sent or discarded.
 */
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Textarea, tokens } from '@fluentui/react-components';
import { Send20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { PortalProblem } from '../api/http';
import { sendMessage, type Sent } from '../api/portalApi';
import { textToHtml } from '../messageHtml';
import { ComposeSignatureSection } from '../requesting/ComposeSignatureSection';
import { useComposeSignatures } from '../requesting/useComposeSignatures';
import { useMe } from '../session';
import { Attachments, useUploads } from './Attachments';
import { RecipientField } from './RecipientField';
import { statusOf } from './recipientStatus';
import { DraftStatus } from './DraftStatus';
import { useClassification } from './useClassification';
import { useDraftAutosave } from './useDraftAutosave';

export interface ComposeInitial {
  to: string[];
  cc?: string[];
  subject: string;
  inReplyTo?: string;
  /** People already in the conversation (guests may reply to them). */
  participants?: string[];
  /** Continuing a saved draft: its id and text (a new draft gets a fresh id). */
  draftId?: string;
  body?: string;
  bcc?: string[];
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toggle: { alignSelf: 'flex-start', marginTop: `calc(-1 * ${tokens.spacingVerticalS})` },
  invites: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  body: { minHeight: '180px' },
});

type Kind = 'to' | 'cc' | 'bcc';

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16)).join('');
}

export interface SentOutcome {
  /** True when signatures were asked for with the message. */
  signaturesRequested: boolean;
}

export function ComposeForm({ initial, onSent, onCancel, autoFocus }: { initial: ComposeInitial; onSent: (sent: Sent, outcome: SentOutcome) => void; onCancel: () => void; autoFocus?: 'to' | 'subject' | 'body' }) {
  const styles = useStyles();
  const [lists, setLists] = useState<Record<Kind, string[]>>({ to: initial.to, cc: initial.cc ?? [], bcc: initial.bcc ?? [] });
  const [showCopies, setShowCopies] = useState((initial.cc ?? []).length + (initial.bcc ?? []).length > 0);
  const [subject, setSubject] = useState(initial.subject);
  const [body, setBody] = useState(initial.body ?? '');
  const [draftId] = useState(() => initial.draftId ?? newKey());
  const draft = useDraftAutosave(
    draftId,
    {
      subject,
      html: textToHtml(body),
      to: lists.to.map((email) => ({ email })),
      cc: lists.cc.map((email) => ({ email })),
      bcc: lists.bcc.map((email) => ({ email })),
      ...(initial.inReplyTo ? { inReplyTo: initial.inReplyTo } : {}),
    },
    body.trim() !== '' || (subject.trim() !== '' && subject !== initial.subject),
    initial.draftId !== undefined,
  );
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [checked, setChecked] = useState(false);
  const me = useMe();
  const [noForwarding, setNoForwarding] = useState(me.organization.noForwardingByDefault);
  const [idempotencyKey] = useState(newKey);
  const uploads = useUploads();
  const { busy, problem, setProblem, run } = useAction();
  // sent, but the signature request that goes with it failed: the next try asks for the signatures only
  const [sentWithoutSignatures, setSentWithoutSignatures] = useState<Sent | null>(null);
  const asking = useAction();

  const all = useMemo(() => [...new Set([...lists.to, ...lists.cc, ...lists.bcc])], [lists]);
  const { classified, problem: classifyProblem } = useClassification(all);
  const signerCandidates = useMemo(() => [...new Set([...lists.to, ...lists.cc])], [lists]);
  const signatures = useComposeSignatures(signerCandidates);
  const signedFileId = signatures.file?.id ?? null;
  // the PDF marked for signature was removed from the message: so is its request
  useEffect(() => {
    if (signedFileId && !uploads.ids.includes(signedFileId)) signatures.stop();
  }, [signedFileId, uploads.ids, signatures.stop]);
  const participants = useMemo(() => new Set((initial.participants ?? []).map((p) => p.toLowerCase())), [initial.participants]);
  const status = (address: string) => statusOf(classified.get(address), participants.has(address));
  const newcomers = all.filter((address) => status(address).invites);
  const unconfirmed = newcomers.filter((address) => !confirmed.has(address));

  const fieldError = (kind: Kind) => {
    if (kind === 'to' && checked && all.length === 0) return 'Add at least one recipient.';
    return lists[kind].map((address) => status(address).problem).find(Boolean) ?? undefined;
  };
  const stillChecking = all.some((address) => !classified.has(address));
  const bodyMissing = body.trim() === '' && uploads.ids.length === 0;

  const setList = (kind: Kind) => (next: string[]) => setLists((current) => ({ ...current, [kind]: next }));
  const toggleInvite = (address: string, on: boolean) =>
    setConfirmed((current) => {
      const next = new Set(current);
      if (on) next.add(address);
      else next.delete(address);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setProblem(null);
    if (sentWithoutSignatures) return askForSignatures(sentWithoutSignatures);
    const blocked = all.length === 0 || (['to', 'cc', 'bcc'] as const).some((k) => fieldError(k));
    const signaturesReady = signatures.ready();
    if (blocked || unconfirmed.length || bodyMissing || uploads.busy || uploads.failed || stillChecking || !signaturesReady) return;
    const sent = await run(() =>
      sendMessage(
        {
          subject: subject.trim(),
          html: textToHtml(body),
          to: lists.to.map((email) => ({ email })),
          cc: lists.cc.map((email) => ({ email })),
          bcc: lists.bcc.map((email) => ({ email })),
          attachmentIds: uploads.ids,
          confirmedInvitations: newcomers,
          noForwarding,
          ...(initial.inReplyTo ? { inReplyTo: initial.inReplyTo } : {}),
        },
        idempotencyKey,
      ),
    );
    if (!sent) return;
    draft.finish();
    if (signatures.draft) await askForSignatures(sent);
    else onSent(sent, { signaturesRequested: false });
  };

  const askForSignatures = async (sent: Sent) => {
    // the request was dropped after the message went: nothing more to ask
    if (!signatures.draft) return onSent(sent, { signaturesRequested: false });
    if (!signatures.ready()) return setSentWithoutSignatures(sent);
    const asked = await asking.run(() => signatures.request(sent.id));
    if (asked) onSent(sent, { signaturesRequested: true });
    else setSentWithoutSignatures(sent);
  };

  // The server names invitations it still wants confirmed: untick those, so the boxes say what is needed.
  useEffect(() => {
    if (!(problem instanceof PortalProblem) || problem.code !== 'unconfirmed_recipients' || !Array.isArray(problem.body.recipients)) return;
    const refused = problem.body.recipients as string[];
    setConfirmed((current) => new Set([...current].filter((r) => !refused.includes(r))));
  }, [problem]);

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={initial.inReplyTo ? 'Reply' : 'New message'}>
      <RecipientField label="To" recipients={lists.to} onChange={setList('to')} classified={classified} participants={participants} error={fieldError('to')} autoFocus={autoFocus === 'to'} />
      {showCopies ? (
        <>
          <RecipientField label="Cc" recipients={lists.cc} onChange={setList('cc')} classified={classified} participants={participants} error={fieldError('cc')} />
          <RecipientField label="Bcc" recipients={lists.bcc} onChange={setList('bcc')} classified={classified} participants={participants} error={fieldError('bcc')} />
        </>
      ) : (
        <Button appearance="transparent" size="small" className={styles.toggle} onClick={() => setShowCopies(true)}>
          Add Cc or Bcc
        </Button>
      )}
      {classifyProblem && <ErrorNotice title="We could not check the recipients">{classifyProblem}</ErrorNotice>}

      {newcomers.length > 0 && (
        <MessageBar intent={checked && unconfirmed.length ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody className={styles.invites}>
            <MessageBarTitle>{newcomers.length === 1 ? 'This person is' : 'These people are'} new to Sealpost</MessageBarTitle>
            Sending invites them: they get an email to create an account, then they can read your message.
            {newcomers.map((address) => (
              <Checkbox
                key={address}
                checked={confirmed.has(address)}
                onChange={(_, data) => toggleInvite(address, data.checked === true)}
                label={`Invite ${address} as ${status(address).invites === 'pro' ? 'a staff member' : 'a guest'}`}
              />
            ))}
            {checked && unconfirmed.length > 0 && <strong role="alert">Confirm each invitation above, or remove that recipient, before sending.</strong>}
          </MessageBarBody>
        </MessageBar>
      )}

      <Field label="Subject">
        <Input value={subject} onChange={(_, d) => setSubject(d.value)} maxLength={998} autoFocus={autoFocus === 'subject'} />
      </Field>
      <Field label="Message" validationMessage={checked && bodyMissing ? 'Write a message or attach a file.' : undefined}>
        <Textarea
          className={styles.body}
          value={body}
          onChange={(_, d) => setBody(d.value)}
          resize="vertical"
          rows={8}
          autoFocus={autoFocus === 'body'}
        />
      </Field>
      <Attachments
        state={uploads}
        signing={
          me.abilities.requestSignatures && !sentWithoutSignatures
            ? { fileId: signedFileId, onRequest: (u) => u.result && signatures.start({ id: u.result.id, name: u.file.name, load: () => u.file.arrayBuffer() }) }
            : undefined
        }
      />
      <ComposeSignatureSection signatures={signatures} recipients={signerCandidates.map((email) => ({ email, name: classified.get(email)?.displayName ?? '' }))} />
      <Checkbox
        checked={noForwarding}
        onChange={(_, data) => setNoForwarding(data.checked === true)}
        label="No forwarding: recipients cannot pass this message on"
      />

      {checked && uploads.busy && <ErrorNotice>Wait for the files to finish uploading, then send.</ErrorNotice>}
      {checked && uploads.failed && <ErrorNotice>Some files did not upload: retry or remove them, then send.</ErrorNotice>}
      {checked && stillChecking && !classifyProblem && <ErrorNotice>Still checking the recipients. Send again in a moment.</ErrorNotice>}
      {problem && <ErrorNotice title="Your message was not sent">{problem.message}</ErrorNotice>}
      {sentWithoutSignatures && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Your message was sent, but the signatures were not requested yet</MessageBarTitle>
            {asking.problem?.message ?? 'Fix what is listed above.'} Your fields are kept: adjust them if needed and request the signatures again, or open the
            conversation and request them later from the message.
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.actions}>
        {sentWithoutSignatures ? (
          <>
            <Button type="submit" appearance="primary" disabled={asking.busy}>
              {asking.busy ? 'Requesting…' : 'Request signatures'}
            </Button>
            <Button onClick={() => onSent(sentWithoutSignatures, { signaturesRequested: false })} disabled={asking.busy}>
              Open the conversation
            </Button>
          </>
        ) : (
          <>
            <Button type="submit" appearance="primary" icon={<Send20Regular />} disabled={busy || asking.busy}>
              {busy ? 'Sending…' : asking.busy ? 'Requesting signatures…' : signatures.draft ? 'Send and request signatures' : 'Send securely'}
            </Button>
            <Button
              onClick={() => {
                draft.finish();
                onCancel();
              }}
              disabled={busy || asking.busy}
            >
              {initial.inReplyTo ? 'Discard reply' : 'Discard'}
            </Button>
            <DraftStatus state={draft.state} />
          </>
        )}
      </div>
    </form>
  );
}
