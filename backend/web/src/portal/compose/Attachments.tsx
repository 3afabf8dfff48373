/**
 * Files attached while writing: each uploads at once (encrypted on arrival, resumed after a dropped connection)
 * with a progress bar; a failed one can be retried, any can be removed. The message sends the finished ones.
 */
import { Button, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwise16Regular, Attach20Regular, CheckmarkCircle16Regular, Dismiss16Regular, Document20Regular, Signature16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadFile } from '../api/files';
import { asProblem } from '../api/http';
import type { AttachedFile } from '../api/portalApi';
import { fileSize } from '../format';

export interface Upload {
  key: number;
  file: File;
  done: number;
  state: 'uploading' | 'done' | 'failed';
  result?: AttachedFile;
  error?: string;
}

/** The uploads of one message being written. */
export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const aborts = useRef(new Map<number, AbortController>());
  const counter = useRef(0);
  useEffect(() => () => aborts.current.forEach((a) => a.abort()), []);

  const patch = (key: number, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = useCallback((key: number, file: File) => {
    const abort = new AbortController();
    aborts.current.set(key, abort);
    uploadFile(file, (done) => patch(key, { done }), abort.signal).then(
      (result) => patch(key, { state: 'done', result, done: file.size }),
      (err: unknown) => !abort.signal.aborted && patch(key, { state: 'failed', error: asProblem(err).message }),
    );
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const fresh = files.map((file) => ({ key: (counter.current += 1), file, done: 0, state: 'uploading' as const }));
      setUploads((all) => [...all, ...fresh]);
      fresh.forEach((u) => start(u.key, u.file));
    },
    [start],
  );
  const retry = (key: number) => {
    const upload = uploads.find((u) => u.key === key);
    if (!upload) return;
    patch(key, { state: 'uploading', done: 0, error: undefined });
    start(key, upload.file);
  };
  const remove = (key: number) => {
    aborts.current.get(key)?.abort();
    setUploads((all) => all.filter((u) => u.key !== key));
  };
  return {
    uploads,
    add,
    retry,
    remove,
    busy: uploads.some((u) => u.state === 'uploading'),
    failed: uploads.some((u) => u.state === 'failed'),
    ids: uploads.flatMap((u) => (u.result ? [u.result.id] : [])),
    reset: () => setUploads([]),
  };
}

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  hiddenInput: { display: 'none' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignSelf: 'stretch' },
  item: {
    display: 'grid',
    gridTemplateColumns: '20px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  status: { color: tokens.colorNeutralForeground3, display: 'flex', alignItems: 'center', gap: '4px' },
  ok: { color: tokens.colorPaletteGreenForeground1, display: 'inline-flex', alignItems: 'center', gap: '2px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  wide: { gridColumn: '2 / -1' },
  buttons: { display: 'flex', gap: '2px' },
});

const isPdf = (u: Upload) => u.result?.contentType === 'application/pdf' || /\.pdf$/i.test(u.file.name);

/** With `signing`, each uploaded PDF offers to be signed; the one chosen says so. */
export function Attachments({ state, signing }: { state: ReturnType<typeof useUploads>; signing?: { fileId: string | null; onRequest: (upload: Upload) => void } }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={styles.wrap}>
      {state.uploads.length > 0 && (
        <ul className={styles.list} aria-label="Attached files">
          {state.uploads.map((u) => {
            const percent = u.file.size ? Math.round((u.done / u.file.size) * 100) : 100;
            return (
              <li key={u.key} className={styles.item}>
                <Document20Regular aria-hidden />
                <span>
                  <Text className={styles.name} block title={u.file.name}>
                    {u.file.name}
                  </Text>
                  <Text size={200} className={styles.status}>
                    {fileSize(u.file.size)} ·{' '}
                    {u.state === 'uploading' && `Uploading ${percent}%`}
                    {u.state === 'done' && (
                      <span className={styles.ok}>
                        <CheckmarkCircle16Regular aria-hidden /> Uploaded
                      </span>
                    )}
                    {u.state === 'failed' && <span className={styles.error}>{u.error}</span>}
                  </Text>
                </span>
                <span className={styles.buttons}>
                  {signing && u.state === 'done' && isPdf(u) && (
                    <Button
                      size="small"
                      appearance={signing.fileId === u.result?.id ? 'primary' : 'subtle'}
                      icon={<Signature16Regular />}
                      aria-pressed={signing.fileId === u.result?.id}
                      onClick={() => signing.onRequest(u)}
                    >
                      {signing.fileId === u.result?.id ? 'For signature' : 'Request signatures'}
                    </Button>
                  )}
                  {u.state === 'failed' && (
                    <Button size="small" appearance="subtle" icon={<ArrowClockwise16Regular />} onClick={() => state.retry(u.key)}>
                      Retry
                    </Button>
                  )}
                  <Button size="small" appearance="subtle" icon={<Dismiss16Regular />} aria-label={`Remove ${u.file.name}`} onClick={() => state.remove(u.key)} />
                </span>
                {u.state === 'uploading' && (
                  <ProgressBar className={styles.wide} value={u.file.size ? u.done / u.file.size : undefined} aria-label={`Uploading ${u.file.name}`} aria-valuetext={`${percent}%`} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <input
        ref={input}
        type="file"
        multiple
        className={styles.hiddenInput}
        tabIndex={-1}
        aria-hidden
        onChange={(event) => {
          state.add([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <Button icon={<Attach20Regular />} onClick={() => input.current?.click()}>
        Attach files
      </Button>
    </div>
  );
}
