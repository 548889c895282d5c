// Formatting helpers shared by the report and (later) the co-op web UI.
// Pure functions, no DOM. A value that is missing or null is shown as
// DASH, never as 0: "unknown" and "none" are different facts.

export const DASH = '—';

const LOCALE = 'en-US';
const intFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A finite number, or null for null/undefined/NaN/non-numbers. */
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** 12345.6 → "12,346"; null → "—". */
export function fmtInt(v: unknown): string {
  const n = num(v);
  return n === null ? DASH : intFmt.format(Math.round(n));
}

/** A number with `digits` decimals (trailing zeros kept): 0.5 → "0.50". */
export function fmtFixed(v: unknown, digits: number): string {
  const n = num(v);
  return n === null ? DASH : n.toFixed(digits);
}

/** Compact counts for axes and badges: 1234 → "1.2k", 2500000 → "2.5M". */
export function fmtCompact(v: unknown): string {
  const n = num(v);
  if (n === null) return DASH;
  const a = Math.abs(n);
  const trim = (x: number) => (Math.round(x * 10) / 10).toString();
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (a >= 1e3) return `${trim(n / 1e3)}k`;
  return trim(n);
}

/** A share in [0,1] as a percentage: 0.1234 → "12.3 %" (digits=1). */
export function fmtPct(v: unknown, digits = 0): string {
  const n = num(v);
  if (n === null) return DASH;
  return `${(n * 100).toFixed(digits)}\u202f%`;
}

/** Minutes as "12,345 min". */
export function fmtMinutes(v: unknown): string {
  const n = num(v);
  return n === null ? DASH : `${intFmt.format(Math.round(n))} min`;
}

/** Minutes as hours: 125 → "2 h" (rounded), 12345 → "206 h". */
export function fmtHours(v: unknown): string {
  const n = num(v);
  return n === null ? DASH : `${intFmt.format(Math.round(n / 60))} h`;
}

/**
 * A duration given in minutes, in the two largest units:
 * 0.4 → "24 s", 42.3 → "42 min", 75 → "1 h 15 min", 3000 → "2 d 2 h".
 */
export function fmtDuration(v: unknown): string {
  const n = num(v);
  if (n === null) return DASH;
  if (n < 0) return `−${fmtDuration(-n)}`;
  if (n < 1) return `${Math.round(n * 60)} s`;
  const totalMin = Math.round(n);
  if (totalMin < 60) return `${totalMin} min`;
  const days = Math.floor(totalMin / 1440);
  const hours = Math.floor((totalMin % 1440) / 60);
  const mins = totalMin % 60;
  if (days > 0) return hours > 0 ? `${intFmt.format(days)} d ${hours} h` : `${intFmt.format(days)} d`;
  return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
}

function parseYmd(s: unknown): { y: number; m: number; d: number | null } | null {
  if (typeof s !== 'string') return null;
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = match[3] === undefined ? null : Number(match[3]);
  if (m < 1 || m > 12) return null;
  return { y, m, d };
}

/** "2021-03-04" (or an instant "2021-03-04T05:06:07Z") → "4 Mar 2021". */
export function fmtDate(s: unknown): string {
  const p = parseYmd(s);
  if (!p || p.d === null) return DASH;
  return `${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** "2021-03" → "Mar 2021"; long=true → "March 2021". */
export function fmtMonth(s: unknown, long = false): string {
  const p = parseYmd(s);
  if (!p) return DASH;
  return `${(long ? MONTHS_LONG : MONTHS)[p.m - 1]} ${p.y}`;
}

/** Month abbreviation for 1..12. */
export function monthAbbr(m: number): string {
  return MONTHS[(m - 1 + 12) % 12] ?? '';
}

/**
 * A date range, written compactly: "3–9 Mar 2021", "28 Feb – 6 Mar 2021",
 * "30 Dec 2020 – 5 Jan 2021"; a single day once; months ("2021-03") as
 * "Mar – Jun 2021".
 */
export function fmtRange(from: unknown, to: unknown): string {
  const a = parseYmd(from);
  const b = parseYmd(to);
  if (!a && !b) return DASH;
  if (!a) return `… – ${b!.d === null ? fmtMonth(to) : fmtDate(to)}`;
  if (!b) return `${a.d === null ? fmtMonth(from) : fmtDate(from)} – …`;
  if (a.d === null || b.d === null) {
    if (a.y === b.y && a.m === b.m) return fmtMonth(from);
    if (a.y === b.y) return `${MONTHS[a.m - 1]} – ${MONTHS[b.m - 1]} ${b.y}`;
    return `${fmtMonth(from)} – ${fmtMonth(to)}`;
  }
  if (a.y === b.y && a.m === b.m) {
    return a.d === b.d ? fmtDate(from) : `${a.d}–${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  }
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m - 1]} – ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  return `${fmtDate(from)} – ${fmtDate(to)}`;
}

/** A UTC instant's calendar year, or null. */
export function yearOf(s: unknown): number | null {
  const p = parseYmd(s);
  return p ? p.y : null;
}

/** "12:00"-style hour label: 7 → "07:00". */
export function fmtHour(h: number): string {
  return `${String(h).padStart(2, '0')}:00`;
}

/** A rank change: 3 → "▲ 3", -2 → "▼ 2", 0 → "=", null → "new". */
export function fmtChange(change: unknown): string {
  const n = num(change);
  if (n === null) return 'new';
  if (n > 0) return `▲ ${n}`;
  if (n < 0) return `▼ ${-n}`;
  return '=';
}

/** Pearson r: 0.8234 → "0.82", null → "—". */
export function fmtR(v: unknown): string {
  const n = num(v);
  return n === null ? DASH : n.toFixed(2).replace('-', '−');
}

/** Singular/plural: plural(1, 'day') → "1 day", plural(3, 'day') → "3 days". */
export function plural(n: unknown, one: string, many = `${one}s`): string {
  const v = num(n);
  if (v === null) return `${DASH} ${many}`;
  return `${fmtInt(v)} ${Math.round(v) === 1 ? one : many}`;
}

/** Source ids as people say them: "lastfm" → "Last.fm", "spotify-extended" → "Spotify (extended history)". */
export function sourceName(id: string): string {
  const key = String(id ?? '').toLowerCase();
  const exact: Record<string, string> = {
    spotify: 'Spotify',
    'spotify-extended': 'Spotify (extended history)',
    'spotify-account': 'Spotify (account data)',
    'spotify-account-music': 'Spotify (account data)',
    'spotify-account-podcast': 'Spotify (account data, podcasts)',
    'spotify-account-audiobook': 'Spotify (account data, audiobooks)',
    lastfm: 'Last.fm',
    apple: 'Apple Music',
    'apple-music': 'Apple Music',
    youtube: 'YouTube Music',
    'youtube-music': 'YouTube Music',
    rekordbox: 'rekordbox',
    traktor: 'Traktor',
    serato: 'Serato',
    mixxx: 'Mixxx',
  };
  if (exact[key]) return exact[key];
  const prefixes: [string, string][] = [
    ['spotify', 'Spotify'], ['lastfm', 'Last.fm'], ['apple', 'Apple Music'], ['youtube', 'YouTube Music'],
    ['rekordbox', 'rekordbox'], ['traktor', 'Traktor'], ['serato', 'Serato'], ['mixxx', 'Mixxx'],
  ];
  for (const [p, name] of prefixes) if (key.startsWith(`${p}-`) || key.startsWith(`${p}_`)) return name;
  return String(id ?? '');
}

/** Spotify reason codes, readable: "fwdbtn" → "forward button". */
export function reasonName(reason: string): string {
  const known: Record<string, string> = {
    trackdone: 'track finished',
    fwdbtn: 'forward button',
    backbtn: 'back button',
    endplay: 'stopped',
    logout: 'logged out',
    remote: 'remote control',
    clickrow: 'clicked a row',
    playbtn: 'play button',
    appload: 'app opened',
    trackerror: 'track error',
    unknown: 'unknown',
    'unexpected-exit': 'app closed',
    'unexpected-exit-while-paused': 'app closed while paused',
    'switched-to-video': 'switched to video',
    '': 'not recorded',
  };
  return known[reason] ?? reason;
}

/** Lists of names: ["a","b","c"] → "a, b and c". */
export function joinNames(names: readonly string[]): string {
  if (names.length === 0) return DASH;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
