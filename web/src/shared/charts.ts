// Chart.js, tree-shaken: only the controllers, elements, scales and plugins
// registered here end up in the bundle. Charts are static (no animation) so a
// report prints and screenshots the same every time.

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type TooltipItem,
} from 'chart.js';
import { h } from './dom';
import { fmtMonth, fmtCompact, fmtPct, monthAbbr } from './format';
import { alpha, fontStack, palette } from './theme';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
);

Chart.defaults.font.family = fontStack;
Chart.defaults.font.size = 12;
Chart.defaults.color = palette.muted;
Chart.defaults.borderColor = palette.grid;
Chart.defaults.animation = false;
Chart.defaults.responsive = true;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.legend.labels.usePointStyle = true;
Chart.defaults.plugins.legend.labels.boxWidth = 8;
Chart.defaults.plugins.legend.labels.boxHeight = 8;
Chart.defaults.plugins.legend.labels.padding = 14;
Chart.defaults.plugins.legend.align = 'end';
Chart.defaults.plugins.tooltip.backgroundColor = 'rgba(29, 32, 51, 0.92)';
Chart.defaults.plugins.tooltip.padding = 10;
Chart.defaults.plugins.tooltip.cornerRadius = 8;
Chart.defaults.plugins.tooltip.boxPadding = 4;
Chart.defaults.plugins.tooltip.usePointStyle = true;
Chart.defaults.elements.bar.borderRadius = 3;
Chart.defaults.elements.line.tension = 0.3;
Chart.defaults.elements.line.cubicInterpolationMode = 'monotone'; // no overshoot below 0 or above 100 %
Chart.defaults.elements.line.borderWidth = 2;
Chart.defaults.elements.point.radius = 0;
Chart.defaults.elements.point.hoverRadius = 4;
Chart.defaults.elements.point.hitRadius = 8;

const pending: { canvas: HTMLCanvasElement; config: ChartConfiguration }[] = [];
const live: Chart[] = [];

/**
 * A chart in a fixed-height box. The Chart is created once the canvas is in
 * the document (call drawPendingCharts() after mounting); a box already in the
 * document draws at once.
 */
export function chartBox(config: ChartConfiguration, opts: { height?: number; label?: string } = {}): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': opts.label ?? 'chart' });
  const box = h('div', { class: 'chart', style: `height:${opts.height ?? 260}px` }, canvas);
  if (canvas.isConnected) live.push(new Chart(canvas, config));
  else pending.push({ canvas, config });
  return box;
}

/** Create every chart whose canvas is now in the document. */
export function drawPendingCharts(): void {
  for (let i = 0; i < pending.length; ) {
    const p = pending[i]!;
    if (p.canvas.isConnected) {
      live.push(new Chart(p.canvas, p.config));
      pending.splice(i, 1);
    } else i++;
  }
}

/** Destroy every chart (for tests and for a later single-page app). */
export function destroyCharts(): void {
  for (const c of live.splice(0)) c.destroy();
  pending.length = 0;
}


/** A category axis of "YYYY-MM" labels that names each January by its year. */
export function monthAxis(labels: readonly string[]): Record<string, unknown> {
  return {
    type: 'category',
    grid: { display: false },
    ticks: {
      autoSkip: false,
      maxRotation: 0,
      callback: (_v: unknown, i: number) => {
        const l = labels[i];
        if (!l) return '';
        const month = Number(l.slice(5, 7));
        if (labels.length <= 14) return monthAbbr(month);
        if (month === 1) return l.slice(0, 4);
        if (i === 0 && labels.length > 1 && Number(labels[1]!.slice(5, 7)) !== 1 && month <= 9) return l.slice(0, 4);
        return '';
      },
    },
  };
}

/** A y axis of counts, with compact tick labels. */
export function countAxis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'linear',
    beginAtZero: true,
    grid: { color: palette.grid },
    border: { display: false },
    ticks: { callback: (v: unknown) => fmtCompact(v), maxTicksLimit: 6 },
    ...extra,
  };
}

/** A y axis of shares in [0, 1], labelled as percentages. */
export function pctAxis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'linear',
    min: 0,
    max: 1,
    grid: { color: palette.grid },
    border: { display: false },
    ticks: { callback: (v: unknown) => fmtPct(v), stepSize: 0.25 },
    ...extra,
  };
}

/** Tooltip title for month axes: "2021-03" → "Mar 2021". */
export function monthTooltipTitle(items: TooltipItem<'bar' | 'line'>[]): string {
  const l = items[0]?.label;
  return l ? fmtMonth(l, true) : '';
}

/** A filled bar dataset in a palette colour. */
export function barSet(label: string, data: (number | null)[], colour: string, extra: Record<string, unknown> = {}): ChartDataset<'bar', (number | null)[]> {
  return {
    type: 'bar',
    label,
    data,
    backgroundColor: alpha(colour, 0.85),
    hoverBackgroundColor: colour,
    borderWidth: 0,
    ...extra,
  } as ChartDataset<'bar', (number | null)[]>;
}

/** A line dataset in a palette colour; nulls leave gaps (unknown is not 0). */
export function lineSet(label: string, data: (number | null)[], colour: string, extra: Record<string, unknown> = {}): ChartDataset<'line', (number | null)[]> {
  return {
    type: 'line',
    label,
    data,
    borderColor: colour,
    backgroundColor: alpha(colour, 0.12),
    pointBackgroundColor: colour,
    spanGaps: false,
    ...extra,
  } as ChartDataset<'line', (number | null)[]>;
}

export { Chart };
