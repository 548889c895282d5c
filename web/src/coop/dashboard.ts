// The member's dashboard: upload, stored contribution, consent, report,
// own data (download, erase).

import { h } from '../shared/dom';
import { fmtInt } from '../shared/format';
import { ApiError, type Api } from './api';
import {
  ACCEPT,
  checksOf,
  components,
  fmtScore,
  fmtWhen,
  latestReport,
  outcomeHeadline,
  qualityOf,
  SCOPE_INFO,
  uploadAll,
  type UploadOutcome,
} from './logic';
import type { Check, Consents, Member, MyContributions, Quality, Scope } from './types';
import { card, messageBox, topbar } from './ui';

export interface DashboardContext {
  api: Api;
  member: Member;
  /** the report JSON of the latest accepted upload of this visit, if it carried one */
  report(): unknown;
  setReport(report: unknown): void;
  loggedOut(flash: string | null, route: 'signup' | 'login'): void;
}

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

// ---------------------------------------------------------------- results

function checkList(checks: readonly Check[]): HTMLElement | null {
  if (!checks.length) return null;
  return h(
    'ul',
    { class: 'checks', 'aria-label': 'Checks' },
    checks.map((c) =>
      h(
        'li',
        { class: c.passed ? 'check passed' : 'check failed', 'data-check': c.id, 'data-passed': c.passed ? 'true' : 'false' },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, c.passed ? '✓' : '✗'),
        h('span', { class: 'sr-only' }, c.passed ? 'Passed: ' : 'Failed: '),
        h('span', { class: 'check-id' }, c.id),
        c.reason ? h('span', { class: 'check-reason' }, c.reason) : null,
      ),
    ),
  );
}

function qualityBlock(q: Quality | null | undefined): HTMLElement | null {
  if (!q || typeof q.score !== 'number') return null;
  const comps = components(q);
  return h(
    'div',
    { class: 'quality' },
    h(
      'div',
      { class: 'score' },
      h('span', { class: 'score-value', 'data-score': String(q.score) }, fmtScore(q.score)),
      h('span', { class: 'score-label' }, 'quality score (0 to 1)'),
      h('meter', { min: 0, max: 1, value: q.score, 'aria-label': 'Quality score' }),
    ),
    comps.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'components compact' },
            h('caption', null, 'How the score is made: the weighted sum of these components'),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Component'), h('th', { scope: 'col', class: 'num' }, 'Value'), h('th', { scope: 'col', class: 'num' }, 'Weight'), h('th', { scope: 'col' }, 'What it measures'))),
            h(
              'tbody',
              null,
              comps.map((c) =>
                h('tr', { 'data-component': c.name }, h('th', { scope: 'row' }, c.name), h('td', { class: 'num' }, fmtScore(c.value)), h('td', { class: 'num' }, fmtScore(c.weight)), h('td', null, c.explanation ?? '')),
              ),
            ),
          ),
        )
      : null,
  );
}

function outcomeCard(o: UploadOutcome): HTMLElement {
  const kind = o.ok ? 'accepted' : o.error.code === 'rejected' || o.error.code === 'duplicate' ? o.error.code : 'error';
  const checks = o.ok ? checksOf(o.result) : o.error.checks;
  return h(
    'article',
    { class: `result ${o.ok ? 'ok' : 'not-ok'}`, 'data-outcome': kind, 'data-file': o.name },
    h('h3', null, o.name),
    h('p', { class: 'headline' }, outcomeHeadline(o)),
    o.ok ? qualityBlock(o.result.quality) : null,
    checkList(checks),
  );
}

// ---------------------------------------------------------------- upload

function uploadCard(ctx: DashboardContext, onUploaded: () => void): HTMLElement {
  const files = h('input', { id: 'upload-files', type: 'file', multiple: true, accept: ACCEPT, 'aria-describedby': 'upload-help' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload');
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-labelledby': 'upload-progress-label' });
  const pct = h('span', { class: 'pct', 'aria-hidden': 'true' }, '0 %');
  const progressLabel = h('span', { id: 'upload-progress-label' }, '');
  const progressWrap = h('div', { class: 'progress-wrap', hidden: true }, progressLabel, h('div', { class: 'progress-row' }, progress, pct));
  const status = h('p', { class: 'status', id: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results', id: 'upload-results', 'aria-live': 'polite', 'aria-relevant': 'additions' });

  const setProgress = (fraction: number) => {
    const v = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    progress.setAttribute('value', String(v));
    progress.setAttribute('aria-valuetext', `${v} percent`);
    pct.textContent = `${v} %`;
  };

  const form = h(
    'form',
    { class: 'upload-form' },
    h('label', { for: 'upload-files' }, 'Export or contribution files (.zip or .json)'),
    h('div', { class: 'upload-row' }, files, submit),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const chosen = [...(files.files ?? [])].map((f) => ({ name: f.name, blob: f as Blob }));
    if (!chosen.length) {
      status.textContent = 'Choose one or more files first.';
      return;
    }
    submit.disabled = true;
    files.disabled = true;
    results.replaceChildren();
    progressWrap.hidden = false;
    const outcomes = await uploadAll(chosen, (blob, name, on) => ctx.api.upload(blob, name, on), {
      start(name, i, n) {
        setProgress(0);
        progressWrap.dataset.state = 'uploading';
        progressLabel.textContent = n > 1 ? `Uploading ${name} (${i + 1} of ${n})` : `Uploading ${name}`;
        status.textContent = progressLabel.textContent + '…';
      },
      progress(f, name) {
        setProgress(f);
        if (f >= 1) {
          progressWrap.dataset.state = 'checking';
          status.textContent = `${name} is uploaded; the server is checking it…`;
        }
      },
      done(o) {
        if (o.ok) setProgress(1);
        progressWrap.dataset.state = 'done';
        results.appendChild(outcomeCard(o));
      },
    });
    const ok = outcomes.filter((o) => o.ok).length;
    status.textContent = `Done: ${ok} of ${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} accepted.`;
    const report = latestReport(outcomes);
    if (report !== undefined) ctx.setReport(report);
    submit.disabled = false;
    files.disabled = false;
    files.value = '';
    if (outcomes.some((o) => !o.ok && o.error.unauthorized)) {
      ctx.loggedOut('Your session ended. Please log in again.', 'login');
      return;
    }
    onUploaded();
  });

  return card(
    'upload',
    'Contribute your listening history',
    h(
      'p',
      { id: 'upload-help', class: 'muted' },
      'Upload a streaming-history export as you downloaded it (.zip), a JSON file from it, or a contribution made on your own computer with ',
      h('code', null, 'chorus contribute'),
      '. Several files are uploaded one after another. The server reads an export in memory and keeps only the minimised summary.',
    ),
    form,
    progressWrap,
    status,
    results,
  );
}

// ---------------------------------------------------------------- stored contribution

function contributionCard(api: Api): { el: HTMLElement; refresh(): void } {
  const body = h('div', { class: 'contribution', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const render = (c: MyContributions) => {
    const q = qualityOf(c.contribution);
    if (!c.contribution) {
      body.replaceChildren(h('p', { class: 'note', 'data-empty': true }, 'You have not contributed yet. Upload an export above.'));
      return;
    }
    const history = Array.isArray(c.history) ? c.history : [];
    body.replaceChildren(
      h(
        'div',
        { class: 'tiles' },
        h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, 'Quality'), h('div', { class: 'tile-value', 'data-key': 'quality' }, fmtScore(q?.score))),
        h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, 'Plays'), h('div', { class: 'tile-value', 'data-key': 'plays' }, fmtInt(c.contribution.plays))),
        h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, 'Last updated'), h('div', { class: 'tile-value small-value' }, fmtWhen(c.contribution.updated))),
      ),
      history.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'history compact' },
              h('caption', null, 'Your uploads'),
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col', class: 'num' }, 'Plays added'), h('th', { scope: 'col', class: 'num' }, 'Quality before'), h('th', { scope: 'col', class: 'num' }, 'Quality after'))),
              h('tbody', null, history.map((e) => h('tr', null, h('td', null, fmtWhen(e.at)), h('td', { class: 'num' }, fmtInt(e.plays_added)), h('td', { class: 'num' }, fmtScore(e.quality_before)), h('td', { class: 'num' }, fmtScore(e.quality_after))))),
            ),
          )
        : '',
    );
  };
  const refresh = () => {
    api
      .contributions()
      .then(render)
      .catch((e: unknown) => body.replaceChildren(h('p', { class: 'error-box' }, `Your contribution could not be loaded: ${errText(e)}`)));
  };
  refresh();
  return { el: card('contribution', 'Your contribution', body), refresh };
}

// ---------------------------------------------------------------- consent

function consentCard(ctx: DashboardContext): HTMLElement {
  const live = h('p', { class: 'status', id: 'consent-status', role: 'status', 'aria-live': 'polite' });
  let consents: Consents = { ...(ctx.member.consents ?? {}) };
  const rows = new Map<Scope, { input: HTMLInputElement; when: HTMLElement; state: HTMLElement; li: HTMLElement }>();

  const show = () => {
    for (const [scope, r] of rows) {
      const c = consents[scope];
      const granted = c?.granted === true;
      r.input.checked = granted;
      r.li.dataset.granted = granted ? 'true' : 'false';
      r.state.textContent = granted ? 'Allowed' : 'Not allowed';
      r.when.textContent = `Last changed: ${fmtWhen(c?.changed ?? null)}`;
    }
  };

  const list = h(
    'ul',
    { class: 'consents' },
    SCOPE_INFO.map((info) => {
      const id = `consent-${info.scope}`;
      const input = h('input', { id, type: 'checkbox', role: 'switch', 'aria-describedby': `${id}-desc ${id}-when` });
      const when = h('p', { class: 'when muted', id: `${id}-when` });
      const state = h('span', { class: 'state', 'aria-hidden': 'true' });
      const li = h(
        'li',
        { class: 'consent', 'data-scope': info.scope },
        h('div', { class: 'consent-switch' }, input, h('label', { for: id }, info.label), state),
        h('p', { class: 'consent-desc', id: `${id}-desc` }, info.explanation),
        when,
      );
      input.addEventListener('change', async () => {
        const wanted = input.checked;
        input.disabled = true;
        li.setAttribute('aria-busy', 'true');
        live.textContent = `Saving ${info.label}…`;
        try {
          const saved = await ctx.api.setConsent({ [info.scope]: wanted });
          consents = { ...consents, ...saved };
          show();
          const now = consents[info.scope]?.granted === true;
          live.textContent = `Saved: ${info.label} is ${now ? 'allowed' : 'not allowed'}.`;
        } catch (e) {
          show(); // back to the last saved state
          live.textContent = `${info.label} was not changed: ${errText(e)}`;
          if (e instanceof ApiError && e.unauthorized) ctx.loggedOut('Your session ended. Please log in again.', 'login');
        } finally {
          input.disabled = false;
          li.removeAttribute('aria-busy');
        }
      });
      rows.set(info.scope, { input, when, state, li });
      return li;
    }),
  );
  show();
  return card(
    'consent',
    'Consent',
    h('p', { class: 'muted' }, 'Which kinds of release may include your contribution. Each change is saved at once and applies to every release built after it; you can change your mind at any time.'),
    list,
    live,
  );
}

// ---------------------------------------------------------------- report, data

function reportCard(ctx: DashboardContext): HTMLElement {
  const body = ctx.report() !== undefined
    ? h('p', null, 'The server made a listening report from your last upload. ', h('a', { href: '#/report', class: 'button-link', id: 'open-report' }, 'Open my report'))
    : h(
        'p',
        { class: 'note', id: 'report-howto' },
        'Your report appears here after an upload whose answer carries one. You can always make it on your own computer, without uploading anything: ',
        h('code', null, 'chorus report YOUR-EXPORT.zip -o report.html'),
        '.',
      );
  return card('my-report', 'My report', body);
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function dataCard(ctx: DashboardContext): HTMLElement {
  const status = messageBox('info', 'data-status');
  const dl = h('button', { type: 'button', id: 'download-data' }, 'Download my data');
  dl.addEventListener('click', async () => {
    dl.disabled = true;
    status.say('Preparing your data…');
    try {
      const { blob, filename } = await ctx.api.exportData();
      download(blob, filename);
      status.say(`Downloaded ${filename}.`);
    } catch (e) {
      status.say(`Your data could not be downloaded: ${errText(e)}`);
    } finally {
      dl.disabled = false;
    }
  });

  const error = messageBox('error', 'erase-error');
  const confirm = h('button', { type: 'button', class: 'danger', id: 'erase-confirm' }, 'Yes, erase everything');
  const cancel = h('button', { type: 'button', id: 'erase-cancel' }, 'Cancel');
  const dialog = h(
    'dialog',
    { id: 'erase-dialog', 'aria-labelledby': 'erase-dialog-title', 'aria-describedby': 'erase-dialog-desc' },
    h('h2', { id: 'erase-dialog-title' }, 'Erase your account?'),
    h(
      'p',
      { id: 'erase-dialog-desc' },
      'This deletes your account, your contribution and your consents. Releases built from now on will not include you. It cannot be undone. (The ledger keeps only pseudonymous money records.)',
    ),
    error,
    h('div', { class: 'actions' }, cancel, confirm),
  );
  cancel.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    cancel.disabled = true;
    error.say(null);
    try {
      await ctx.api.erase();
      dialog.close();
      dialog.remove();
      ctx.loggedOut('Your account and your contribution were erased.', 'signup');
    } catch (e) {
      error.say(`Your account was not erased: ${errText(e)}`);
      confirm.disabled = false;
      cancel.disabled = false;
    }
  });
  const erase = h('button', { type: 'button', class: 'danger', id: 'erase-open', 'aria-haspopup': 'dialog' }, 'Erase my account…');
  erase.addEventListener('click', () => {
    error.say(null);
    if (!dialog.isConnected) document.body.appendChild(dialog);
    dialog.showModal();
    cancel.focus();
  });

  return card(
    'my-data',
    'Your data',
    h('p', { class: 'muted' }, 'Everything the co-op holds about you, as JSON. Or leave: erasing your account deletes your contribution.'),
    h('div', { class: 'actions' }, dl, erase),
    status,
    dialog,
  );
}

export function renderDashboard(root: HTMLElement, ctx: DashboardContext): void {
  const m = ctx.member;
  const logout = h('button', { type: 'button', id: 'logout' }, 'Log out');
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await ctx.api.logout();
    } catch {
      /* logged out locally either way */
    }
    ctx.loggedOut('You are logged out.', 'login');
  });
  const contribution = contributionCard(ctx.api);
  root.replaceChildren(
    topbar(h('span', { class: 'who' }, m.email, m.pseudonym ? h('span', { class: 'muted' }, ` · ${m.pseudonym}`) : null), logout),
    h(
      'main',
      { class: 'coop-main', 'data-view': 'dashboard' },
      h('h1', null, 'Your membership'),
      h(
        'p',
        { class: 'lede muted' },
        [m.joined && m.charter_accepted ? `Member since ${fmtWhen(m.charter_accepted).slice(0, 10)}` : null, m.charter_version !== undefined ? `charter version ${m.charter_version}` : null, m.role && m.role !== 'member' ? `role: ${m.role}` : null]
          .filter(Boolean)
          .join(' · '),
      ),
      uploadCard(ctx, () => {
        contribution.refresh();
        // the report card reflects a report that came with the upload
        const old = root.querySelector('#my-report');
        if (old) old.replaceWith(reportCard(ctx));
      }),
      contribution.el,
      consentCard(ctx),
      reportCard(ctx),
      dataCard(ctx),
    ),
  );
}
