/**
 * The New message view: the person's drafts (continue one), the compose form (its To filled in when the address
 * names someone, e.g. from the client list), and where to go once the message is sent (its conversation).
 */
import { makeStyles, MessageBar, MessageBarBody, Title2, tokens } from '@fluentui/react-components';
import { ShieldLock20Regular } from '@fluentui/react-icons';
import { paths, useNavigation } from '../router';
import { useDocumentTitle, useMe, useNotify } from '../session';
import { useState } from 'react';
import type { Draft } from '../api/draftsApi';
import { ComposeForm, type ComposeInitial } from './ComposeForm';
import { DraftsList } from './DraftsList';
import { draftText } from './useDraftAutosave';

const addresses = (list: { email: string }[]) => list.map((r) => r.email.toLowerCase());

function fromDraft(d: Draft): ComposeInitial {
  return {
    draftId: d.id,
    to: addresses(d.to),
    cc: addresses(d.cc),
    bcc: addresses(d.bcc),
    subject: d.subject,
    body: draftText(d.html),
    ...(d.inReplyTo ? { inReplyTo: d.inReplyTo } : {}),
  };
}

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: 0 },
});

export function ComposePage({ to = '' }: { to?: string }) {
  const styles = useStyles();
  const me = useMe();
  const notify = useNotify();
  const { navigate } = useNavigation();
  useDocumentTitle('New message');
  const [resumed, setResumed] = useState<Draft | null>(null);

  return (
    <div className={styles.stack}>
      <Title2 as="h1" className={styles.title}>
        New message
      </Title2>
      <MessageBar intent="info" layout="multiline" icon={<ShieldLock20Regular />}>
        <MessageBarBody>
          {me.abilities.writeToAnyone
            ? `Your message and files are encrypted and stay in Sealpost. Recipients get an email telling them a message is waiting; people new to ${me.organization.name}'s portal are invited once you confirm.`
            : `As a guest of ${me.organization.name}, you can write to its staff. Your message and files are encrypted and stay in Sealpost.`}
        </MessageBarBody>
      </MessageBar>
      <DraftsList onContinue={setResumed} hide={resumed?.id} />
      <ComposeForm
        key={resumed?.id ?? 'new'}
        initial={resumed ? fromDraft(resumed) : { to: to ? [to.toLowerCase()] : [], subject: '' }}
        autoFocus={resumed ? 'body' : to ? 'subject' : 'to'}
        onSent={(sent, { signaturesRequested }) => {
          const invited = sent.invited.length ? ` ${sent.invited.length} invitation${sent.invited.length === 1 ? '' : 's'} on the way.` : '';
          notify(`Message sent.${signaturesRequested ? ' Signatures requested.' : ''}${invited}`);
          navigate(paths.thread(sent.threadId));
        }}
        onCancel={() => navigate(paths.box('inbox'))}
      />
    </div>
  );
}
