/**
 * Where a signature request stands, in one sentence for the person looking: their turn, waiting for someone,
 * signed and waiting for others, completed (with the completed PDF to download), declined, voided or expired.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { downloadFile, saveBlob } from '../api/files';
import { asProblem } from '../api/http';
import { fullWhen } from '../format';
import type { SignatureRequest } from './signaturesApi';

export function statusLine(request: SignatureRequest, myEmail: string): { intent: 'info' | 'success' | 'warning' | 'error'; title: string; text: string } {
  const me = request.signers.find((s) => s.email === myEmail);
  const decliner = request.signers.find((s) => s.status === 'declined');
  switch (request.status) {
    case 'completed':
      return { intent: 'success', title: 'Completed', text: `Everyone signed${request.closedAt ? ` (${fullWhen(request.closedAt)})` : ''}. The signed PDF is a file of the message.` };
    case 'declined':
      return { intent: 'error', title: 'Declined', text: `${decliner?.name ?? 'A signer'} declined to sign${decliner?.declineReason ? `: “${decliner.declineReason}”` : '.'}` };
    case 'voided':
      return { intent: 'error', title: 'Voided', text: `The sender withdrew this request${request.voidReason ? `: “${request.voidReason}”` : '.'} Nobody can sign it any more.` };
    case 'expired':
      return { intent: 'warning', title: 'Expired', text: `This request expired${request.expiresAt ? ` on ${fullWhen(request.expiresAt)}` : ''}. Ask the sender for a new one if you still need to sign.` };
    default:
      break;
  }
  if (me?.status === 'signed') return { intent: 'success', title: 'Signed — waiting for others', text: 'You signed. Everyone gets the completed PDF when the last signer signs.' };
  if (request.you.yourTurn) {
    const due = request.expiresAt ? ` before ${fullWhen(request.expiresAt)}` : '';
    return { intent: 'info', title: 'Your signature is requested', text: `Fill in your highlighted fields and sign${due}.` };
  }
  if (me) {
    const waitingFor = request.signers.find((s) => s.status !== 'signed' && s.position < me.position);
    return { intent: 'info', title: 'Not your turn yet', text: `${waitingFor?.name ?? 'Another signer'} signs first. We will email you when it is your turn.` };
  }
  const pending = request.signers.filter((s) => s.status !== 'signed').map((s) => s.name);
  return { intent: 'info', title: 'Waiting for signatures', text: `Waiting for ${pending.join(', ') || 'the signers'}.` };
}

export function CompletedDownload({ request }: { request: SignatureRequest }) {
  const [state, setState] = useState<'idle' | 'running' | Error>('idle');
  if (!request.completedFileId) return null;
  const fileId = request.completedFileId;
  const download = async () => {
    setState('running');
    try {
      const { blob, name } = await downloadFile(fileId, () => undefined);
      saveBlob(blob, name);
      setState('idle');
    } catch (err) {
      setState(new Error(asProblem(err).message));
    }
  };
  return (
    <>
      <Button appearance="primary" icon={<ArrowDownload20Regular />} onClick={() => void download()} disabled={state === 'running'}>
        {state === 'running' ? 'Downloading…' : 'Download the signed PDF'}
      </Button>
      {state instanceof Error && <ErrorNotice>{state.message}</ErrorNotice>}
    </>
  );
}

export function SigningStatus({ request, myEmail }: { request: SignatureRequest; myEmail: string }) {
  const line = statusLine(request, myEmail);
  return (
    <MessageBar intent={line.intent} layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{line.title}</MessageBarTitle>
        {line.text}
      </MessageBarBody>
    </MessageBar>
  );
}
