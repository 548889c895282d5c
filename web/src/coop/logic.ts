// Pure view logic of the co-op UI (no DOM): routes, form checks, consent
// texts, upload queue, result shaping. Unit-tested in tests/unit/coop-*.

import { ApiError } from './api';
import type { Check, Contribution, Quality, QualityComponent, Scope, UploadResult } from './types';

// ---------------------------------------------------------------- routes

export type Route = 'signup' | 'login' | 'dashboard' | 'report';
const ROUTES: readonly Route[] = ['signup', 'login', 'dashboard', 'report'];

/**
 * The view a location hash names: "#/login" → "login". Hashes that are not
 * routes ("#years", an anchor inside the report) give null: stay put.
 */
export function parseRoute(hash: string): Route | null {
  const m = /^#\/([a-z]*)/.exec(hash);
  if (!m) return hash === '' || hash === '#' ? 'dashboard' : null;
  const name = m[1] as Route;
  return ROUTES.includes(name) ? name : 'dashboard';
}

/** Where to go given where we want to be and whether we are logged in. */
export function resolveRoute(wanted: Route, loggedIn: boolean): Route {
  if (loggedIn) return wanted === 'signup' || wanted === 'login' ? 'dashboard' : wanted;
  return wanted === 'login' ? 'login' : 'signup';
}

// ---------------------------------------------------------------- forms

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const PASSWORD_POLICY = `${PASSWORD_MIN}–${PASSWORD_MAX} characters`;

/** null when the password meets the policy, else what is wrong (counted in characters, not bytes). */
export function passwordProblem(pw: string): string | null {
  const n = [...pw].length;
  if (n < PASSWORD_MIN) return `The password needs at least ${PASSWORD_MIN} characters (it has ${n}).`;
  if (n > PASSWORD_MAX) return `The password may have at most ${PASSWORD_MAX} characters (it has ${n}).`;
  return null;
}

/** null for a plausible e-mail address, else what is wrong. */
export function emailProblem(email: string): string | null {
  const e = email.trim();
  if (!e) return 'Enter your e-mail address.';
  if (!/^[^\s@]+@[^\s@]+$/.test(e)) return 'This does not look like an e-mail address (name@example.org).';
  return null;
}

// ---------------------------------------------------------------- consent

export interface ScopeInfo {
  scope: Scope;
  label: string;
  /** one line: what saying yes lets the co-op do */
  explanation: string;
}

export const SCOPE_INFO: readonly ScopeInfo[] = [
  { scope: 'artist-signals', label: 'Artist signals', explanation: 'Your monthly plays and minutes per artist may be counted in aggregate releases (e.g. for artists and labels).' },
  { scope: 'listening-patterns', label: 'Listening patterns', explanation: 'When and how you listen (times of day, sessions, skips) may be counted in aggregate releases.' },
  { scope: 'transitions', label: 'Transitions', explanation: 'Which track follows which within your listening sessions may be counted in aggregate releases.' },
  { scope: 'dj-sets', label: 'DJ sets', explanation: 'Transitions from your DJ software (with BPM and key changes) may be counted in aggregate releases.' },
  { scope: 'ai-training', label: 'AI training', explanation: 'Releases that buyers may use to train machine-learning models may include your data.' },
];

/** "2025-03-01 14:05" in the browser's time zone; "never" for null; the input for anything unparseable. */
export function fmtWhen(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// ---------------------------------------------------------------- results

/** A score in [0, 1] as "0.73"; unknown as "—". */
export function fmtScore(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '—';
}

/** The quality of a stored contribution: a Quality object or a bare number. */
export function qualityOf(c: Contribution | null | undefined): Quality | null {
  if (!c || c.quality === null || c.quality === undefined) return null;
  if (typeof c.quality === 'number') return { score: c.quality };
  return c.quality;
}

export function components(q: Quality | null | undefined): QualityComponent[] {
  return Array.isArray(q?.components) ? q.components : [];
}

export function checksOf(x: { checks?: Check[] } | null | undefined): Check[] {
  return Array.isArray(x?.checks) ? x.checks : [];
}

/** The headline of an upload outcome. */
export function outcomeHeadline(o: UploadOutcome): string {
  if (o.ok) {
    const added = o.result.plays_added;
    const total = o.result.plays_total;
    const bits = [typeof added === 'number' ? `${added.toLocaleString('en-US')} plays added` : null, typeof total === 'number' ? `${total.toLocaleString('en-US')} in total` : null].filter(Boolean);
    return `Accepted${bits.length ? `: ${bits.join(', ')}` : ''}.`;
  }
  if (o.error.code === 'duplicate') return `Not accepted (already contributed): ${o.error.message}`;
  if (o.error.code === 'rejected') return `Not accepted: ${o.error.message}`;
  return `Upload failed: ${o.error.message}`;
}

// ---------------------------------------------------------------- uploads

export const ACCEPT = '.zip,.json,application/zip,application/json';

/** null when the file can be uploaded (by name), else why not. */
export function fileProblem(name: string): string | null {
  return /\.(zip|json)$/i.test(name) ? null : `${name} is neither a .zip export nor a .json file.`;
}

export type UploadOutcome = { name: string; ok: true; result: UploadResult } | { name: string; ok: false; error: ApiError };

export interface UploadHooks {
  /** a file starts: index from 0 */
  start(name: string, index: number, count: number): void;
  /** progress of the current file in [0, 1] */
  progress(fraction: number, name: string, index: number, count: number): void;
  /** a file is done, accepted or not */
  done(outcome: UploadOutcome, index: number, count: number): void;
}

export interface NamedBlob {
  name: string;
  blob: Blob;
}

/**
 * Upload files one after another (never in parallel: each contribution
 * updates the member's one stored contribution). A failure does not stop the
 * queue, except when the session ended (401): later files would fail too.
 */
export async function uploadAll(
  files: readonly NamedBlob[],
  upload: (blob: Blob, name: string, onProgress: (f: number) => void) => Promise<UploadResult>,
  hooks: UploadHooks,
): Promise<UploadOutcome[]> {
  const out: UploadOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    hooks.start(f.name, i, files.length);
    const problem = fileProblem(f.name);
    let outcome: UploadOutcome;
    if (problem) {
      outcome = { name: f.name, ok: false, error: new ApiError('unsupported_file', problem, 0) };
    } else {
      try {
        const result = await upload(f.blob, f.name, (p) => hooks.progress(p, f.name, i, files.length));
        outcome = { name: f.name, ok: true, result };
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError('failed', (e as Error)?.message ?? String(e), 0);
        outcome = { name: f.name, ok: false, error };
      }
    }
    out.push(outcome);
    hooks.done(outcome, i, files.length);
    if (!outcome.ok && outcome.error.unauthorized) break;
  }
  return out;
}

/** The last report JSON among accepted uploads, if any carried one. */
export function latestReport(outcomes: readonly UploadOutcome[]): unknown {
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i]!;
    if (o.ok && o.result.report !== undefined && o.result.report !== null) return o.result.report;
  }
  return undefined;
}
