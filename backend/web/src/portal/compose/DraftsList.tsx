/**
 * The person's saved drafts above a new message: continue one written in this organization, or read (and copy)
 * one written in an organization they no longer have access to, and delete what is no longer wanted.
 */
import { Button, Caption1, makeStyles, Subtitle2, Text, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { asProblem } from '../api/http';
import { deleteDraft, listDrafts, type Draft } from '../api/draftsApi';
import { draftText } from './useDraftAutosave';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyle: 'none' },
  item: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
});

const when = (at: string) => new Date(at).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

export function DraftsList({ onContinue, hide }: { onContinue: (draft: Draft) => void; hide?: string }) {
  const styles = useStyles();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    listDrafts().then((r) => setDrafts(r.drafts), (err: unknown) => setProblem(asProblem(err).message));
  }, []);
  const visible = drafts.filter((d) => d.id !== hide);
  if (problem) return <Text role="alert">Your drafts could not be loaded: {problem}</Text>;
  if (visible.length === 0) return null;
  const remove = async (id: string) => {
    await deleteDraft(id).catch(() => undefined);
    setDrafts((current) => current.filter((d) => d.id !== id));
  };
  return (
    <section aria-labelledby="drafts-heading">
      <Subtitle2 as="h2" id="drafts-heading">Drafts</Subtitle2>
      <ul className={styles.list}>
        {visible.map((d) => (
          <li key={d.id} className={styles.item}>
            <div className={styles.row}>
              <Text weight="semibold" className={styles.grow}>{d.subject || '(no subject)'}</Text>
              {d.writtenHere ? (
                <Button size="small" appearance="primary" onClick={() => onContinue(d)}>Continue writing</Button>
              ) : (
                <Button size="small" onClick={() => setShown(shown === d.id ? null : d.id)}>{shown === d.id ? 'Hide text' : 'Show text'}</Button>
              )}
              <Button size="small" appearance="subtle" onClick={() => void remove(d.id)} aria-label={`Delete draft ${d.subject || '(no subject)'}`}>Delete</Button>
            </div>
            <Caption1 className={styles.meta}>
              Saved {when(d.updatedAt)}
              {d.writtenHere ? '' : ` · written in ${d.organizationName}, which you can no longer reach: copy what you need`}
            </Caption1>
            {shown === d.id && <Textarea readOnly value={draftText(d.html)} rows={6} aria-label={`Text of draft ${d.subject || '(no subject)'}`} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
