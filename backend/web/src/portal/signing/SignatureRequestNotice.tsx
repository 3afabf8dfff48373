/**
 * In a conversation, under a message's files: each document the reader is asked to sign, where it stands for
 * them, and the way to the signing page ("Sign document" on their turn, "View" otherwise).
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Signature20Regular } from '@fluentui/react-icons';
import type { MessageDetail } from '../api/portalApi';
import { paths, useNavigation } from '../router';

type Requests = MessageDetail['signatureRequests'];

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'grid',
    gridTemplateColumns: '24px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorBrandStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
  },
  icon: { color: tokens.colorBrandForeground1, display: 'flex' },
  name: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

function standing(r: Requests[number]): string {
  switch (r.status) {
    case 'completed':
      return 'Completed: everyone signed';
    case 'declined':
      return 'Declined';
    case 'voided':
      return 'Voided by the sender';
    case 'expired':
      return 'Expired';
    default:
      if (r.yourStatus === 'signed') return 'Signed — waiting for others';
      return r.yourTurn ? 'Your signature is requested' : 'Waiting for another signer first';
  }
}

export function SignatureRequestNotice({ requests, files }: { requests: Requests; files: MessageDetail['files'] }) {
  const styles = useStyles();
  const { navigate } = useNavigation();
  const mine = requests.filter((r) => r.yourStatus !== null);
  if (!mine.length) return null;
  const nameOf = (fileId: string) => files.find((f) => f.id === fileId)?.name ?? 'Document';
  return (
    <ul className={styles.list} aria-label="Signature requests">
      {mine.map((r) => (
        <li key={r.id} className={styles.item}>
          <span className={styles.icon} aria-hidden>
            <Signature20Regular />
          </span>
          <span>
            <Text weight="semibold" className={styles.name}>
              {nameOf(r.fileId)}
            </Text>
            <Text size={200} className={styles.muted}>
              {standing(r)}
            </Text>
          </span>
          <Button appearance={r.yourTurn ? 'primary' : 'secondary'} onClick={() => navigate(paths.signature(r.id))} aria-label={`${r.yourTurn ? 'Sign document' : 'View'}: ${nameOf(r.fileId)}`}>
            {r.yourTurn ? 'Sign document' : 'View'}
          </Button>
        </li>
      ))}
    </ul>
  );
}
