/** Small pieces the portal's views share: text only screen readers read, the empty-state panel, and "load more". */
import { Button, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../shared/Notices';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground2,
    '& h2, & p': { margin: 0 },
  },
  emptyIcon: { color: tokens.colorBrandForeground2, display: 'flex' },
  more: { display: 'flex', justifyContent: 'center', alignSelf: 'stretch' },
});

export function ScreenReaderOnly({ children }: { children: ReactNode }) {
  return <span className={useStyles().hidden}>{children}</span>;
}

export function EmptyState({ icon, title, children }: { icon: ReactNode; title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <span className={styles.emptyIcon} aria-hidden>
        {icon}
      </span>
      <Title3 as="h2">{title}</Title3>
      {children && <Text as="p">{children}</Text>}
    </div>
  );
}

/** The next page of a list: a button while it is idle or loading, the failure's sentence above it when it failed. */
export function LoadMore({ state, label, onLoad }: { state: 'idle' | 'loading' | Error; label: string; onLoad: () => void }) {
  const styles = useStyles();
  return (
    <>
      {state instanceof Error && <ErrorNotice>{state.message}</ErrorNotice>}
      <div className={styles.more}>
        <Button onClick={onLoad} disabled={state === 'loading'}>
          {state === 'loading' ? 'Loading…' : label}
        </Button>
      </div>
    </>
  );
}
