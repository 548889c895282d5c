import { describe, expect, it } from 'vitest';
import { arr, fillMonths, heatLevel, heatThresholds, maxOf, monthSeq, pluck, pluckZero, sum } from '../../src/shared/data';

describe('data helpers', () => {
  it('treats a missing list as empty', () => {
    expect(arr(null)).toEqual([]);
    expect(arr(undefined)).toEqual([]);
    expect(arr([1, 2])).toEqual([1, 2]);
  });
  it('sums and maxes only finite numbers', () => {
    expect(sum([1, null, 2.5, undefined, Number.NaN, 'x'])).toBe(3.5);
    expect(maxOf([[1, 5], [3, null], 2])).toBe(5);
    expect(maxOf([])).toBe(0);
  });
  it('lists months across years', () => {
    expect(monthSeq('2020-11', '2021-02')).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(monthSeq('2021-02', '2021-02')).toEqual(['2021-02']);
    expect(monthSeq('bad', '2021-02')).toEqual([]);
  });
  it('fills months without plays with null, keeping the axis continuous', () => {
    const items = [
      { month: '2021-09', v: 3 },
      { month: '2021-07', v: 1 },
    ];
    const { labels, items: filled } = fillMonths(items);
    expect(labels).toEqual(['2021-07', '2021-08', '2021-09']);
    expect(filled.map((i) => i?.v ?? null)).toEqual([1, null, 3]);
    expect(pluck(filled, (i) => i.v)).toEqual([1, null, 3]);
    expect(pluckZero(filled, (i) => i.v)).toEqual([1, 0, 3]);
    expect(fillMonths([])).toEqual({ labels: [], items: [] });
  });
  it('keeps a null value null (unknown is not 0)', () => {
    const { items } = fillMonths([{ month: '2021-01', rate: null as number | null }]);
    expect(pluck(items, (i) => i.rate)).toEqual([null]);
  });
  it('puts values on a 5-level heat scale by quartiles', () => {
    const t = heatThresholds([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t).toEqual([3, 5, 7]);
    expect(heatLevel(0, t)).toBe(0);
    expect(heatLevel(null, t)).toBe(0);
    expect(heatLevel(1, t)).toBe(1);
    expect(heatLevel(4, t)).toBe(2);
    expect(heatLevel(6, t)).toBe(3);
    expect(heatLevel(8, t)).toBe(4);
    expect(heatLevel(5, heatThresholds([]))).toBe(1);
  });
});
