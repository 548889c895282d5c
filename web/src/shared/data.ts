// Small data helpers, pure and defensive: report JSON comes from a file the
// listener may have edited or from an older/newer writer, so a missing array
// is an empty array and a missing number is null.

/** x if it is an array, otherwise []. */
export function arr<T>(x: readonly T[] | null | undefined): T[] {
  return Array.isArray(x) ? (x as T[]) : [];
}

/** Sum of the finite numbers in a list (nulls ignored). */
export function sum(xs: readonly unknown[]): number {
  let s = 0;
  for (const x of xs) if (typeof x === 'number' && Number.isFinite(x)) s += x;
  return s;
}

/** Largest finite number in a (possibly nested) list, or 0. */
export function maxOf(xs: readonly unknown[]): number {
  let m = 0;
  for (const x of xs) {
    if (Array.isArray(x)) m = Math.max(m, maxOf(x));
    else if (typeof x === 'number' && Number.isFinite(x)) m = Math.max(m, x);
  }
  return m;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Every month from `first` to `last` inclusive: ("2020-11","2021-02") → 4 months. */
export function monthSeq(first: string, last: string): string[] {
  const a = MONTH_RE.exec(first);
  const b = MONTH_RE.exec(last);
  if (!a || !b) return [];
  let y = Number(a[1]);
  let m = Number(a[2]);
  const ey = Number(b[1]);
  const em = Number(b[2]);
  const out: string[] = [];
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 2400) break; // 200 years: a malformed input, not a history
  }
  return out;
}

/**
 * Items keyed by month laid on a continuous month axis: months without an
 * item get null (the report lists only months with plays, but a chart's time
 * axis must not close the gaps).
 */
export function fillMonths<T extends { month: string }>(
  items: readonly T[],
  first?: string,
  last?: string,
): { labels: string[]; items: (T | null)[] } {
  const valid = items.filter((i) => typeof i?.month === 'string' && MONTH_RE.test(i.month));
  if (valid.length === 0 && (!first || !last)) return { labels: [], items: [] };
  const sorted = valid.map((i) => i.month).sort();
  const lo = first ?? sorted[0]!;
  const hi = last ?? sorted[sorted.length - 1]!;
  const labels = monthSeq(lo < hi ? lo : hi, hi > lo ? hi : lo);
  const byMonth = new Map(valid.map((i) => [i.month, i]));
  return { labels, items: labels.map((l) => byMonth.get(l) ?? null) };
}

/** A value from each filled slot, null where the slot (or the value) is missing. */
export function pluck<T>(items: readonly (T | null)[], f: (t: T) => unknown): (number | null)[] {
  return items.map((i) => {
    if (i === null) return null;
    const v = f(i);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  });
}

/** Like pluck, but a missing month counts as 0 (for counts and minutes, where no plays means 0). */
export function pluckZero<T>(items: readonly (T | null)[], f: (t: T) => unknown): number[] {
  return pluck(items, f).map((v) => v ?? 0);
}

/** Quartile thresholds of the non-zero values, for a 5-level heat scale. */
export function heatThresholds(values: readonly number[]): [number, number, number] {
  const nz = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (nz.length === 0) return [Infinity, Infinity, Infinity];
  const q = (p: number) => nz[Math.min(nz.length - 1, Math.floor(p * nz.length))]!;
  return [q(0.25), q(0.5), q(0.75)];
}

/** Heat level 0 (nothing) … 4 (top quarter) of a value against thresholds. */
export function heatLevel(v: number | null | undefined, t: readonly [number, number, number]): number {
  if (v === null || v === undefined || !Number.isFinite(v) || v <= 0) return 0;
  if (v < t[0]) return 1;
  if (v < t[1]) return 2;
  if (v < t[2]) return 3;
  return 4;
}
