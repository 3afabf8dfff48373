/**
 * Saves what is being written as a draft a moment after each change (never while nothing is written), so a
 * closed tab, a lost connection or access ending mid-sentence loses at most the last second or two.
 */
import { useEffect, useRef, useState } from 'react';
import { deleteDraft, saveDraft, type DraftContent } from '../api/draftsApi';

const PAUSE_MS = 1200;

export type DraftState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed' };

/** `resumed`: the draft is already stored (continuing one), so discarding it deletes it even before a new save. */
export function useDraftAutosave(draftId: string, content: DraftContent, hasText: boolean, resumed = false) {
  const [state, setState] = useState<DraftState>({ kind: 'idle' });
  const stored = useRef(resumed);
  const stopped = useRef(false);
  const serialized = JSON.stringify(content);
  useEffect(() => {
    if (!hasText || stopped.current) return;
    const timer = setTimeout(() => {
      setState({ kind: 'saving' });
      saveDraft(draftId, JSON.parse(serialized) as DraftContent).then(
        (saved) => {
          stored.current = true;
          if (!stopped.current) setState({ kind: 'saved', at: new Date(saved.updatedAt) });
        },
        () => !stopped.current && setState({ kind: 'failed' }),
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draftId, serialized, hasText]);

  /** Sent or discarded: stop saving and drop the stored draft (a failure leaves it in the list, which is harmless). */
  const finish = () => {
    stopped.current = true;
    if (stored.current) void deleteDraft(draftId).catch(() => undefined);
  };
  return { state, finish };
}

/** A draft's HTML (escaped paragraphs written by textToHtml) back to the plain text the form edits. */
export function draftText(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const blocks = [...doc.body.querySelectorAll('p')];
  if (blocks.length === 0) return doc.body.textContent ?? '';
  return blocks
    .map((p) => {
      p.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
      return p.textContent ?? '';
    })
    .join('\n\n');
}
