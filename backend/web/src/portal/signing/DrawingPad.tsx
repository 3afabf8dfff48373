/**
 * A pad to draw a signature on with a mouse, a pen or a finger (pointer events; the pad takes the touch so the page
 * does not scroll while drawing). Strokes are kept as points in CSS pixels and redrawn on resize, so undo and a
 * phone turning sideways lose nothing; the picture handed on is a PNG of the ink only.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowUndo20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';

type Stroke = { x: number; y: number }[];

const INK = '#0d1a59';
/** Points kept at most: enough for any signature, and a bound on memory and on the PNG. */
const MAX_POINTS = 20_000;
const HEIGHT = 180;

const useStyles = makeStyles({
  pad: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  canvas: {
    width: '100%',
    height: `${HEIGHT}px`,
    touchAction: 'none',
    cursor: 'crosshair',
    backgroundColor: '#ffffff',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundImage: `linear-gradient(to top, transparent 44px, ${tokens.colorNeutralStroke2} 44px, ${tokens.colorNeutralStroke2} 45px, transparent 45px)`,
  },
  tools: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3, marginInlineEnd: 'auto' },
});

function draw(canvas: HTMLCanvasElement, strokes: Stroke[]) {
  const ratio = canvas.width / Math.max(1, canvas.clientWidth);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    if (stroke.length === 1) {
      ctx.beginPath();
      ctx.arc(stroke[0]!.x, stroke[0]!.y, 1.5, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(stroke[0]!.x, stroke[0]!.y);
    // Through the midpoints: smooth curves from jagged pointer samples.
    for (let i = 1; i < stroke.length - 1; i += 1) {
      const p = stroke[i]!;
      const q = stroke[i + 1]!;
      ctx.quadraticCurveTo(p.x, p.y, (p.x + q.x) / 2, (p.y + q.y) / 2);
    }
    const last = stroke[stroke.length - 1]!;
    ctx.lineTo(last.x, last.y);
    ctx.stroke();
  }
}

/** The ink as a PNG (base64, no data: prefix), cropped to the strokes with a margin; null when nothing is drawn. */
export function strokesToPng(strokes: Stroke[]): string | null {
  const points = strokes.flat();
  if (!points.length) return null;
  const margin = 6;
  const minX = Math.min(...points.map((p) => p.x)) - margin;
  const minY = Math.min(...points.map((p) => p.y)) - margin;
  const width = Math.max(...points.map((p) => p.x)) - minX + margin;
  const height = Math.max(...points.map((p) => p.y)) - minY + margin;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  Object.assign(canvas.style, { width: `${width}px`, height: `${height}px` });
  const shifted = strokes.map((s) => s.map((p) => ({ x: p.x - minX, y: p.y - minY })));
  // draw() reads the CSS size for its scale; a detached canvas has none, so scale here instead.
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of shifted) {
    ctx.beginPath();
    ctx.moveTo(stroke[0]!.x, stroke[0]!.y);
    for (const p of stroke.slice(1)) ctx.lineTo(p.x, p.y);
    if (stroke.length === 1) ctx.arc(stroke[0]!.x, stroke[0]!.y, 1.5, 0, Math.PI * 2);
    ctx.stroke();
  }
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

export function DrawingPad({ onChange }: { onChange: (strokes: Stroke[]) => void }) {
  const styles = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const strokesRef = useRef(strokes);
  const drawing = useRef<Stroke | null>(null);

  const redraw = useCallback((all: Stroke[]) => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = Math.round(element.clientWidth * ratio);
    const height = Math.round(element.clientHeight * ratio);
    if (element.width !== width || element.height !== height) Object.assign(element, { width, height });
    draw(element, all);
  }, []);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const observer = new ResizeObserver(() => redraw(strokesRef.current));
    observer.observe(element);
    return () => observer.disconnect();
  }, [redraw]);

  const update = (next: Stroke[]) => {
    strokesRef.current = next;
    setStrokes(next);
    redraw(next);
    onChange(next);
  };

  const at = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const total = () => strokesRef.current.reduce((n, s) => n + s.length, 0);

  const down = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 || total() >= MAX_POINTS) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = [at(event)];
    update([...strokesRef.current, drawing.current]);
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || total() >= MAX_POINTS) return;
    drawing.current.push(at(event));
    strokesRef.current = [...strokesRef.current];
    redraw(strokesRef.current);
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = null;
    update([...strokesRef.current]);
  };

  return (
    <div className={styles.pad}>
      <canvas
        ref={canvas}
        className={styles.canvas}
        role="img"
        aria-label={strokes.length ? 'Your drawn signature' : 'Signature pad: draw your signature here'}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <div className={styles.tools}>
        <Text size={200} className={styles.hint}>
          Draw with your mouse, pen or finger above the line.
        </Text>
        <Button size="small" icon={<ArrowUndo20Regular />} disabled={!strokes.length} onClick={() => update(strokesRef.current.slice(0, -1))}>
          Undo
        </Button>
        <Button size="small" icon={<Delete20Regular />} disabled={!strokes.length} onClick={() => update([])}>
          Clear
        </Button>
      </div>
    </div>
  );
}

export type { Stroke };
