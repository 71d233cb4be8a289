import { HIGHLIGHT_COLORS, type HighlightColor } from '../../colors.ts';

/**
 * Codes carry any `#RRGGBB`; Marginalia's tags use its six highlight colours. Writing gives each
 * colour its strong swatch (the one the report and the tags view draw); reading takes the
 * nearest of the six, so a code that was green in NVivo is green here.
 */
export const COLOR_HEX: Record<HighlightColor, string> = {
  yellow: '#D9A800',
  green: '#3F9A3A',
  blue: '#3A78D4',
  pink: '#D2457D',
  purple: '#8052D0',
  orange: '#DD7413',
};

function rgb(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** The highlight colour nearest to a code's colour (by hue first, so pale and dark match). */
export function nearestColor(hex: string | null | undefined): HighlightColor | null {
  const target = hex ? rgb(hex) : null;
  if (!target) return null;
  let best: HighlightColor | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const [th, ts] = hueSat(target);
  for (const color of HIGHLIGHT_COLORS) {
    const [h, s] = hueSat(rgb(COLOR_HEX[color])!);
    // Greys have no hue: compare them by plain distance in RGB instead.
    const distance =
      ts < 0.12
        ? rgbDistance(target, rgb(COLOR_HEX[color])!)
        : Math.min(Math.abs(th - h), 360 - Math.abs(th - h)) + Math.abs(ts - s) * 30;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = color;
    }
  }
  return best;
}

const rgbDistance = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

function hueSat([r, g, b]: readonly number[]): [number, number] {
  const [R, G, B] = [r! / 255, g! / 255, b! / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const d = max - min;
  if (d === 0) return [0, 0];
  const s = d / max;
  let h: number;
  if (max === R) h = ((G - B) / d) % 6;
  else if (max === G) h = (B - R) / d + 2;
  else h = (R - G) / d + 4;
  return [(h * 60 + 360) % 360, s];
}
