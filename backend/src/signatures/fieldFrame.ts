/**
 * A field's rectangle as the reader sees it on a page shown rotated (/Rotate 90, 180 or 270). Field rectangles
 * are in the page's unrotated user space (what pdf.js's convertToPdfPoint gives), but what is drawn in them must
 * stand upright on screen: the frame says where the field's on-screen bottom-left corner lies in user space,
 * which way its on-screen "right" and "up" point, and how wide and high it looks, so drawing code can work in
 * on-screen terms and rotate text and pictures by the page's angle.
 */
import type { PDFPage } from 'pdf-lib';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FieldFrame {
  /** Degrees counter-clockwise to turn what is drawn, the page's /Rotate. */
  angle: number;
  /** On-screen size of the field. */
  width: number;
  height: number;
  /** User-space point `along` to the right of and `up` above the field's on-screen bottom-left corner. */
  at(along: number, up: number): { x: number; y: number };
}

export function fieldFrame(page: PDFPage, rect: Rect): FieldFrame {
  const given = page.getRotation().angle;
  const angle = given % 90 === 0 ? ((given % 360) + 360) % 360 : 0;
  const { x, y, width, height } = rect;
  // On-screen bottom-left corner, and the user-space directions of on-screen right and up, per rotation.
  const frames: Record<number, { origin: [number, number]; right: [number, number]; up: [number, number] }> = {
    0: { origin: [x, y], right: [1, 0], up: [0, 1] },
    90: { origin: [x + width, y], right: [0, 1], up: [-1, 0] },
    180: { origin: [x + width, y + height], right: [-1, 0], up: [0, -1] },
    270: { origin: [x, y + height], right: [0, -1], up: [1, 0] },
  };
  const { origin, right, up } = frames[angle]!;
  const sideways = angle === 90 || angle === 270;
  return {
    angle,
    width: sideways ? height : width,
    height: sideways ? width : height,
    at: (along, upward) => ({ x: origin[0] + along * right[0] + upward * up[0], y: origin[1] + along * right[1] + upward * up[1] }),
  };
}
