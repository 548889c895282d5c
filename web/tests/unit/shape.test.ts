import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  audioCoverage, calendarGrid, calendarYears, clockMargins, clockPeak, crossSeries, hasAudioFeatures, monthIndex,
  parseReport, phaseLanes, topRows, windowLabel, yearSpan,
} from '../../src/report/shape';
import type { Report } from '../../src/report/types';

const web = resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(resolve(web, p), 'utf8')) as Report;
const sample = load('sample-report.json');
const empty = load('tests/fixtures/empty-report.json');

describe('parseReport', () => {
  it('accepts schema chorus-report version 1', () => {
    const r = parseReport(JSON.stringify(sample));
    expect(r.ok).toBe(true);
  });
  it('refuses other versions, other schemas, bad JSON and nothing, with a message', () => {
    const v2 = parseReport(JSON.stringify({ ...sample, version: 2 }));
    expect(v2).toMatchObject({ ok: false });
    expect(!v2.ok && v2.error).toContain('version 2');
    const other = parseReport('{"schema":"something-else","version":1}');
    expect(!other.ok && other.error).toContain('not a chorus report');
    expect(parseReport('{"version":1').ok).toBe(false);
    expect(parseReport('[1]').ok).toBe(false);
    expect(parseReport('').ok).toBe(false);
    expect(parseReport(null).ok).toBe(false);
  });
});

describe('header span', () => {
  it('spans the years with plays', () => {
    expect(yearSpan(sample)).toBe('2019–2024');
    expect(yearSpan({ ...sample, years: [{ year: 2023 } as never] })).toBe('2023');
    expect(yearSpan(empty)).toBeNull();
  });
  it('falls back to first/last play when no full year is listed', () => {
    expect(yearSpan({ ...empty, totals: { ...empty.totals, first_end: '2020-05-01T00:00:00Z', last_end: '2021-02-01T00:00:00Z' } })).toBe('2020–2021');
  });
});

describe('top lists', () => {
  const all = sample.top[0]!;
  it('reads each list by measure', () => {
    expect(windowLabel(all)).toBe('All time');
    expect(windowLabel(sample.top[1]!)).toBe('2019');
    const a = topRows(all, 'artists', 'minutes');
    expect(a[0]).toEqual({ primary: 'Phoebe Bridgers', secondary: null, value: 9850.5, minutes: 9850.5, count: 2460 });
    const t = topRows(all, 'tracks', 'streams');
    expect(t[0]!.secondary).not.toBeNull();
    expect(t[0]!.value).toBe(all.tracks_by_streams[0]!.streams);
    const s = topRows(all, 'shows', 'streams');
    expect(s[0]!.value).toBe(all.shows_by_plays[0]!.plays);
    expect(topRows(undefined, 'albums', 'minutes')).toEqual([]);
    expect(topRows({ label: 'all' } as never, 'albums', 'minutes')).toEqual([]);
  });
});

describe('calendar', () => {
  it('lays a year out Monday-first in weeks', () => {
    const g = calendarGrid([{ date: '2024-01-01', minutes: 10, streams: 3 }, { date: '2024-12-31', minutes: 5, streams: 1 }], 2024);
    expect(g.cells).toHaveLength(366); // leap year
    expect(g.cells[0]).toEqual({ date: '2024-01-01', week: 0, weekday: 0, minutes: 10, streams: 3 }); // a Monday
    expect(g.cells[365]).toMatchObject({ date: '2024-12-31', week: 52, weekday: 1, minutes: 5 });
    expect(g.cells[1]!.minutes).toBeNull(); // no plays: null, not 0
    expect(g.weeks).toBe(53);
    expect(g.days).toBe(2);
    expect(g.minutes).toBe(15);
    expect(g.monthStarts[0]).toEqual({ month: 1, week: 0 });
    expect(g.monthStarts).toHaveLength(12);
  });
  it('starts a year on its weekday', () => {
    const g = calendarGrid([], 2023); // 1 Jan 2023 was a Sunday
    expect(g.cells[0]).toMatchObject({ week: 0, weekday: 6 });
    expect(g.cells[1]).toMatchObject({ date: '2023-01-02', week: 1, weekday: 0 });
    expect(g.cells).toHaveLength(365);
  });
  it('lists years newest first', () => {
    expect(calendarYears(sample.calendar)).toEqual([2024, 2023, 2022, 2021, 2020, 2019]);
    expect(calendarYears([])).toEqual([]);
  });
});

describe('clock', () => {
  it('finds the peak slot and margins', () => {
    const m = Array.from({ length: 7 }, () => new Array(24).fill(0));
    m[4]![21] = 9;
    m[0]![8] = 3;
    expect(clockPeak(m)).toEqual({ weekday: 4, hour: 21, value: 9 });
    const { byHour, byWeekday } = clockMargins(m);
    expect(byHour[21]).toBe(9);
    expect(byHour[8]).toBe(3);
    expect(byWeekday).toEqual([3, 0, 0, 0, 9, 0, 0]);
    expect(clockPeak(empty.clock.minutes)).toBeNull();
  });
});

describe('mood', () => {
  it('knows when there are no audio features', () => {
    expect(hasAudioFeatures(sample.mood.audio)).toBe(true);
    expect(hasAudioFeatures(empty.mood.audio)).toBe(false);
    expect(hasAudioFeatures({ source: 'enrich:x.csv', months: [{ month: '2020-01', coverage: 0, valence: null, energy: null, tempo: null, danceability: null }] })).toBe(false);
    expect(hasAudioFeatures({ source: null, months: [{ month: '2020-01', coverage: 0.5, valence: 0.5, energy: 0.5, tempo: 120, danceability: 0.5 }] })).toBe(false);
  });
  it('summarises coverage', () => {
    const c = audioCoverage([
      { month: '2020-01', coverage: 0, valence: null, energy: null, tempo: null, danceability: null },
      { month: '2020-02', coverage: 0.5, valence: 0.4, energy: 0.6, tempo: 120, danceability: 0.5 },
      { month: '2020-03', coverage: 1, valence: 0.4, energy: 0.6, tempo: 120, danceability: 0.5 },
    ]);
    expect(c).toEqual({ covered: 2, total: 3, meanCoverage: 0.5 });
    expect(audioCoverage([])).toEqual({ covered: 0, total: 0, meanCoverage: null });
  });
});

describe('phases', () => {
  it('gives overlapping phases different lanes', () => {
    expect(monthIndex('2024-01')).toBe(2024 * 12);
    const placed = phaseLanes([
      { from: '2024-05', to: '2024-10', artists: ['B'], share: 0.17 },
      { from: '2024-01', to: '2024-05', artists: ['A'], share: 0.1 },
      { from: '2024-11', to: '2025-02', artists: ['C'], share: 0.2 },
    ]);
    expect(placed.map((p) => [p.phase.artists[0], p.lane])).toEqual([['A', 0], ['B', 1], ['C', 0]]);
  });
});

describe('cross-platform', () => {
  it('lays plays per source on a continuous month axis', () => {
    const { labels, series } = crossSeries({
      sources: ['lastfm', 'spotify'],
      months: [
        { month: '2021-01', plays: { spotify: 10 } },
        { month: '2021-03', plays: { spotify: 5, lastfm: 4 } },
      ],
      correlations: [],
      unique_artists: [],
      shared_plays: 0,
    });
    expect(labels).toEqual(['2021-01', '2021-02', '2021-03']);
    expect(series).toEqual([
      { source: 'lastfm', data: [0, 0, 4] },
      { source: 'spotify', data: [10, 0, 5] },
    ]);
  });
});

describe('the sample report is consistent', () => {
  it('has every top-level key and sections line up', () => {
    for (const k of ['schema', 'version', 'generator', 'zone', 'window', 'sources', 'totals', 'years', 'months', 'top', 'year_over_year', 'clock', 'calendar', 'sessions', 'streaks', 'discovery', 'behaviour', 'phases', 'mood', 'cross_platform']) {
      expect(sample, k).toHaveProperty(k);
      expect(empty, k).toHaveProperty(k);
    }
    expect(sample.cross_platform).not.toBeNull();
    expect(sample.sources.map((s) => s.source)).toContain('lastfm');
  });
  it('sums up', () => {
    const sumOf = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;
    expect(sumOf(sample.months.map((m) => m.minutes))).toBeCloseTo(sample.totals.minutes, 0);
    expect(sumOf(sample.years.map((y) => y.minutes))).toBeCloseTo(sample.totals.minutes, 0);
    expect(sample.calendar).toHaveLength(sample.totals.listening_days);
    expect(sumOf(sample.calendar.map((d) => d.minutes))).toBeCloseTo(sample.totals.minutes, 0);
    expect(sample.clock.minutes).toHaveLength(7);
    expect(sample.clock.minutes.every((row) => row.length === 24)).toBe(true);
    expect(sample.sessions.length_histogram.reduce((a, b) => a + b.count, 0)).toBe(sample.sessions.count);
    expect(sample.top[0]!.label).toBe('all');
    expect(sample.top.slice(1).map((t) => t.label)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    const cov = sample.mood.audio.months.map((m) => m.coverage ?? 0);
    expect(cov.some((c) => c === 0)).toBe(true); // partial coverage
    expect(cov.some((c) => c > 0)).toBe(true);
    for (const m of sample.mood.audio.months) if (m.coverage === 0) expect(m.valence).toBeNull();
  });
});
