/** Pieces the admin sections share: a titled card, the server's sentence on failure, and success toasts. */
import { Label, makeStyles, MessageBar, MessageBarBody, Subtitle1, Text, tokens, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../shared/api';

const useStyles = makeStyles({
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    '& h2, & h3, & p': { margin: 0 },
  },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  lead: { color: tokens.colorNeutralForeground2 },
  group: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  groupError: { color: tokens.colorPaletteRedForeground1 },
  groupHint: { color: tokens.colorNeutralForeground3 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
    padding: 0,
  },
});

/**
 * A labelled group of checkboxes with a hint and the sentence of a refusal. (Fluent's Field gives its one control its
 * id, so several checkboxes inside one Field would share it and each label would toggle the first box.)
 */
export function CheckGroup({ label, hint, error, required, children }: { label: string; hint?: string; error?: string; required?: boolean; children: ReactNode }) {
  const styles = useStyles();
  const id = useId('check-group');
  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint ${id}-error`} className={styles.group}>
      <Label id={`${id}-label`} required={required}>{label}</Label>
      {children}
      {error && <Text id={`${id}-error`} size={200} className={styles.groupError}>{error}</Text>}
      {hint && <Text id={`${id}-hint`} size={200} className={styles.groupHint}>{hint}</Text>}
    </div>
  );
}

/** Text for screen readers only (a column header whose cells are buttons, say). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className={useStyles().hidden}>{children}</span>;
}

export function Card({ title, description, actions, children, labelId }: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; labelId?: string }) {
  const styles = useStyles();
  const generated = useId('card');
  const id = labelId ?? generated;
  return (
    <section className={styles.card} aria-labelledby={id}>
      <div className={styles.header}>
        <Subtitle1 as="h2" id={id}>{title}</Subtitle1>
        {actions}
      </div>
      {description && <Text as="p" className={styles.lead}>{description}</Text>}
      {children}
    </section>
  );
}

export function ProblemBar({ problem }: { problem: ApiProblem | null }) {
  if (!problem) return null;
  return (
    <MessageBar intent="error" layout="multiline" politeness="assertive">
      <MessageBarBody>{problem.message}</MessageBarBody>
    </MessageBar>
  );
}

export { NotifyProvider, useNotify } from '../shared/Notify';
