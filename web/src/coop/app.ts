// The co-op web UI: hash routes #/signup, #/login, #/dashboard, #/report.
// Anchors that are not routes (the report's own "#years" links) are left to
// the browser.

import { h } from '../shared/dom';
import { renderReport } from '../report/render';
import { parseReport } from '../report/shape';
import { ApiError, Api } from './api';
import { renderLogin, renderSignup } from './auth';
import { renderDashboard } from './dashboard';
import { parseRoute, resolveRoute, type Route } from './logic';
import type { Member } from './types';
import { focusHeading, topbar } from './ui';

export class CoopApp {
  private member: Member | null = null;
  private report: unknown = undefined;
  private flash: string | null = null;
  private current: Route | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: Api = new Api(),
  ) {}

  async start(): Promise<void> {
    this.root.replaceChildren(h('p', { class: 'loading muted', role: 'status' }, 'Loading…'));
    try {
      this.member = await this.api.me();
    } catch (e) {
      if (!(e instanceof ApiError && e.unauthorized)) {
        this.fatal(e);
        return;
      }
      this.member = null;
    }
    window.addEventListener('hashchange', () => this.route());
    this.route();
    if (this.current === null) this.go(resolveRoute('dashboard', this.member !== null)); // opened at a bare anchor
  }

  private fatal(e: unknown): void {
    const retry = h('button', { type: 'button', class: 'primary' }, 'Try again');
    retry.addEventListener('click', () => void this.start());
    this.root.replaceChildren(
      h('div', { class: 'fatal', role: 'alert' }, h('h1', null, 'The co-op cannot be reached'), h('p', null, e instanceof ApiError ? e.message : String(e)), h('p', null, retry)),
    );
  }

  /** Show the view the hash asks for (or the one we may show instead). */
  route(): void {
    const wanted = parseRoute(window.location.hash);
    if (wanted === null) return;
    const target = resolveRoute(wanted, this.member !== null);
    if (`#/${target}` !== window.location.hash) history.replaceState(null, '', `#/${target}`);
    this.render(target);
  }

  /** Navigate (also re-renders when already there). */
  go(route: Route): void {
    if (window.location.hash === `#/${route}`) this.render(route);
    else window.location.hash = `#/${route}`;
  }

  private takeFlash = (): string | null => {
    const f = this.flash;
    this.flash = null;
    return f;
  };

  private loggedIn = async (): Promise<void> => {
    this.member = await this.api.me();
    this.go('dashboard');
  };

  private loggedOut = (flash: string | null, route: 'signup' | 'login'): void => {
    this.member = null;
    this.report = undefined;
    this.api.csrf = null;
    this.flash = flash;
    this.go(route);
  };

  private render(route: Route): void {
    const first = this.current === null;
    this.current = route;
    document.title = { signup: 'Join — chorus co-op', login: 'Log in — chorus co-op', dashboard: 'Your membership — chorus co-op', report: 'My report — chorus co-op' }[route];
    window.scrollTo(0, 0);
    if (route === 'signup' || route === 'login') {
      const ctx = { api: this.api, loggedIn: this.loggedIn, takeFlash: this.takeFlash };
      if (route === 'signup') renderSignup(this.root, ctx);
      else renderLogin(this.root, ctx);
    } else if (route === 'report') {
      this.renderReportView();
    } else if (this.member) {
      renderDashboard(this.root, {
        api: this.api,
        member: this.member,
        report: () => this.report,
        setReport: (r) => {
          this.report = r;
        },
        loggedOut: this.loggedOut,
      });
    }
    if (!first) focusHeading(this.root);
  }

  private renderReportView(): void {
    const back = h('a', { href: '#/dashboard' }, '← Back to my membership');
    const holder = h('div', { class: 'report-holder' });
    const parsed = this.report === undefined ? null : parseReport(JSON.stringify(this.report));
    if (parsed?.ok) {
      this.root.replaceChildren(topbar(back), holder);
      renderReport(parsed.report, holder);
      return;
    }
    this.root.replaceChildren(
      topbar(back),
      h(
        'main',
        { class: 'coop-narrow', 'data-view': 'report' },
        h('h1', null, 'My report'),
        h(
          'p',
          { class: 'note', id: 'report-howto' },
          parsed && !parsed.ok ? `The report that came with your upload cannot be shown: ${parsed.error} ` : 'There is no report from an upload in this visit. ',
          'Make it on your own computer with ',
          h('code', null, 'chorus report YOUR-EXPORT.zip -o report.html'),
          ' — it opens in any browser and loads nothing from the internet.',
        ),
      ),
    );
  }
}
