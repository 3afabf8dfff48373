/**
 * The signature request being prepared in the compose form, under the attachments: which PDF, a word on how sending
 * works (message first, then the request), the set-up itself, and a way to drop it.
 */
import { Button, Card, CardHeader, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { Dismiss16Regular, Signature20Regular } from '@fluentui/react-icons';
import type { Recipient } from './SignerChoice';
import { SignatureSetup } from './SignatureSetup';
import type { ComposeSignatures } from './useComposeSignatures';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { overflowWrap: 'anywhere' },
});

export function ComposeSignatureSection({ signatures, recipients }: { signatures: ComposeSignatures; recipients: Recipient[] }) {
  const styles = useStyles();
  const { file, draft } = signatures;
  if (!file || !draft) return null;
  return (
    <Card className={styles.card} appearance="outline" role="region" aria-label={`Signatures on ${file.name}`}>
      <CardHeader
        image={<Signature20Regular aria-hidden />}
        header={
          <Text weight="semibold" className={styles.title}>
            Signatures on {file.name}
          </Text>
        }
        action={
          <Button appearance="subtle" icon={<Dismiss16Regular />} onClick={signatures.stop}>
            Don’t request
          </Button>
        }
      />
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          When you send, the message goes first; then each signer is asked by email to sign{draft.order === 'sequential' ? ', in the order below' : ''}. You will
          see their progress in the conversation.
        </MessageBarBody>
      </MessageBar>
      <SignatureSetup draft={draft} onDraft={signatures.setDraft} recipients={recipients} documentName={file.name} doc={signatures.doc} problems={signatures.problems} />
    </Card>
  );
}
