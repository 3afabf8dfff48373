/**
 * A message body: the stored (sanitized) HTML shown only inside a sandboxed iframe with no scripts, no same-origin
 * access and its own strict CSP, so nothing in a message can touch the portal, its cookies or the network.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { styleNonce } from '../../shared/renderPage';
import { estimatedHeight, frameDocument } from '../messageHtml';

const useStyles = makeStyles({
  frame: {
    display: 'block',
    width: '100%',
    border: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export function MessageBody({ html, title }: { html: string; title: string }) {
  const styles = useStyles();
  const frame = useRef<HTMLIFrameElement>(null);
  const [width, setWidth] = useState(640);
  const srcDoc = useMemo(() => frameDocument(html, styleNonce()), [html]);
  const height = useMemo(() => estimatedHeight(html, width), [html, width]);

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <iframe
      ref={frame}
      className={styles.frame}
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      style={{ height }}
    />
  );
}
