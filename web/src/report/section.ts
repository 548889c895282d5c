import { h, type Child } from '../shared/dom';
import type { SectionName } from './types';

/** A report section: <section data-section=NAME> with its h2 and a one-line explanation. */
export function section(name: SectionName, title: string, intro: string | null, ...body: Child[]): HTMLElement {
  return h(
    'section',
    { 'data-section': name, id: name, class: 'section', 'aria-labelledby': `${name}-title` },
    h('header', { class: 'section-head' }, h('h2', { id: `${name}-title` }, title), intro ? h('p', { class: 'intro' }, intro) : null),
    ...body,
  );
}

/** A titled panel inside a section (one chart or list). */
export function panel(title: string | null, ...body: Child[]): HTMLElement {
  return h('div', { class: 'panel' }, title ? h('h3', null, title) : null, ...body);
}

/** A small stat tile: big value, label, optional sub line. */
export function tile(label: string, value: string, sub?: string | null, attrs: Record<string, string> = {}): HTMLElement {
  return h(
    'div',
    { class: 'tile', ...attrs },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value' }, value),
    sub ? h('div', { class: 'tile-sub' }, sub) : null,
  );
}

/** A simple table: header cells and rows of cells (strings or nodes). */
export function table(head: string[], rows: Child[][], opts: { numeric?: number[]; cls?: string } = {}): HTMLElement {
  const num = new Set(opts.numeric ?? []);
  return h(
    'div',
    { class: `table-wrap ${opts.cls ?? ''}` },
    h(
      'table',
      null,
      h('thead', null, h('tr', null, head.map((c, i) => h('th', { class: num.has(i) ? 'num' : null, scope: 'col' }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => h('td', { class: num.has(i) ? 'num' : null }, c))))),
    ),
  );
}
