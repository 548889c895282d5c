// Tiny DOM builders. Text always goes in as text nodes (never innerHTML), so
// names from a listening history cannot inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element: h('div', {class: 'card'}, 'text', child). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element: s('rect', {x: 0, y: 0, width: 10, height: 10}). */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** The short "nothing to show" line a section shows instead of a chart. */
export function note(text: string): HTMLElement {
  return h('p', { class: 'note', 'data-empty': true }, text);
}

/** A segmented control (radio-like buttons). Calls onChange with the chosen value. */
export function segmented<T extends string>(
  label: string,
  options: readonly { value: T; label: string }[],
  initial: T,
  onChange: (v: T) => void,
): HTMLElement {
  const group = h('div', { class: 'seg', role: 'group', 'aria-label': label });
  const buttons = options.map((o) => {
    const b = h('button', { type: 'button', 'data-value': o.value, 'aria-pressed': o.value === initial ? 'true' : 'false' }, o.label);
    b.addEventListener('click', () => {
      for (const other of buttons) other.setAttribute('aria-pressed', other === b ? 'true' : 'false');
      onChange(o.value);
    });
    return b;
  });
  append(group, buttons);
  return group;
}
