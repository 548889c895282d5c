import { barList } from '../../shared/barlist';
import { barSet, chartBox, countAxis, lineSet, monthAxis, monthTooltipTitle } from '../../shared/charts';
import { arr, fillMonths, pluck, pluckZero } from '../../shared/data';
import { h, note, segmented } from '../../shared/dom';
import {
  fmtChange,
  fmtHours,
  fmtInt,
  fmtMinutes,
  fmtRange,
  num,
  plural,
  sourceName,
} from '../../shared/format';
import { palette } from '../../shared/theme';
import { panel, section, table } from '../section';
import { topRows, windowLabel, type TopKind, type TopMeasure } from '../shape';
import type { Period, Report } from '../types';

// ---------- totals ----------

function card(key: string, label: string, value: unknown, shown: string, sub: string | null, accent: string, lead = false): HTMLElement {
  return h(
    'div',
    { class: lead ? 'stat lead' : 'stat', 'data-key': key, 'data-value': num(value) === null ? '' : String(value), style: `--accent:${accent}` },
    h('div', { class: 'stat-label' }, label),
    h('div', { class: 'stat-value' }, shown),
    sub ? h('div', { class: 'stat-sub' }, sub) : null,
  );
}

export function totalsSection(r: Report): HTMLElement {
  const t = r.totals ?? ({} as Report['totals']);
  const minutes = num(t.minutes);
  const days = minutes === null ? null : minutes / 1440;
  const span = t.first_end || t.last_end ? fmtRange(t.first_end, t.last_end) : null;
  // minutes are 0 when no source records durations (Last.fm, YouTube): say so rather than imply silence
  const sources = arr(r.sources);
  const noDurations = sources.length > 0 && sources.every((x) => x.has_duration === false);
  const durSub = (text: string) => (noDurations ? 'your sources record no durations' : text);
  const cards = h(
    'div',
    { class: 'stats' },
    card('minutes', 'Minutes listened', t.minutes, fmtInt(t.minutes),
      minutes === null ? null : durSub(`≈ ${fmtHours(minutes)} · ${days! >= 10 ? fmtInt(days) : (days ?? 0).toFixed(1)} days of sound`), palette.indigo, true),
    card('plays', 'Plays', t.plays, fmtInt(t.plays), 'music, podcasts and audiobooks', palette.teal),
    card('streams', 'Streams', t.streams, fmtInt(t.streams), 'music plays of 30 s or more', palette.sky),
    card('music_minutes', 'Music minutes', t.music_minutes, fmtInt(t.music_minutes), durSub(`${fmtHours(t.music_minutes)} of music`), palette.violet),
    card('artists', 'Artists', t.artists, fmtInt(t.artists), 'distinct artists', palette.coral),
    card('tracks', 'Tracks', t.tracks, fmtInt(t.tracks), 'distinct songs', palette.pink),
    card('albums', 'Albums', t.albums, fmtInt(t.albums), 'distinct albums', palette.amber),
    card('listening_days', 'Listening days', t.listening_days, fmtInt(t.listening_days), span, palette.slate),
    card('podcast_minutes', 'Podcast minutes', t.podcast_minutes, fmtInt(t.podcast_minutes), durSub(`${fmtHours(t.podcast_minutes)} of talk`), palette.amber),
  );
  const srcList = sources.length
    ? h(
        'ul',
        { class: 'sources' },
        sources.map((s) =>
          h(
            'li',
            null,
            h('strong', null, sourceName(s.source)),
            ` ${plural(s.plays, 'play')}`,
            s.has_duration === false ? ' · no durations in this source' : ` · ${fmtMinutes(s.minutes)}`,
          ),
        ),
      )
    : null;
  return section('totals', 'At a glance', span ? `Everything from ${span}.` : 'No plays in this history.', cards, srcList);
}

// ---------- years and months ----------

function periodChart(labels: string[], items: (Period | null)[], isMonth: boolean): HTMLElement {
  const minutes = pluckZero(items, (p) => p.minutes);
  const streams = pluckZero(items, (p) => p.streams);
  // a history whose sources record no durations (Last.fm only) has streams but no minutes
  const withMinutes = minutes.some((v) => v > 0) || !streams.some((v) => v > 0);
  const datasets = withMinutes
    ? [
        barSet('Minutes', minutes, palette.indigo, { yAxisID: 'y', order: 2 }),
        lineSet('Streams', streams, palette.coral, { yAxisID: 'y1', order: 1, pointRadius: isMonth ? 0 : 3 }),
      ]
    : [barSet('Streams', streams, palette.coral, { yAxisID: 'y' })];
  return chartBox(
    {
      type: 'bar',
      data: { labels, datasets: datasets as never },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: isMonth ? monthAxis(labels) : { grid: { display: false }, ticks: { maxRotation: 0 } },
          y: countAxis({ title: { display: true, text: withMinutes ? 'minutes' : 'streams' } }),
          y1: countAxis({ display: withMinutes, position: 'right', grid: { display: false }, title: { display: true, text: 'streams' } }),
        } as never,
        plugins: isMonth ? { tooltip: { callbacks: { title: monthTooltipTitle as never } } } : {},
      },
    },
    { height: isMonth ? 260 : 240, label: isMonth ? 'minutes and streams per month' : 'minutes and streams per year' },
  );
}

export function yearsSection(r: Report): HTMLElement {
  const years = arr(r.years).filter((y) => typeof y?.year === 'number');
  if (years.length === 0) return section('years', 'Year by year', null, note('No full year with plays yet.'));
  const labels = years.map((y) => String(y.year));
  const rows = [...years].reverse().map((y) => [
    h('strong', null, String(y.year)),
    fmtInt(y.minutes),
    fmtInt(y.streams),
    fmtInt(y.artists),
    fmtInt(y.tracks),
    fmtInt(y.albums),
    fmtInt(y.days),
  ]);
  return section(
    'years',
    'Year by year',
    'Minutes (bars) and streams (line) per calendar year, with how wide you listened.',
    h(
      'div',
      { class: 'grid-2' },
      panel(null, periodChart(labels, years, false)),
      table(['Year', 'Minutes', 'Streams', 'Artists', 'Tracks', 'Albums', 'Days'], rows, { numeric: [1, 2, 3, 4, 5, 6], cls: 'compact' }),
    ),
  );
}

export function monthsSection(r: Report): HTMLElement {
  const months = arr(r.months).filter((m) => typeof m?.month === 'string') as (Period & { month: string })[];
  if (months.length === 0) return section('months', 'Month by month', null, note('No months with plays.'));
  const { labels, items } = fillMonths(months);
  const distinct = chartBox(
    {
      type: 'line',
      data: {
        labels,
        datasets: [
          lineSet('Distinct tracks', pluckZero(items, (p) => p.tracks), palette.teal, { fill: true }),
          lineSet('Distinct artists', pluckZero(items, (p) => p.artists), palette.amber),
          lineSet('Distinct albums', pluckZero(items, (p) => p.albums), palette.pink, { borderDash: [4, 3] }),
        ] as never,
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: { x: monthAxis(labels), y: countAxis() } as never,
        plugins: { tooltip: { callbacks: { title: monthTooltipTitle as never } } },
      },
    },
    { height: 220, label: 'distinct tracks, artists and albums per month' },
  );
  const days = chartBox(
    {
      type: 'bar',
      data: { labels, datasets: [barSet('Days with plays', pluck(items, (p) => p.days), palette.sky)] as never },
      options: {
        scales: { x: monthAxis(labels), y: countAxis({ suggestedMax: 31 }) } as never,
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: monthTooltipTitle as never } } },
      },
    },
    { height: 220, label: 'listening days per month' },
  );
  return section(
    'months',
    'Month by month',
    'Each month you listened: minutes and streams, how many different tracks, artists and albums, and on how many days.',
    panel('Minutes and streams', periodChart(labels, items, true)),
    h('div', { class: 'grid-2' }, panel('Variety', distinct), panel('Days with plays', days)),
  );
}

// ---------- top lists ----------

const KINDS: { kind: TopKind; title: string; empty: string }[] = [
  { kind: 'artists', title: 'Artists', empty: 'No artists in this window.' },
  { kind: 'tracks', title: 'Tracks', empty: 'No tracks in this window.' },
  { kind: 'albums', title: 'Albums', empty: 'No albums in this window.' },
  { kind: 'shows', title: 'Podcasts', empty: 'No podcasts in this window.' },
];

export function topSection(r: Report): HTMLElement {
  const windows = arr(r.top);
  if (windows.length === 0) return section('top', 'Top lists', null, note('No top lists: no plays.'));
  let current = windows[0]!;
  let measure: TopMeasure = 'minutes';
  const body = h('div', { class: 'grid-2 top-grid' });
  const draw = () => {
    body.replaceChildren(
      ...KINDS.map(({ kind, title, empty }) => {
        const rows = topRows(current, kind, measure);
        const countUnit = kind === 'shows' ? 'plays' : 'streams';
        const unit = measure === 'minutes' ? 'min' : countUnit;
        // the other measure goes on the second line (after the artist, for tracks and albums)
        const other = (row: { minutes: number | null; count: number | null }) =>
          measure === 'minutes' ? `${fmtInt(row.count)} ${countUnit}` : fmtMinutes(row.minutes);
        return panel(
          title,
          rows.length === 0
            ? note(empty)
            : barList(
                rows.map((row) => ({
                  label: row.primary,
                  sub: row.secondary ? `${row.secondary} · ${other(row)}` : other(row),
                  value: row.value,
                  display: `${fmtInt(row.value)} ${unit}`,
                  title: `${row.primary}${row.secondary ? ` — ${row.secondary}` : ''}: ${fmtMinutes(row.minutes)}, ${fmtInt(row.count)} ${kind === 'shows' ? 'plays' : 'streams'}`,
                })),
                { ranked: true, limit: 10, colour: kind === 'shows' ? palette.amber : undefined },
              ),
        );
      }),
    );
    body.setAttribute('data-window', current.label);
  };
  draw();
  const controls = h(
    'div',
    { class: 'controls' },
    segmented(
      'Time window',
      windows.map((w) => ({ value: String(w.label), label: windowLabel(w) })),
      String(current.label),
      (v) => {
        current = windows.find((w) => String(w.label) === v) ?? current;
        draw();
      },
    ),
    segmented(
      'Rank by',
      [
        { value: 'minutes', label: 'by minutes' },
        { value: 'streams', label: 'by streams' },
      ],
      measure,
      (v) => {
        measure = v as TopMeasure;
        draw();
      },
    ),
  );
  return section('top', 'Top lists', 'Your most played, for the whole history or one year at a time. Podcasts count plays instead of streams.', controls, body);
}

// ---------- year over year ----------

export function yearOverYearSection(r: Report): HTMLElement {
  const changes = arr(r.year_over_year).filter((c) => typeof c?.year === 'number').sort((a, b) => b.year - a.year);
  if (changes.length === 0) {
    return section('year_over_year', 'Year over year', null, note('Year-over-year changes need two calendar years with plays.'));
  }
  let current = changes[0]!;
  const body = h('div', { class: 'yoy' });
  const draw = () => {
    const artists = arr(current.artists);
    const rows = artists.map((a) => {
      const c = num(a.change);
      const cls = c === null ? 'new' : c > 0 ? 'up' : c < 0 ? 'down' : 'same';
      return h(
        'li',
        null,
        h('span', { class: 'rank' }, String(a.rank)),
        h('span', { class: `change ${cls}` }, fmtChange(a.change)),
        h('span', { class: 'name' }, a.name),
        h('span', { class: 'prev' }, num(a.previous_rank) === null ? `new in ${current.year}` : `#${a.previous_rank} in ${current.previous}`),
      );
    });
    const chips = (names: string[], cls: string, empty: string) =>
      names.length ? h('ul', { class: `chips ${cls}` }, names.map((n) => h('li', null, n))) : h('p', { class: 'note' }, empty);
    body.replaceChildren(
      panel(
        `Top artists of ${current.year}, against ${current.previous}`,
        rows.length ? h('ol', { class: 'ranklist' }, rows) : note('No artists this year.'),
      ),
      h(
        'div',
        { class: 'yoy-side' },
        panel(`New entries in ${current.year}`, chips(arr(current.new_entries), 'new', 'No newcomers: the same artists as the year before.')),
        panel(`Dropped out since ${current.previous}`, chips(arr(current.drop_outs), 'gone', 'Nobody dropped out.')),
      ),
    );
  };
  draw();
  const controls = h(
    'div',
    { class: 'controls' },
    segmented(
      'Year',
      changes.map((c) => ({ value: String(c.year), label: `${c.previous} → ${c.year}` })),
      String(current.year),
      (v) => {
        current = changes.find((c) => String(c.year) === v) ?? current;
        draw();
      },
    ),
  );
  return section(
    'year_over_year',
    'Year over year',
    'How your top 20 artists by minutes moved from one year to the next: ▲ climbed, ▼ fell.',
    controls,
    body,
  );
}

