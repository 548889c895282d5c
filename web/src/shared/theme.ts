// One palette for every chart and heatmap; base.css holds the same colours as
// CSS variables for the page itself.

export const palette = {
  ink: '#1d2033',
  muted: '#5d6278',
  faint: '#8a8fa6',
  grid: '#e9ebf3',
  surface: '#ffffff',
  indigo: '#5146d8',
  teal: '#0e9f8e',
  coral: '#ee5d50',
  amber: '#e9a215',
  sky: '#2d8fdb',
  pink: '#d6488c',
  violet: '#8a4fd8',
  slate: '#6b7289',
} as const;

/** Series colours, in the order charts use them. */
export const series = [
  palette.indigo,
  palette.teal,
  palette.coral,
  palette.amber,
  palette.sky,
  palette.pink,
  palette.violet,
  palette.slate,
] as const;

export function seriesColour(i: number): string {
  return series[((i % series.length) + series.length) % series.length]!;
}

/** Heat scale, level 0 (no plays) … 4 (busiest quarter). */
export const heat = ['#eceef5', '#cfcbf7', '#9f95ee', '#6d5fe0', '#3f2fb8'] as const;

/** A colour with alpha: alpha('#5146d8', 0.2) → 'rgba(81, 70, 216, 0.2)'. */
export function alpha(hex: string, a: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${a})`;
}

export const fontStack =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';
