/**
 * A PDF's pages one under the other, each scaled to the width it is given, drawn with pdf.js only while near the
 * viewport (pages further away give their canvas back) and within a pixel budget, so a long or hostile document
 * cannot exhaust the tab. Anything the caller lays over a page (fields to fill or to place) goes through
 * `renderOverlay`, which gets the page's geometry: PDF rectangles to CSS pixels and back.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PageViewport } from 'pdfjs-dist';
import { MAX_SHOWN_PAGES, type OpenedPdf } from './pdfDocument';

/** A rectangle in the page's PDF user space (points, origin bottom left, unrotated), as the signature API has them. */
export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CssRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PageGeometry {
  pageNumber: number;
  /** The page as shown, in CSS pixels. */
  width: number;
  height: number;
  /** CSS pixels per PDF point. */
  scale: number;
  toCss(rect: PdfRect): CssRect;
  /** The PDF point under a CSS point of the page (left, top from the page's top left corner). */
  toPdf(left: number, top: number): { x: number; y: number };
}

interface Props {
  doc: OpenedPdf;
  /** Accessible name of the page list, e.g. the document's name. */
  label: string;
  renderOverlay?: (page: PageGeometry) => ReactNode;
  /** Widest a page is drawn, in CSS pixels; narrower containers (a phone) scale pages down to fit. */
  maxWidth?: number;
}

/** Most canvas pixels one page may use (phones refuse much larger canvases, and memory is per page). */
const MAX_CANVAS_PIXELS = 4096 * 4096;
const MAX_PAGE_ASPECT = 4;
/** A page that has not drawn by then is given up (a hostile content stream can take very long). */
const RENDER_TIMEOUT_MS = 20_000;

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalL, width: '100%', minWidth: 0 },
  page: {
    position: 'relative',
    backgroundColor: '#ffffff',
    boxShadow: tokens.shadow8,
    flexShrink: 0,
  },
  canvas: { position: 'absolute', inset: 0, width: '100%', height: '100%' },
  overlay: { position: 'absolute', inset: 0 },
  note: { color: tokens.colorNeutralForeground3, textAlign: 'center' },
  failed: { position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

function geometry(pageNumber: number, base: PageViewport, width: number): { viewport: PageViewport; page: PageGeometry } {
  // A page far taller than wide (a hostile 1 x 14,400 pt strip) is scaled by its height instead, so no page is
  // more than MAX_PAGE_ASPECT widths tall on screen.
  const scale = Math.min(width / base.width, (width * MAX_PAGE_ASPECT) / base.height);
  const viewport = base.clone({ scale });
  return {
    viewport,
    page: {
      pageNumber,
      width: viewport.width,
      height: viewport.height,
      scale,
      toCss({ x, y, width: w, height: h }) {
        const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([x, y, x + w, y + h]) as number[];
        return { left: Math.min(x1!, x2!), top: Math.min(y1!, y2!), width: Math.abs(x2! - x1!), height: Math.abs(y2! - y1!) };
      },
      toPdf(left, top) {
        const [x, y] = viewport.convertToPdfPoint(left, top) as number[];
        return { x: x!, y: y! };
      },
    },
  };
}

/** Device pixels per CSS pixel for a page: sharp on high-density screens, within the canvas budget. */
function pixelRatio(width: number, height: number): number {
  const wanted = Math.min(window.devicePixelRatio || 1, 2);
  return Math.min(wanted, Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
}

function PdfPage({ doc, pageNumber, base, width, near, renderOverlay }: {
  doc: OpenedPdf;
  pageNumber: number;
  base: PageViewport;
  width: number;
  near: boolean;
  renderOverlay?: Props['renderOverlay'];
}) {
  const styles = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const { viewport, page } = useMemo(() => geometry(pageNumber, base, width), [pageNumber, base, width]);

  useEffect(() => {
    const target = canvas.current;
    if (!near || !target) return;
    let cancelled = false;
    let task: ReturnType<Awaited<ReturnType<OpenedPdf['getPage']>>['render']> | null = null;
    const timer = setTimeout(() => task?.cancel(), RENDER_TIMEOUT_MS);
    // Drawn off screen and copied when complete: after a resize the old picture stays (stretched) until then.
    const buffer = document.createElement('canvas');
    void (async () => {
      try {
        const proxy = await doc.getPage(pageNumber);
        if (cancelled) return;
        const ratio = pixelRatio(viewport.width, viewport.height);
        buffer.width = Math.floor(viewport.width * ratio);
        buffer.height = Math.floor(viewport.height * ratio);
        task = proxy.render({ canvas: buffer, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0], annotationMode: 0 });
        await task.promise;
        if (cancelled) return;
        target.width = buffer.width;
        target.height = buffer.height;
        target.getContext('2d')?.drawImage(buffer, 0, 0);
        setFailed(false);
      } catch {
        // Cancelled by the timeout, or a page pdf.js cannot draw; a cancel from leaving the viewport is no failure.
        if (!cancelled) setFailed(true);
      } finally {
        clearTimeout(timer);
        buffer.width = 0;
        buffer.height = 0;
      }
    })();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      task?.cancel();
    };
  }, [doc, pageNumber, viewport, near]);

  // Far from view: give the pixels back.
  useEffect(() => {
    const target = canvas.current;
    if (!near && target) Object.assign(target, { width: 0, height: 0 });
  }, [near]);

  return (
    <div className={styles.page} style={{ width: viewport.width, height: viewport.height }} data-page={pageNumber} role="group" aria-label={`Page ${pageNumber}`}>
      <canvas ref={canvas} className={styles.canvas} aria-hidden />
      {failed && <Text className={styles.failed}>This page could not be shown.</Text>}
      {renderOverlay && <div className={styles.overlay}>{renderOverlay(page)}</div>}
    </div>
  );
}

/** Pages within this distance of the viewport are drawn; the rest keep only their place. */
const NEAR_MARGIN = '150% 0px';

export function PdfPages({ doc, label, renderOverlay, maxWidth = 880 }: Props) {
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(0);
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set([1]));

  // Pages take the list's width, up to maxWidth.
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => setAvailable(Math.floor(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = list.current;
    if (!element || !available) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((before) => {
          const next = new Set(before);
          for (const entry of entries) {
            const n = Number((entry.target as HTMLElement).dataset.page);
            if (entry.isIntersecting) next.add(n);
            else next.delete(n);
          }
          return next;
        }),
      { rootMargin: NEAR_MARGIN },
    );
    element.querySelectorAll('[data-page]').forEach((page) => observer.observe(page));
    return () => observer.disconnect();
  }, [available, doc]);

  const width = Math.min(available, maxWidth);
  return (
    <div ref={list} className={styles.list} role="region" aria-label={label}>
      {width > 0 &&
        doc.viewports.map((base, i) => (
          <PdfPage key={i + 1} doc={doc} pageNumber={i + 1} base={base} width={width} near={near.has(i + 1)} renderOverlay={renderOverlay} />
        ))}
      {doc.pageCount > doc.viewports.length && (
        <Text className={styles.note}>
          Only the first {MAX_SHOWN_PAGES} of {doc.pageCount} pages are shown here. Download the document to read the rest.
        </Text>
      )}
    </div>
  );
}
