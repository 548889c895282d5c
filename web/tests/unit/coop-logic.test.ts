import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/coop/api';
import {
  emailProblem,
  fileProblem,
  fmtScore,
  fmtWhen,
  latestReport,
  outcomeHeadline,
  parseRoute,
  passwordProblem,
  qualityOf,
  resolveRoute,
  SCOPE_INFO,
  uploadAll,
  type UploadOutcome,
} from '../../src/coop/logic';
import { SCOPES, type UploadResult } from '../../src/coop/types';
import { coopIndexHtml } from '../../vite.config';

describe('routes', () => {
  it('parses hashes; anchors inside the report are not routes', () => {
    expect(parseRoute('')).toBe('dashboard');
    expect(parseRoute('#')).toBe('dashboard');
    expect(parseRoute('#/login')).toBe('login');
    expect(parseRoute('#/signup')).toBe('signup');
    expect(parseRoute('#/report')).toBe('report');
    expect(parseRoute('#/nonsense')).toBe('dashboard');
    expect(parseRoute('#years')).toBeNull();
  });
  it('sends the logged-out to sign-up/login and the logged-in away from them', () => {
    expect(resolveRoute('dashboard', false)).toBe('signup');
    expect(resolveRoute('report', false)).toBe('signup');
    expect(resolveRoute('login', false)).toBe('login');
    expect(resolveRoute('signup', true)).toBe('dashboard');
    expect(resolveRoute('login', true)).toBe('dashboard');
    expect(resolveRoute('report', true)).toBe('report');
  });
});

describe('forms', () => {
  it('password policy: 10–256 characters, counted as characters', () => {
    expect(passwordProblem('123456789')).toMatch(/at least 10/);
    expect(passwordProblem('1234567890')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('🎵'.repeat(10))).toBeNull(); // 20 UTF-16 units, 10 characters
    expect(passwordProblem('🎵'.repeat(5))).toMatch(/it has 5/);
  });
  it('e-mail', () => {
    expect(emailProblem('')).toMatch(/Enter/);
    expect(emailProblem('no-at')).toMatch(/does not look/);
    expect(emailProblem(' a@b.org ')).toBeNull();
  });
  it('files by name', () => {
    expect(fileProblem('a.ZIP')).toBeNull();
    expect(fileProblem('Streaming_History_Audio_2023.json')).toBeNull();
    expect(fileProblem('notes.txt')).toMatch(/neither/);
  });
});

describe('consent and formatting', () => {
  it('explains every scope, in the API order', () => {
    expect(SCOPE_INFO.map((s) => s.scope)).toEqual([...SCOPES]);
    for (const s of SCOPE_INFO) {
      expect(s.label).not.toBe('');
      expect(s.explanation.length).toBeGreaterThan(20);
      expect(s.explanation).not.toContain('\n');
    }
  });
  it('fmtWhen', () => {
    expect(fmtWhen(null)).toBe('never');
    expect(fmtWhen('garbage')).toBe('garbage');
    const d = new Date(2025, 2, 1, 9, 5);
    expect(fmtWhen(d.toISOString())).toBe('2025-03-01 09:05');
  });
  it('fmtScore and qualityOf', () => {
    expect(fmtScore(0.7349)).toBe('0.73');
    expect(fmtScore(null)).toBe('—');
    expect(qualityOf(null)).toBeNull();
    expect(qualityOf({ quality: 0.5 })).toEqual({ score: 0.5 });
    expect(qualityOf({ quality: { score: 0.2, components: [] } })?.score).toBe(0.2);
  });
  it('outcome headlines', () => {
    const ok: UploadOutcome = { name: 'a.zip', ok: true, result: { accepted: true, plays_added: 12345, plays_total: 20000 } };
    expect(outcomeHeadline(ok)).toBe('Accepted: 12,345 plays added, 20,000 in total.');
    expect(outcomeHeadline({ name: 'a', ok: true, result: { accepted: true } })).toBe('Accepted.');
    expect(outcomeHeadline({ name: 'a', ok: false, error: new ApiError('rejected', 'Too many overlaps.', 422) })).toBe('Not accepted: Too many overlaps.');
    expect(outcomeHeadline({ name: 'a', ok: false, error: new ApiError('duplicate', 'Seen.', 422) })).toMatch(/already contributed/);
    expect(outcomeHeadline({ name: 'a', ok: false, error: new ApiError('network', 'Gone.', 0) })).toBe('Upload failed: Gone.');
  });
});

describe('uploadAll', () => {
  const files = ['one.zip', 'two.txt', 'three.json', 'four.json'].map((name) => ({ name, blob: new Blob([name]) }));

  it('uploads one after another, skips unsupported files, keeps going after a rejection', async () => {
    const events: string[] = [];
    let running = 0;
    const upload = async (_b: Blob, name: string, on: (f: number) => void): Promise<UploadResult> => {
      running++;
      expect(running).toBe(1); // never two at once
      on(0.5);
      await new Promise((r) => setTimeout(r, 5));
      on(1);
      running--;
      if (name === 'three.json') throw new ApiError('rejected', 'Fabricated.', 422, [{ id: 'overlap', passed: false, reason: 'r' }]);
      return { accepted: true, report: name === 'one.zip' ? { schema: 'chorus-report', version: 1 } : undefined };
    };
    const out = await uploadAll(files, upload, {
      start: (n, i, c) => events.push(`start ${n} ${i + 1}/${c}`),
      progress: (f, n) => events.push(`progress ${n} ${f}`),
      done: (o) => events.push(`done ${o.name} ${o.ok ? 'ok' : o.error.code}`),
    });
    expect(events).toEqual([
      'start one.zip 1/4',
      'progress one.zip 0.5',
      'progress one.zip 1',
      'done one.zip ok',
      'start two.txt 2/4',
      'done two.txt unsupported_file',
      'start three.json 3/4',
      'progress three.json 0.5',
      'progress three.json 1',
      'done three.json rejected',
      'start four.json 4/4',
      'progress four.json 0.5',
      'progress four.json 1',
      'done four.json ok',
    ]);
    expect(out.map((o) => o.ok)).toEqual([true, false, false, true]);
    const rejected = out[2]!;
    expect(!rejected.ok && rejected.error.checks[0]?.id).toBe('overlap');
    expect(latestReport(out)).toEqual({ schema: 'chorus-report', version: 1 });
  });

  it('stops when the session ended and wraps foreign errors', async () => {
    const seen: string[] = [];
    const out = await uploadAll(
      files.filter((f) => f.name !== 'two.txt'),
      async (_b, name) => {
        seen.push(name);
        if (name === 'one.zip') throw new Error('boom');
        throw new ApiError('unauthorized', 'Log in first.', 401);
      },
      { start() {}, progress() {}, done() {} },
    );
    expect(seen).toEqual(['one.zip', 'three.json']);
    expect(out.length).toBe(2);
    expect(!out[0]!.ok && out[0]!.error.code).toBe('failed');
    expect(!out[0]!.ok && out[0]!.error.message).toBe('boom');
    expect(latestReport(out)).toBeUndefined();
  });
});

describe('index.html', () => {
  it('is coop.html loading the built coop.css and coop.js', () => {
    const html = coopIndexHtml(readFileSync(new URL('../../coop.html', import.meta.url), 'utf8'));
    expect(html).toContain('<link rel="stylesheet" href="coop.css">');
    expect(html).toContain('<script type="module" src="coop.js"></script>');
    expect(html).not.toContain('/src/');
    expect(html).toContain('<div id="app"></div>');
    expect(() => coopIndexHtml('<html></html>')).toThrow();
  });
});
