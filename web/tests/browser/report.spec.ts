// Opens report.html from file:// in headless Chromium and checks that it
// renders every section, makes no network request, logs no error, shows the
// JSON's totals, and saves a full-page screenshot (report.png).
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmtInt } from '../../src/shared/format';
import { SECTIONS } from '../../src/report/types';
import { targets, webDir } from './targets';

const CHART_SECTIONS = ['years', 'months', 'clock', 'calendar', 'sessions', 'discovery', 'behaviour', 'phases', 'mood', 'cross_platform'] as const;
const LIST_SECTIONS = ['totals', 'top', 'year_over_year', 'streaks'] as const;
const artifacts = resolve(process.env.CHORUS_ARTIFACTS || resolve(webDir, 'test-results', 'artifacts'));

interface Watch {
  errors: string[];
  requests: string[];
}

/** Open a page and record console errors, page errors and every request. */
async function open(page: Page, html: string): Promise<Watch> {
  const w: Watch = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => w.requests.push(r.url()));
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  return w;
}

function offline(w: Watch): string[] {
  return w.requests.filter((u) => !/^(file|data|blob):/i.test(u));
}

for (const t of targets()) {
  test.describe(`report.html (${t.name})`, () => {
    test('renders every section offline, without errors', async ({ page }) => {
      const w = await open(page, t.html);
      await expect(page.locator('main.report')).toBeVisible();
      // charts are drawn synchronously after mounting; give layout one frame
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));

      for (const name of SECTIONS) {
        const sec = page.locator(`section[data-section="${name}"]`);
        await expect(sec, `section ${name}`).toHaveCount(1);
        await expect(sec.locator('h2'), `h2 of ${name}`).toHaveCount(1);
        await expect(sec.locator('.error-box'), `section ${name} failed to draw`).toHaveCount(0);
      }

      for (const name of CHART_SECTIONS) {
        const state = await page.locator(`section[data-section="${name}"]`).evaluate((sec) => {
          const canvases = [...sec.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0);
          const svgs = [...sec.querySelectorAll('svg')].filter((s) => s.childElementCount > 0 && s.getBoundingClientRect().width > 0);
          const notes = sec.querySelectorAll('[data-empty]').length;
          return { charts: canvases.length + svgs.length, notes };
        });
        expect(state.charts + state.notes, `section ${name} has neither a chart nor an empty-data note`).toBeGreaterThan(0);
        if (t.name === 'sample') expect(state.charts, `sample: section ${name} should draw a chart`).toBeGreaterThan(0);
        if (t.name === 'empty') expect(state.notes, `empty: section ${name} should say it has no data`).toBeGreaterThan(0);
      }
      for (const name of LIST_SECTIONS) {
        const n = await page.locator(`section[data-section="${name}"]`).locator('.stat, li, [data-empty]').count();
        expect(n, `section ${name} shows nothing`).toBeGreaterThan(0);
      }

      // the headline cards show the JSON's totals
      const doc = await page.evaluate(() => JSON.parse(document.getElementById('chorus-report')!.textContent!));
      expect(doc.schema).toBe('chorus-report');
      expect(doc.version).toBe(1);
      const keys = ['minutes', 'plays', 'streams', 'music_minutes', 'podcast_minutes', 'artists', 'tracks', 'albums', 'listening_days'];
      for (const key of keys) {
        const card = page.locator(`section[data-section="totals"] .stat[data-key="${key}"]`);
        await expect(card, `totals card ${key}`).toHaveCount(1);
        const value = doc.totals[key];
        await expect(card).toHaveAttribute('data-value', String(value));
        const shown = (await card.locator('.stat-value').innerText()).trim();
        expect(shown, `totals ${key}`).toBe(fmtInt(value));
        expect(shown.replace(/\D/g, ''), `totals ${key} digits`).toBe(String(Math.round(value)));
      }
      if (doc.years.length > 0) {
        const ys = doc.years.map((y: { year: number }) => y.year);
        const lo = Math.min(...ys);
        const hi = Math.max(...ys);
        await expect(page.locator('.hero h1')).toHaveText(lo === hi ? `Your listening, ${lo}` : `Your listening, ${lo}–${hi}`);
      }
      // DJ sets: a section with a chart exactly when the JSON has them
      const djSec = page.locator('section[data-section="dj"]');
      if (doc.dj) {
        await expect(djSec).toHaveCount(1);
        await expect(djSec.locator('canvas')).toHaveCount(1);
      } else await expect(djSec).toHaveCount(0);
      if (doc.cross_platform === null) {
        await expect(page.locator('section[data-section="cross_platform"] [data-empty]')).toHaveCount(1);
      }
      const audio = doc.mood?.audio;
      const anyCoverage = audio?.source != null && (audio.months ?? []).some((m: { coverage: number | null }) => (m.coverage ?? 0) > 0);
      await expect(page.locator('section[data-section="mood"] .notice')).toHaveCount(anyCoverage ? 0 : 1);
      if (!anyCoverage) await expect(page.locator('section[data-section="mood"] .notice')).toContainText('--enrich');

      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: resolve(artifacts, t.screenshot ? 'report.png' : `report-${t.name}.png`), fullPage: true });

      expect(w.errors, 'console or page errors').toEqual([]);
      expect(offline(w), 'requests other than file:, data:, blob:').toEqual([]);
    });

    test('controls switch windows and measures', async ({ page }) => {
      const w = await open(page, t.html);
      const doc = await page.evaluate(() => JSON.parse(document.getElementById('chorus-report')!.textContent!));
      const top = page.locator('section[data-section="top"]');
      const windows: { label: string }[] = doc.top ?? [];
      if (windows.length > 1) {
        const last = windows[windows.length - 1]!;
        await top.locator(`.seg button[data-value="${last.label}"]`).click();
        await expect(top.locator('.top-grid')).toHaveAttribute('data-window', String(last.label));
        await top.locator('.seg button[data-value="streams"]').click();
        await expect(top.locator('.seg button[data-value="streams"]')).toHaveAttribute('aria-pressed', 'true');
      }
      const clockToggle = page.locator('section[data-section="clock"] .seg button[data-value="streams"]');
      if (await clockToggle.count()) {
        await clockToggle.click();
        await expect(page.locator('section[data-section="clock"] svg rect').first()).toBeVisible();
      }
      expect(w.errors).toEqual([]);
      expect(offline(w)).toEqual([]);
    });

    test('refuses a report of an unknown version with a clear message', async ({ page }) => {
      // the same bundle, with the JSON's version changed to 2
      const html = readFileSync(t.html, 'utf8');
      const changed = html.replace(/(<script id="chorus-report" type="application\/json">)([\s\S]*?)(<\/script>)/, (_m, a: string, json: string, c: string) => {
        const doc = JSON.parse(json);
        doc.version = 2;
        return a + JSON.stringify(doc).replace(/</g, '\\u003c') + c;
      });
      expect(changed).not.toBe(html);
      const path = test.info().outputPath(`version2-${t.name}.html`);
      writeFileSync(path, changed);
      const w = await open(page, path);
      await expect(page.locator('.fatal')).toContainText('version 2');
      await expect(page.locator('section[data-section]')).toHaveCount(0);
      expect(w.errors).toEqual([]);
      expect(offline(w)).toEqual([]);
    });
  });
}
