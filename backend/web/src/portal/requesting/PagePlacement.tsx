/**
 * The fields placed on one page, laid over the page PdfPages draws. A click on the page adds a field there; a field
 * is dragged to move it, dragged by its corner to resize it, and selected to change or delete it. With the keyboard,
 * a focused field moves with the arrow keys (Shift: further), grows or shrinks with Alt+arrows, and Delete removes
 * it. Fields are kept in PDF points; the page's geometry turns them into pixels and back, so a field sits in the same
 * place at any width and on a rotated page.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { CssRect, PageGeometry } from '../signing/PdfPages';
import { clampToPage, kindLabel, type DraftField, type PageBox } from './draft';

const useStyles = makeStyles({
  surface: { position: 'absolute', inset: 0, cursor: 'crosshair', userSelect: 'none' },
  field: {
    position: 'absolute',
    boxSizing: 'border-box',
    border: '2px solid transparent',
    borderRadius: tokens.borderRadiusSmall,
    cursor: 'move',
    display: 'flex',
    alignItems: 'center',
    overflow: 'hidden',
    fontSize: '11px',
    lineHeight: '12px',
    fontWeight: tokens.fontWeightSemibold,
    paddingLeft: '3px',
    whiteSpace: 'nowrap',
    ':focus-visible': { outline: `3px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  selected: { boxShadow: `0 0 0 2px #ffffff, 0 0 0 4px ${tokens.colorNeutralForeground1}` },
  handle: { position: 'absolute', right: '-2px', bottom: '-2px', width: '12px', height: '12px', cursor: 'nwse-resize' },
});

interface Props {
  geometry: PageGeometry;
  box: PageBox;
  fields: DraftField[];
  selected: string | null;
  colourOf: (signer: string) => string;
  nameOf: (signer: string) => string;
  onAdd: (at: { x: number; y: number }) => void;
  onSelect: (key: string) => void;
  onChange: (field: DraftField) => void;
  onRemove: (key: string) => void;
}

type Gesture = { mode: 'move' | 'resize'; startX: number; startY: number; origin: DraftField; css: CssRect; moved: boolean };

/** Below this many pixels a press is a click, not a drag. */
const CLICK_SLOP = 4;

export function PagePlacement({ geometry, box, fields, selected, colourOf, nameOf, onAdd, onSelect, onChange, onRemove }: Props) {
  const styles = useStyles();
  const surface = useRef<HTMLDivElement>(null);
  const gesture = useRef<Gesture | null>(null);

  /** A rectangle in page pixels back to PDF points, whichever way the page is turned. */
  const toPdfRect = (field: DraftField, css: CssRect): DraftField => {
    const a = geometry.toPdf(css.left, css.top);
    const b = geometry.toPdf(css.left + css.width, css.top + css.height);
    return clampToPage({ ...field, x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) }, box);
  };

  // a click, not a press: a finger that scrolls the pages places nothing
  const clickPage = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target !== surface.current) return;
    const rect = surface.current.getBoundingClientRect();
    onAdd(geometry.toPdf(event.clientX - rect.left, event.clientY - rect.top));
  };

  const press = (field: DraftField, mode: Gesture['mode']) => (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.current = { mode, startX: event.clientX, startY: event.clientY, origin: field, css: geometry.toCss(field), moved: false };
    onSelect(field.key);
  };
  const drag = (event: PointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (!g) return;
    const dx = event.clientX - g.startX;
    const dy = event.clientY - g.startY;
    if (!g.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
    g.moved = true;
    const css = g.mode === 'move' ? { ...g.css, left: g.css.left + dx, top: g.css.top + dy } : { ...g.css, width: Math.max(6, g.css.width + dx), height: Math.max(6, g.css.height + dy) };
    onChange(toPdfRect(g.origin, css));
  };
  const release = () => {
    gesture.current = null;
  };

  const keys = (field: DraftField) => (event: KeyboardEvent<HTMLDivElement>) => {
    const step = (event.shiftKey ? 20 : 2) * geometry.scale;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const [dx, dy] = arrow;
      const css = geometry.toCss(field);
      const next = event.altKey ? { ...css, width: Math.max(6, css.width + dx), height: Math.max(6, css.height + dy) } : { ...css, left: css.left + dx, top: css.top + dy };
      onChange(toPdfRect(field, next));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onRemove(field.key);
    }
  };

  return (
    <div ref={surface} className={styles.surface} onClick={clickPage} data-placement-page={geometry.pageNumber}>
      {fields.map((field) => {
        const colour = colourOf(field.signer);
        const css = geometry.toCss(field);
        const label = `${kindLabel(field.kind)}${field.required ? '' : ' (optional)'} for ${nameOf(field.signer)}, page ${field.page}`;
        return (
          <div
            key={field.key}
            tabIndex={0}
            role="button"
            aria-label={label}
            aria-pressed={selected === field.key}
            title={`${label}. Drag to move, drag the corner to resize; arrow keys move it, Alt+arrows resize, Delete removes.`}
            data-field-key={field.key}
            className={mergeClasses(styles.field, selected === field.key && styles.selected)}
            style={{
              ...css,
              borderColor: colour,
              borderStyle: field.required ? 'solid' : 'dashed',
              color: colour,
              backgroundColor: `${colour}24`,
              touchAction: 'none',
            }}
            onPointerDown={press(field, 'move')}
            onPointerMove={drag}
            onPointerUp={release}
            onPointerCancel={release}
            onFocus={() => onSelect(field.key)}
            onKeyDown={keys(field)}
          >
            {field.kind === 'checkbox' ? '' : kindLabel(field.kind)}
            <span
              className={styles.handle}
              style={{ backgroundColor: colour, touchAction: 'none' }}
              aria-hidden
              onPointerDown={press(field, 'resize')}
              onPointerMove={drag}
              onPointerUp={release}
              onPointerCancel={release}
            />
          </div>
        );
      })}
    </div>
  );
}
