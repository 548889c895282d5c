// Small DOM pieces shared by the co-op views.

import { h, type Child } from '../shared/dom';

/** The page header: brand and, when given, the right-hand side. */
export function topbar(...right: Child[]): HTMLElement {
  return h(
    'header',
    { class: 'coop-top' },
    h('div', { class: 'coop-top-inner' }, h('a', { class: 'brand', href: '#/dashboard' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '♪'), 'chorus co-op'), h('div', { class: 'coop-top-right' }, ...right)),
  );
}

/** A card section with an h2. */
export function card(id: string, title: string, ...body: Child[]): HTMLElement {
  return h('section', { class: 'section coop-card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...body);
}

/** A labelled form field; the input gets the id. */
export function field(label: string, input: HTMLInputElement, hint?: string): HTMLElement {
  const id = input.id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint muted', id: `${id}-hint` }, hint) : null);
}

/** A message box that screen readers announce; hidden while empty. */
export function messageBox(kind: 'error' | 'info', id: string): HTMLElement & { say(text: string | null): void } {
  const el = h('p', { class: kind === 'error' ? 'form-error' : 'form-info', id, role: kind === 'error' ? 'alert' : 'status', hidden: true }) as unknown as HTMLElement & {
    say(text: string | null): void;
  };
  el.say = (text) => {
    el.textContent = text ?? '';
    el.hidden = !text;
  };
  return el;
}

/** Put keyboard focus on a view's heading after navigation. */
export function focusHeading(root: HTMLElement): void {
  const h1 = root.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: true });
  }
}
