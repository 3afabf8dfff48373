/**
 * One page with the fields placed on it. A click on the page adds a field there; a field is dragged to move it,
 * dragged by its corner to resize it, and selected to change or delete it. With the keyboard, a focused field moves
 * with the arrow keys (Shift: further), grows or shrinks with Alt+arrows, and Delete removes it. Positions are in
 * page points; the page scales to its column, so the same field sits in the same place at any width.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import { clampToPage, kindLabel, type DraftField, type PageSize } from './draft';

const useStyles = makeStyles({
  page: {
    position: 'relative',
    width: '100%',
    backgroundColor: '#ffffff',
    boxShadow: tokens.shadow8,
    cursor: 'crosshair',
    touchAction: 'pan-y',
    userSelect: 'none',
  },
  backdrop: { position: 'absolute', inset: 0, pointerEvents: 'none' },
  field: {
    position: 'absolute',
    boxSizing: 'border-box',
    border: '2px solid transparent',
    borderRadius: tokens.borderRadiusSmall,
    cursor: 'move',
    touchAction: 'none',
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
  handle: {
    position: 'absolute',
    right: '-2px',
    bottom: '-2px',
    width: '12px',
    height: '12px',
    cursor: 'nwse-resize',
    touchAction: 'none',
  },
});

interface Props {
  pageNumber: number;
  size: PageSize;
  fields: DraftField[];
  selected: string | null;
  colourOf: (signer: string) => string;
  nameOf: (signer: string) => string;
  /** What is drawn under the fields: the rendered page. */
  backdrop?: ReactNode;
  onAdd: (at: { x: number; y: number }) => void;
  onSelect: (key: string) => void;
  onChange: (field: DraftField) => void;
  onRemove: (key: string) => void;
}

type Gesture = { key: string; mode: 'move' | 'resize'; startX: number; startY: number; origin: DraftField; moved: boolean };

/** Below this many pixels a press is a click, not a drag. */
const CLICK_SLOP = 4;

export function PagePlacement({ pageNumber, size, fields, selected, colourOf, nameOf, backdrop, onAdd, onSelect, onChange, onRemove }: Props) {
  const styles = useStyles();
  const surface = useRef<HTMLDivElement>(null);
  const gesture = useRef<Gesture | null>(null);

  /** Points per pixel at the page's current width. */
  const scale = () => size.width / (surface.current?.getBoundingClientRect().width || size.width);
  const percent = (n: number, of: number) => `${(n / of) * 100}%`;

  // a click, not a press: a finger that scrolls the pages places nothing
  const clickPage = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target !== surface.current || event.button !== 0) return;
    const rect = surface.current.getBoundingClientRect();
    onAdd({ x: (event.clientX - rect.left) * scale(), y: (event.clientY - rect.top) * scale() });
  };

  const pressField = (field: DraftField, mode: Gesture['mode']) => (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.current = { key: field.key, mode, startX: event.clientX, startY: event.clientY, origin: field, moved: false };
    onSelect(field.key);
  };
  const drag = (event: PointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (!g) return;
    const dx = event.clientX - g.startX;
    const dy = event.clientY - g.startY;
    if (!g.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
    g.moved = true;
    const s = scale();
    const o = g.origin;
    const next = g.mode === 'move' ? { ...o, left: o.left + dx * s, top: o.top + dy * s } : { ...o, width: o.width + dx * s, height: o.height + dy * s };
    onChange(clampToPage(next, size));
  };
  const release = () => {
    gesture.current = null;
  };

  const keys = (field: DraftField) => (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 20 : 2;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const [dx, dy] = arrow;
      const next = event.altKey ? { ...field, width: field.width + dx, height: field.height + dy } : { ...field, left: field.left + dx, top: field.top + dy };
      onChange(clampToPage(next, size));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onRemove(field.key);
    }
  };

  return (
    <div
      ref={surface}
      className={styles.page}
      style={{ aspectRatio: `${size.width} / ${size.height}` }}
      onClick={clickPage}
      role="group"
      aria-label={`Page ${pageNumber}: click to place a field`}
    >
      {backdrop && <div className={styles.backdrop}>{backdrop}</div>}
      {fields.map((field) => {
        const colour = colourOf(field.signer);
        const label = `${kindLabel(field.kind)}${field.required ? '' : ' (optional)'} for ${nameOf(field.signer)}, page ${pageNumber}`;
        return (
          <div
            key={field.key}
            tabIndex={0}
            role="button"
            aria-label={label}
            aria-pressed={selected === field.key}
            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Delete"
            title={`${label}. Drag to move, drag the corner to resize; arrow keys move it, Alt+arrows resize, Delete removes.`}
            data-field-kind={field.kind}
            data-field-key={field.key}
            className={mergeClasses(styles.field, selected === field.key && styles.selected)}
            style={{
              left: percent(field.left, size.width),
              top: percent(field.top, size.height),
              width: percent(field.width, size.width),
              height: percent(field.height, size.height),
              borderColor: colour,
              color: colour,
              backgroundColor: `${colour}1f`,
              borderStyle: field.required ? 'solid' : 'dashed',
            }}
            onPointerDown={pressField(field, 'move')}
            onPointerMove={drag}
            onPointerUp={release}
            onPointerCancel={release}
            onFocus={() => onSelect(field.key)}
            onKeyDown={keys(field)}
          >
            {field.kind === 'checkbox' ? '' : kindLabel(field.kind)}
            <span
              className={styles.handle}
              style={{ backgroundColor: colour }}
              aria-hidden
              onPointerDown={pressField(field, 'resize')}
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
