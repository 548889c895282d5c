// The sign-up and log-in views.

import { h } from '../shared/dom';
import { ApiError, type Api } from './api';
import { emailProblem, PASSWORD_POLICY, passwordProblem } from './logic';
import type { Charter } from './types';
import { field, messageBox, topbar } from './ui';

export interface AuthContext {
  api: Api;
  /** called after a successful sign-up or login */
  loggedIn(): Promise<void>;
  /** a one-off message to show (e.g. after erasure), consumed by the view */
  takeFlash(): string | null;
}

function input(id: string, type: string, autocomplete: string): HTMLInputElement {
  return h('input', { id, name: id.replace(/^.*-/, ''), type, autocomplete, required: true, spellcheck: 'false' });
}

function busy(button: HTMLButtonElement, on: boolean, label: string): void {
  button.disabled = on;
  button.textContent = label;
  button.setAttribute('aria-busy', on ? 'true' : 'false');
}

function charterBlock(c: Charter): HTMLElement {
  const paras = String(c.text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h('p', null, p));
  return h(
    'div',
    { class: 'charter', id: 'charter-text', tabindex: '0', role: 'region', 'aria-label': `Charter, version ${c.version}`, 'data-version': String(c.version) },
    paras.length ? paras : h('p', { class: 'muted' }, 'The charter text is empty.'),
  );
}

export function renderSignup(root: HTMLElement, ctx: AuthContext): void {
  const email = input('signup-email', 'email', 'email');
  const password = input('signup-password', 'password', 'new-password');
  const accept = h('input', { id: 'signup-accept', type: 'checkbox', required: true, disabled: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign up');
  const error = messageBox('error', 'signup-error');
  const info = messageBox('info', 'signup-info');
  const charterHolder = h('div', { class: 'charter-holder', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the charter…'));
  const acceptLabel = h('label', { for: 'signup-accept' }, 'I have read the charter and accept it');

  const form = h(
    'form',
    { class: 'coop-form', novalidate: true, 'aria-labelledby': 'signup-title' },
    field('E-mail', email),
    field('Password', password, PASSWORD_POLICY),
    h('h2', { class: 'charter-title', id: 'charter-title' }, 'The co-op charter'),
    charterHolder,
    h('div', { class: 'check-field' }, accept, acceptLabel),
    error,
    h('div', { class: 'actions' }, submit),
  );

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problem = emailProblem(email.value) ?? passwordProblem(password.value) ?? (accept.checked ? null : 'Please read the charter and tick the box to accept it.');
    if (problem) {
      error.say(problem);
      return;
    }
    error.say(null);
    busy(submit, true, 'Signing up…');
    try {
      await ctx.api.signup(email.value.trim(), password.value);
      await ctx.loggedIn();
    } catch (e) {
      error.say(e instanceof ApiError ? e.message : String(e));
      busy(submit, false, 'Sign up');
    }
  });

  root.replaceChildren(
    topbar(h('a', { href: '#/login' }, 'Log in')),
    h(
      'main',
      { class: 'coop-narrow', 'data-view': 'signup' },
      h('h1', { id: 'signup-title' }, 'Join the co-op'),
      h('p', { class: 'lede muted' }, 'Members own the data they contribute, decide together who may use it, and share what buyers pay.'),
      info,
      form,
      h('p', { class: 'switch' }, 'Already a member? ', h('a', { href: '#/login' }, 'Log in')),
    ),
  );
  info.say(ctx.takeFlash());

  ctx.api
    .charter()
    .then((c) => {
      charterHolder.replaceChildren(charterBlock(c));
      charterHolder.setAttribute('aria-busy', 'false');
      acceptLabel.textContent = `I have read the charter (version ${c.version}) and accept it`;
      accept.disabled = false;
    })
    .catch((e: unknown) => {
      charterHolder.setAttribute('aria-busy', 'false');
      charterHolder.replaceChildren(h('p', { class: 'error-box', role: 'alert' }, `The charter could not be loaded, so you cannot join yet: ${e instanceof ApiError ? e.message : String(e)}`));
      submit.disabled = true;
    });
}

export function renderLogin(root: HTMLElement, ctx: AuthContext): void {
  const email = input('login-email', 'email', 'email');
  const password = input('login-password', 'password', 'current-password');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const error = messageBox('error', 'login-error');
  const info = messageBox('info', 'login-info');
  const form = h('form', { class: 'coop-form', novalidate: true, 'aria-labelledby': 'login-title' }, field('E-mail', email), field('Password', password), error, h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problem = emailProblem(email.value) ?? (password.value ? null : 'Enter your password.');
    if (problem) {
      error.say(problem);
      return;
    }
    error.say(null);
    busy(submit, true, 'Logging in…');
    try {
      await ctx.api.login(email.value.trim(), password.value);
      await ctx.loggedIn();
    } catch (e) {
      error.say(e instanceof ApiError ? e.message : String(e));
      busy(submit, false, 'Log in');
    }
  });

  root.replaceChildren(
    topbar(h('a', { href: '#/signup' }, 'Sign up')),
    h(
      'main',
      { class: 'coop-narrow', 'data-view': 'login' },
      h('h1', { id: 'login-title' }, 'Log in'),
      info,
      form,
      h('p', { class: 'switch' }, 'Not a member yet? ', h('a', { href: '#/signup' }, 'Sign up')),
    ),
  );
  info.say(ctx.takeFlash());
}
