// A ranked list with inline bars (top artists, reasons, devices): lighter and
// more readable than a canvas for names.

import { h, type Child } from './dom';

export interface BarRow {
  label: string;
  sub?: string | null; // second line (e.g. the artist of a track)
  value: number | null; // bar length; null draws no bar
  display: string; // the figure shown at the right
  extra?: Child; // something after the label (a badge)
  title?: string; // hover text
}

export function barList(
  rows: readonly BarRow[],
  opts: { ranked?: boolean; max?: number; colour?: string; limit?: number; more?: string } = {},
): HTMLElement {
  const max = opts.max ?? Math.max(0, ...rows.map((r) => r.value ?? 0));
  const list = h('ol', { class: `barlist${opts.ranked ? ' ranked' : ''}` });
  rows.forEach((r, i) => {
    const width = r.value !== null && max > 0 ? Math.max(0.5, (100 * r.value) / max) : 0;
    const li = h(
      'li',
      { title: r.title ?? null, class: opts.limit !== undefined && i >= opts.limit ? 'extra' : null },
      opts.ranked ? h('span', { class: 'rank' }, String(i + 1)) : null,
      h(
        'span',
        { class: 'what' },
        h('span', { class: 'name' }, r.label, r.extra ?? null),
        r.sub ? h('span', { class: 'sub' }, r.sub) : null,
        h('span', { class: 'bar' }, h('span', { style: `width:${width.toFixed(2)}%${opts.colour ? `;background:${opts.colour}` : ''}` })),
      ),
      h('span', { class: 'fig' }, r.display),
    );
    list.appendChild(li);
  });
  if (opts.limit !== undefined && rows.length > opts.limit) {
    list.classList.add('collapsed');
    const btn = h('button', { type: 'button', class: 'more' }, opts.more ?? `Show all ${rows.length}`);
    btn.addEventListener('click', () => {
      const collapsed = list.classList.toggle('collapsed');
      btn.textContent = collapsed ? (opts.more ?? `Show all ${rows.length}`) : 'Show fewer';
    });
    return h('div', { class: 'barlist-wrap' }, list, btn);
  }
  return h('div', { class: 'barlist-wrap' }, list);
}
