// Report-specific data shaping: pure functions from the report JSON to what
// the sections draw. Unit-tested in tests/unit.

import { arr, maxOf } from '../shared/data';
import type {
  AudioMood,
  CalendarDay,
  CrossPlatform,
  Phase,
  Report,
  TopWindow,
} from './types';

export type LoadResult = { ok: true; report: Report } | { ok: false; error: string };

/** Parse and check the embedded document: schema "chorus-report", version 1. */
export function parseReport(text: string | null | undefined): LoadResult {
  if (text === null || text === undefined || text.trim() === '') {
    return { ok: false, error: 'This page holds no report data (the chorus-report block is missing or empty).' };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The report data is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, error: 'The report data is not a JSON object.' };
  }
  const o = doc as Record<string, unknown>;
  if (o.schema !== 'chorus-report') {
    return { ok: false, error: `This is not a chorus report (schema is ${JSON.stringify(o.schema ?? null)}, expected "chorus-report").` };
  }
  if (o.version !== 1) {
    return {
      ok: false,
      error: `This report has version ${JSON.stringify(o.version ?? null)}; this viewer reads version 1 only. Re-run "chorus report" with a matching chorus.`,
    };
  }
  return { ok: true, report: doc as Report };
}

/** The span of years the report covers, for the header: "2019–2024", "2024", or null. */
export function yearSpan(r: Report): string | null {
  const years = arr(r.years)
    .map((y) => y.year)
    .filter((y): y is number => typeof y === 'number');
  let lo: number | null = years.length ? Math.min(...years) : null;
  let hi: number | null = years.length ? Math.max(...years) : null;
  const yearOfStr = (s: unknown) => (typeof s === 'string' && /^\d{4}/.test(s) ? Number(s.slice(0, 4)) : null);
  if (lo === null) {
    lo = yearOfStr(r.window?.from) ?? yearOfStr(r.totals?.first_end);
    hi = yearOfStr(r.window?.to) ?? yearOfStr(r.totals?.last_end);
  }
  if (lo === null || hi === null) return null;
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

export type TopKind = 'artists' | 'tracks' | 'albums' | 'shows';
export type TopMeasure = 'minutes' | 'streams';

export interface TopRow {
  primary: string;
  secondary: string | null;
  value: number;
  minutes: number | null;
  count: number | null;
}

/** One top list of a window, as rows; shows use plays where the others use streams. */
export function topRows(w: TopWindow | undefined, kind: TopKind, measure: TopMeasure): TopRow[] {
  if (!w) return [];
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  if (kind === 'shows') {
    const list = arr(measure === 'minutes' ? w.shows_by_minutes : w.shows_by_plays);
    return list.map((s) => ({
      primary: String(s.name ?? ''),
      secondary: null,
      value: (measure === 'minutes' ? n(s.minutes) : n(s.plays)) ?? 0,
      minutes: n(s.minutes),
      count: n(s.plays),
    }));
  }
  if (kind === 'artists') {
    const list = arr(measure === 'minutes' ? w.artists_by_minutes : w.artists_by_streams);
    return list.map((a) => ({
      primary: String(a.name ?? ''),
      secondary: null,
      value: (measure === 'minutes' ? n(a.minutes) : n(a.streams)) ?? 0,
      minutes: n(a.minutes),
      count: n(a.streams),
    }));
  }
  const list = arr(
    kind === 'tracks'
      ? measure === 'minutes' ? w.tracks_by_minutes : w.tracks_by_streams
      : measure === 'minutes' ? w.albums_by_minutes : w.albums_by_streams,
  );
  return list.map((t) => ({
    primary: String(t.title ?? ''),
    secondary: t.artist ?? null,
    value: (measure === 'minutes' ? n(t.minutes) : n(t.streams)) ?? 0,
    minutes: n(t.minutes),
    count: n(t.streams),
  }));
}

/** Human label of a top window: "all" → "All time", "2021" stays. */
export function windowLabel(w: TopWindow): string {
  return w.label === 'all' ? 'All time' : String(w.label);
}

// ---------- calendar ----------

export interface CalendarCell {
  date: string;
  week: number; // column, 0-based
  weekday: number; // row, Monday = 0
  minutes: number | null; // null: no plays that day
  streams: number | null;
}

export interface CalendarYear {
  year: number;
  weeks: number;
  cells: CalendarCell[];
  monthStarts: { month: number; week: number }[];
  days: number; // days with plays
  minutes: number;
}

/** Years present in the calendar, newest first. */
export function calendarYears(days: readonly CalendarDay[]): number[] {
  const ys = new Set<number>();
  for (const d of arr(days)) {
    if (typeof d?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.date)) ys.add(Number(d.date.slice(0, 4)));
  }
  return [...ys].sort((a, b) => b - a);
}

const DAY_MS = 86_400_000;
function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * A GitHub-style grid for one calendar year: one column per week (Monday
 * first), one cell per day of the year. Pure date arithmetic in UTC, so the
 * result does not depend on the viewer's time zone.
 */
export function calendarGrid(days: readonly CalendarDay[], year: number): CalendarYear {
  const byDate = new Map<string, CalendarDay>();
  for (const d of arr(days)) if (typeof d?.date === 'string' && d.date.startsWith(`${year}-`)) byDate.set(d.date, d);
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const firstWeekday = (new Date(start).getUTCDay() + 6) % 7; // Monday = 0
  const cells: CalendarCell[] = [];
  const monthStarts: { month: number; week: number }[] = [];
  let minutes = 0;
  let played = 0;
  for (let t = start, i = 0; t < end; t += DAY_MS, i++) {
    const date = isoDay(t);
    const slot = i + firstWeekday;
    const week = Math.floor(slot / 7);
    const weekday = slot % 7;
    const d = byDate.get(date);
    const m = d && typeof d.minutes === 'number' ? d.minutes : null;
    const s = d && typeof d.streams === 'number' ? d.streams : null;
    if (d) {
      played++;
      minutes += m ?? 0;
    }
    if (date.endsWith('-01')) monthStarts.push({ month: Number(date.slice(5, 7)), week });
    cells.push({ date, week, weekday, minutes: d ? (m ?? 0) : null, streams: d ? s : null });
  }
  const weeks = cells.length ? cells[cells.length - 1]!.week + 1 : 0;
  return { year, weeks, cells, monthStarts, days: played, minutes };
}

// ---------- clock ----------

/** The busiest weekday × hour cell, or null when the clock is empty. */
export function clockPeak(matrix: readonly (readonly number[])[] | undefined): { weekday: number; hour: number; value: number } | null {
  const m = arr(matrix as number[][]);
  let best: { weekday: number; hour: number; value: number } | null = null;
  m.forEach((row, weekday) => {
    arr(row).forEach((v, hour) => {
      if (typeof v === 'number' && v > 0 && (best === null || v > best.value)) best = { weekday, hour, value: v };
    });
  });
  return best;
}

/** True when a 7×24 matrix holds any positive value. */
export function hasAny(matrix: unknown): boolean {
  return Array.isArray(matrix) && maxOf(matrix) > 0;
}

/** Sums of a 7×24 matrix by hour (24) and by weekday (7). */
export function clockMargins(matrix: readonly (readonly number[])[] | undefined): { byHour: number[]; byWeekday: number[] } {
  const byHour = new Array<number>(24).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  arr(matrix as number[][]).forEach((row, d) => {
    arr(row).forEach((v, h) => {
      if (typeof v === 'number' && Number.isFinite(v) && h < 24 && d < 7) {
        byHour[h]! += v;
        byWeekday[d]! += v;
      }
    });
  });
  return { byHour, byWeekday };
}

// ---------- mood ----------

/** Whether any audio figure exists: a named source and some month with coverage > 0. */
export function hasAudioFeatures(audio: { source: string | null; months: AudioMood[] } | null | undefined): boolean {
  if (!audio || audio.source === null || audio.source === undefined) return false;
  return arr(audio.months).some((m) => typeof m?.coverage === 'number' && m.coverage > 0);
}

/** Coverage summary: months with features, and the mean of the monthly coverage shares. */
export function audioCoverage(months: readonly AudioMood[]): { covered: number; total: number; meanCoverage: number | null } {
  const ms = arr(months as AudioMood[]);
  const covs = ms.map((m) => m.coverage).filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
  return {
    covered: covs.filter((c) => c > 0).length,
    total: ms.length,
    meanCoverage: covs.length ? covs.reduce((a, b) => a + b, 0) / covs.length : null,
  };
}

// ---------- phases ----------

/** Months are "YYYY-MM"; index of a month counted from year 0. */
export function monthIndex(m: string): number | null {
  const r = /^(\d{4})-(\d{2})/.exec(m ?? '');
  return r ? Number(r[1]) * 12 + Number(r[2]) - 1 : null;
}

/** Greedy lane assignment so that overlapping phases sit on different rows. */
export function phaseLanes(phases: readonly Phase[]): { phase: Phase; lane: number; start: number; end: number }[] {
  const laneEnds: number[] = [];
  const out: { phase: Phase; lane: number; start: number; end: number }[] = [];
  const ps = arr(phases as Phase[])
    .map((p) => ({ p, s: monthIndex(p.from), e: monthIndex(p.to) }))
    .filter((x): x is { p: Phase; s: number; e: number } => x.s !== null && x.e !== null)
    .sort((a, b) => a.s - b.s || a.e - b.e);
  for (const { p, s, e } of ps) {
    let lane = laneEnds.findIndex((end) => end < s);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(e);
    } else laneEnds[lane] = e;
    out.push({ phase: p, lane, start: s, end: Math.max(s, e) });
  }
  return out;
}

// ---------- cross-platform ----------

/** Per-source monthly plays on a continuous month axis (missing = 0). */
export function crossSeries(cp: CrossPlatform): { labels: string[]; series: { source: string; data: number[] }[] } {
  const months = arr(cp.months).filter((m) => typeof m?.month === 'string').map((m) => m.month).sort();
  const sources = arr(cp.sources);
  if (months.length === 0) return { labels: [], series: sources.map((source) => ({ source, data: [] })) };
  const byMonth = new Map(arr(cp.months).map((m) => [m.month, m.plays ?? {}]));
  const labels: string[] = [];
  // continuous axis
  let y = Number(months[0]!.slice(0, 4));
  let mo = Number(months[0]!.slice(5, 7));
  const last = months[months.length - 1]!;
  for (;;) {
    const l = `${y}-${String(mo).padStart(2, '0')}`;
    labels.push(l);
    if (l >= last || labels.length > 2400) break;
    if (++mo > 12) {
      mo = 1;
      y++;
    }
  }
  return {
    labels,
    series: sources.map((source) => ({
      source,
      data: labels.map((l) => {
        const v = byMonth.get(l)?.[source];
        return typeof v === 'number' && Number.isFinite(v) ? v : 0;
      }),
    })),
  };
}
