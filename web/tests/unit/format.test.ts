import { describe, expect, it } from 'vitest';
import {
  DASH, fmtChange, fmtCompact, fmtDate, fmtDuration, fmtFixed, fmtHour, fmtHours, fmtInt, fmtMinutes, fmtMonth,
  fmtPct, fmtR, fmtRange, joinNames, num, plural, reasonName, sourceName, yearOf,
} from '../../src/shared/format';

describe('null handling', () => {
  it('shows null, undefined and NaN as a dash, never as 0', () => {
    for (const f of [fmtInt, fmtMinutes, fmtHours, fmtDuration, fmtPct, fmtCompact, fmtR, fmtDate, fmtMonth]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
    }
    expect(fmtInt(Number.NaN)).toBe(DASH);
    expect(fmtFixed(null, 2)).toBe(DASH);
    expect(num('12')).toBeNull();
    expect(num(Infinity)).toBeNull();
    expect(num(0)).toBe(0);
  });
  it('keeps a real 0 as 0', () => {
    expect(fmtInt(0)).toBe('0');
    expect(fmtPct(0)).toBe('0\u202f%');
    expect(fmtMinutes(0)).toBe('0 min');
  });
});

describe('numbers', () => {
  it('groups thousands and rounds', () => {
    expect(fmtInt(252555.8)).toBe('252,556');
    expect(fmtInt(1234567)).toBe('1,234,567');
    expect(fmtInt(-1500.4)).toBe('-1,500');
  });
  it('compacts axis labels', () => {
    expect(fmtCompact(950)).toBe('950');
    expect(fmtCompact(1234)).toBe('1.2k');
    expect(fmtCompact(15400)).toBe('15k');
    expect(fmtCompact(2_500_000)).toBe('2.5M');
    expect(fmtCompact(0.25)).toBe('0.3');
  });
  it('formats shares as percentages', () => {
    expect(fmtPct(0.1234)).toBe('12\u202f%');
    expect(fmtPct(0.1234, 1)).toBe('12.3\u202f%');
    expect(fmtPct(1)).toBe('100\u202f%');
  });
  it('formats Pearson r with a real minus sign', () => {
    expect(fmtR(0.8734)).toBe('0.87');
    expect(fmtR(-0.5)).toBe('−0.50');
  });
  it('writes plurals', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(71, 'day')).toBe('71 days');
    expect(plural(1200, 'play')).toBe('1,200 plays');
    expect(plural(null, 'play')).toBe('— plays');
  });
});

describe('minutes and durations', () => {
  it('formats minutes and hours', () => {
    expect(fmtMinutes(9850.5)).toBe('9,851 min');
    expect(fmtHours(252555.8)).toBe('4,209 h');
    expect(fmtHours(29)).toBe('0 h');
  });
  it('writes durations in their two largest units', () => {
    expect(fmtDuration(0.4)).toBe('24 s');
    expect(fmtDuration(42.3)).toBe('42 min');
    expect(fmtDuration(60)).toBe('1 h');
    expect(fmtDuration(75)).toBe('1 h 15 min');
    expect(fmtDuration(748.4)).toBe('12 h 28 min');
    expect(fmtDuration(3000)).toBe('2 d 2 h');
    expect(fmtDuration(2880)).toBe('2 d');
  });
});

describe('dates', () => {
  it('formats dates, instants and months without time-zone drift', () => {
    expect(fmtDate('2021-03-04')).toBe('4 Mar 2021');
    expect(fmtDate('2024-11-28T22:03:51Z')).toBe('28 Nov 2024');
    expect(fmtDate('2021-03')).toBe(DASH);
    expect(fmtMonth('2021-03')).toBe('Mar 2021');
    expect(fmtMonth('2021-12', true)).toBe('December 2021');
    expect(fmtMonth('2021-13')).toBe(DASH);
    expect(yearOf('2019-03-04T07:41:12Z')).toBe(2019);
    expect(fmtHour(7)).toBe('07:00');
  });
  it('writes ranges compactly', () => {
    expect(fmtRange('2021-03-03', '2021-03-09')).toBe('3–9 Mar 2021');
    expect(fmtRange('2021-02-28', '2021-03-06')).toBe('28 Feb – 6 Mar 2021');
    expect(fmtRange('2020-12-30', '2021-01-05')).toBe('30 Dec 2020 – 5 Jan 2021');
    expect(fmtRange('2021-03-03', '2021-03-03')).toBe('3 Mar 2021');
    expect(fmtRange('2021-03', '2021-06')).toBe('Mar – Jun 2021');
    expect(fmtRange('2020-07', '2021-02')).toBe('Jul 2020 – Feb 2021');
    expect(fmtRange(null, null)).toBe(DASH);
    expect(fmtRange('2021-03-03', null)).toBe('3 Mar 2021 – …');
  });
});

describe('words', () => {
  it('shows rank changes', () => {
    expect(fmtChange(3)).toBe('▲ 3');
    expect(fmtChange(-2)).toBe('▼ 2');
    expect(fmtChange(0)).toBe('=');
    expect(fmtChange(null)).toBe('new');
  });
  it('names sources and reasons', () => {
    expect(sourceName('lastfm')).toBe('Last.fm');
    expect(sourceName('spotify')).toBe('Spotify');
    expect(sourceName('tidal')).toBe('tidal');
    expect(sourceName('spotify-extended')).toBe('Spotify (extended history)');
    expect(sourceName('lastfm-csv')).toBe('Last.fm');
    expect(sourceName('rekordbox-history')).toBe('rekordbox');
    expect(reasonName('fwdbtn')).toBe('forward button');
    expect(reasonName('')).toBe('not recorded');
    expect(reasonName('something-new')).toBe('something-new');
  });
  it('joins names', () => {
    expect(joinNames([])).toBe(DASH);
    expect(joinNames(['a'])).toBe('a');
    expect(joinNames(['a', 'b'])).toBe('a and b');
    expect(joinNames(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
