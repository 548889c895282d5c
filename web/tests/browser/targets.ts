// Which report.html files the browser test opens.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const generatedDir = resolve(webDir, 'test-results', 'reports');

export interface Target {
  name: string;
  html: string;
  /** only the main target (the C++ report or the sample) takes the screenshot */
  screenshot: boolean;
}

export function targets(): Target[] {
  const given = process.env.CHORUS_REPORT_HTML;
  if (given) return [{ name: 'report', html: resolve(given), screenshot: true }];
  return [
    { name: 'sample', html: resolve(generatedDir, 'sample-report.html'), screenshot: true },
    { name: 'empty', html: resolve(generatedDir, 'empty-report.html'), screenshot: false },
    { name: 'lastfm-only', html: resolve(generatedDir, 'lastfm-only-report.html'), screenshot: false },
    { name: 'dj', html: resolve(generatedDir, 'dj-report.html'), screenshot: false },
  ];
}

export const sources: Record<string, string> = {
  sample: resolve(webDir, 'sample-report.json'),
  empty: resolve(webDir, 'tests/fixtures/empty-report.json'),
  'lastfm-only': resolve(webDir, 'tests/fixtures/lastfm-only-report.json'),
  dj: resolve(webDir, 'tests/fixtures/dj-report.json'),
};
