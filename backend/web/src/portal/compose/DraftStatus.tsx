/** "Draft saved 14:02" beside the compose buttons: quiet, and announced politely to screen readers. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { DraftState } from './useDraftAutosave';

const useStyles = makeStyles({ status: { color: tokens.colorNeutralForeground3 } });

export function DraftStatus({ state }: { state: DraftState }) {
  const styles = useStyles();
  const text =
    state.kind === 'saving'
      ? 'Saving draft…'
      : state.kind === 'saved'
        ? `Draft saved ${state.at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}`
        : state.kind === 'failed'
          ? 'Draft not saved: keep this page open and try again in a moment.'
          : '';
  return (
    <Text size={200} className={styles.status} role="status" aria-live="polite">
      {text}
    </Text>
  );
}
