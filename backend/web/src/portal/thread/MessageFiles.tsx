/**
 * A message's attached files, each with a Download button that shows progress while the decrypted bytes stream in,
 * then hands the file to the browser to save. A download that fails says why and can be tried again.
 */
import { Button, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Document20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { downloadFile, saveBlob } from '../api/files';
import { asProblem } from '../api/http';
import type { AttachedFile } from '../api/portalApi';
import { fileSize } from '../format';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  file: {
    display: 'grid',
    gridTemplateColumns: '24px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  icon: { color: tokens.colorBrandForeground1, display: 'flex' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  size: { color: tokens.colorNeutralForeground3 },
  wide: { gridColumn: '1 / -1' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, '& h3': { margin: 0 } },
});

type Transfer = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'failed'; message: string } | { kind: 'saved' };

function FileRow({ file }: { file: AttachedFile }) {
  const styles = useStyles();
  const [transfer, setTransfer] = useState<Transfer>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    abort.current = new AbortController();
    setTransfer({ kind: 'running', done: 0, total: file.size });
    try {
      const { blob, name } = await downloadFile(file.id, (done, total) => setTransfer({ kind: 'running', done, total: total || file.size }), abort.current.signal);
      saveBlob(blob, name || file.name);
      setTransfer({ kind: 'saved' });
    } catch (err) {
      if (abort.current?.signal.aborted) return;
      setTransfer({ kind: 'failed', message: asProblem(err).message });
    }
  };

  const running = transfer.kind === 'running';
  const percent = running && transfer.total ? Math.round((transfer.done / transfer.total) * 100) : 0;
  return (
    <li className={styles.file}>
      <span className={styles.icon} aria-hidden>
        <Document20Regular />
      </span>
      <span>
        <Text weight="semibold" className={styles.name} title={file.name}>
          {file.name}
        </Text>
        <Text size={200} className={styles.size}>
          {fileSize(file.size)}
          {transfer.kind === 'saved' && ' · Downloaded'}
        </Text>
      </span>
      <Button icon={<ArrowDownload20Regular />} onClick={() => void start()} disabled={running} aria-label={`Download ${file.name}`}>
        {running ? `${percent}%` : 'Download'}
      </Button>
      {running && (
        <ProgressBar
          className={styles.wide}
          value={transfer.total ? transfer.done / transfer.total : undefined}
          aria-label={`Downloading ${file.name}`}
          aria-valuetext={`${percent}%`}
        />
      )}
      {transfer.kind === 'failed' && (
        <div className={styles.wide}>
          <ErrorNotice>{transfer.message}</ErrorNotice>
        </div>
      )}
    </li>
  );
}

export function MessageFiles({ files, headingId }: { files: AttachedFile[]; headingId: string }) {
  const styles = useStyles();
  if (!files.length) return null;
  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <Text as="h3" id={headingId} size={300} weight="semibold">
        Attachments ({files.length})
      </Text>
      <ul className={styles.list}>
        {files.map((file) => (
          <FileRow key={file.id} file={file} />
        ))}
      </ul>
    </section>
  );
}
