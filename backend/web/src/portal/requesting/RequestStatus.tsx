/**
 * One signature request as its requester follows it: the document, the request's state, each signer's progress
 * with times (in order, who is waiting for whom), and what can be done — void an open request with a reason (after a
 * confirmation), download the signed PDF once everyone signed.
 */
import {
  Badge, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, makeStyles, Text, Textarea, tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, DismissCircle20Regular, Signature20Regular } from '@fluentui/react-icons';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { downloadFile, saveBlob } from '../api/files';
import { asProblem } from '../api/http';
import { voidSignatureRequest, type SignatureRequest } from '../api/signaturesApi';
import { fullWhen } from '../format';

type Signer = SignatureRequest['signers'][number];

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  name: { overflowWrap: 'anywhere', flexGrow: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  signers: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  signer: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', columnGap: tokens.spacingHorizontalS, alignItems: 'start' },
  who: { overflowWrap: 'anywhere' },
  times: { gridColumn: '1 / -1', color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  danger: { backgroundColor: tokens.colorPaletteRedBackground3, ':hover': { backgroundColor: tokens.colorPaletteRedForeground1 } },
});

const STATE: Record<SignatureRequest['status'], { label: string; color: BadgeProps['color'] }> = {
  open: { label: 'Waiting for signatures', color: 'informative' },
  completed: { label: 'Signed by everyone', color: 'success' },
  declined: { label: 'Declined', color: 'danger' },
  voided: { label: 'Voided', color: 'subtle' },
  expired: { label: 'Expired', color: 'warning' },
};

const SIGNER: Record<Signer['status'], { label: string; color: BadgeProps['color'] }> = {
  sent: { label: 'Sent', color: 'informative' },
  viewed: { label: 'Viewed', color: 'brand' },
  signed: { label: 'Signed', color: 'success' },
  declined: { label: 'Declined', color: 'danger' },
};

/** Where a signer stands: asked (or waiting for the signers before them), then each step they took, with its time. */
function signerTimes(request: SignatureRequest, signer: Signer): string {
  const before = request.signers.filter((s) => s.position < signer.position);
  const waiting = request.order === 'sequential' && signer.status === 'sent' && before.some((s) => s.status !== 'signed');
  const steps = [waiting ? 'Waiting for the signers before them' : `Asked ${fullWhen(request.createdAt)}`];
  if (signer.viewedAt) steps.push(`viewed ${fullWhen(signer.viewedAt)}`);
  if (signer.signedAt) steps.push(`signed ${fullWhen(signer.signedAt)}`);
  if (signer.declinedAt) steps.push(`declined ${fullWhen(signer.declinedAt)}${signer.declineReason ? `: “${signer.declineReason}”` : ''}`);
  return steps.join(' · ');
}

/** How the request ended, or until when it can be signed; follows a "·" in a line, so it starts in lower case. */
function closedLine(request: SignatureRequest): string | null {
  if (request.status === 'voided') return `voided${request.closedAt ? ` ${fullWhen(request.closedAt)}` : ''}${request.voidReason ? `: “${request.voidReason}”` : ' when the message was recalled'}`;
  if (request.status === 'expired' && request.expiresAt) return `expired ${fullWhen(request.expiresAt)} before everyone signed`;
  if (request.status === 'completed' && request.closedAt) return `completed ${fullWhen(request.closedAt)}`;
  if (request.status === 'open' && request.expiresAt) return `can be signed until ${fullWhen(request.expiresAt)}`;
  return null;
}

export function RequestStatus({ request, onChanged }: { request: SignatureRequest; onChanged: (next: SignatureRequest) => void }) {
  const styles = useStyles();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const voidAction = useAction();
  const download = useAction();
  const describedBy = useId();
  const state = STATE[request.status];
  const closed = closedLine(request);

  const confirmVoid = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setReasonMissing(true);
    const voided = await voidAction.run(() => voidSignatureRequest(request.id, reason.trim()));
    if (!voided) return;
    setVoiding(false);
    onChanged(voided);
  };
  const saveSigned = () =>
    download.run(async () => {
      try {
        const { blob, name } = await downloadFile(request.completedFileId!, () => undefined);
        saveBlob(blob, name);
      } catch (err) {
        throw asProblem(err);
      }
    });

  return (
    <section className={styles.card} aria-label={`Signatures on ${request.documentName}`}>
      <div className={styles.head}>
        <Signature20Regular aria-hidden />
        <Text weight="semibold" className={styles.name}>
          {request.documentName}
        </Text>
        <Badge appearance="filled" color={state.color}>
          {state.label}
        </Badge>
      </div>
      <Text size={200} className={styles.muted}>
        {request.order === 'sequential' ? 'Signed in order' : 'Signed by everyone at once'} · requested {fullWhen(request.createdAt)}
        {closed ? ` · ${closed}` : ''}
      </Text>
      <ol className={styles.signers} aria-label="Signers">
        {request.signers.map((signer) => (
          <li key={signer.email} className={styles.signer}>
            <Text className={styles.who}>
              {request.order === 'sequential' && `${signer.position}. `}
              {signer.name || signer.email}
              {signer.name && signer.name !== signer.email && <span className={styles.muted}> · {signer.email}</span>}
            </Text>
            <Badge appearance="tint" color={SIGNER[signer.status].color}>
              {SIGNER[signer.status].label}
            </Badge>
            <Text size={200} className={styles.times}>
              {signerTimes(request, signer)}
            </Text>
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        {request.completedFileId && (
          <Button icon={<ArrowDownload20Regular />} onClick={() => void saveSigned()} disabled={download.busy}>
            {download.busy ? 'Downloading…' : 'Download signed PDF'}
          </Button>
        )}
        {request.status === 'open' && (
          <Button icon={<DismissCircle20Regular />} onClick={() => (setReason(''), setReasonMissing(false), voidAction.setProblem(null), setVoiding(true))}>
            Void request
          </Button>
        )}
      </div>
      {download.problem && <ErrorNotice>{download.problem.message}</ErrorNotice>}

      {voiding && (
        <Dialog open onOpenChange={(_, d) => !d.open && setVoiding(false)}>
          <DialogSurface aria-describedby={describedBy}>
            <form onSubmit={(e) => void confirmVoid(e)} noValidate>
              <DialogBody>
                <DialogTitle>Void this signature request?</DialogTitle>
                <DialogContent className={styles.content}>
                  <p id={describedBy}>
                    Nobody can sign “{request.documentName}” after this, and signatures already given will not complete it. The signers see the reason you
                    give. This cannot be undone; the message itself stays.
                  </p>
                  <Field label="Reason" required validationMessage={reasonMissing ? 'Say why, so the signers know what happens next.' : undefined}>
                    <Textarea value={reason} onChange={(_, d) => (setReason(d.value), setReasonMissing(false))} maxLength={1000} resize="vertical" />
                  </Field>
                  {voidAction.problem && <ErrorNotice>{voidAction.problem.message}</ErrorNotice>}
                </DialogContent>
                <DialogActions>
                  <Button type="submit" appearance="primary" className={styles.danger} disabled={voidAction.busy}>
                    {voidAction.busy ? 'Voiding…' : 'Void request'}
                  </Button>
                  <Button onClick={() => setVoiding(false)}>Keep it</Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      )}
    </section>
  );
}
