import { barList } from '../../shared/barlist';
import { barSet, chartBox, countAxis } from '../../shared/charts';
import { arr, heatLevel, heatThresholds, sum } from '../../shared/data';
import { h, note, s, segmented } from '../../shared/dom';
import {
  WEEKDAYS,
  fmtDate,
  fmtDuration,
  fmtHour,
  fmtInt,
  fmtMinutes,
  fmtPct,
  fmtRange,
  monthAbbr,
  num,
  plural,
} from '../../shared/format';
import { heat, palette } from '../../shared/theme';
import { panel, section, tile } from '../section';
import { calendarGrid, calendarYears, clockMargins, clockPeak, hasAny } from '../shape';
import type { Report } from '../types';

function legend(): HTMLElement {
  return h(
    'div',
    { class: 'heat-legend' },
    h('span', null, 'less'),
    heat.map((c) => h('span', { class: 'swatch', style: `background:${c}` })),
    h('span', null, 'more'),
  );
}

// ---------- clock ----------

function clockSvg(matrix: number[][], unit: string): SVGSVGElement {
  const cw = 40;
  const ch = 30;
  const gap = 3;
  const left = 44;
  const top = 22;
  const width = left + 24 * cw;
  const height = top + 7 * ch;
  const values = matrix.flat();
  const t = heatThresholds(values);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'heatmap clock-map', role: 'img', 'aria-label': `listening clock, ${unit} by weekday and hour` });
  for (let hr = 0; hr < 24; hr += 3) {
    svg.appendChild(s('text', { x: left + hr * cw + 2, y: 14, class: 'axis' }, fmtHour(hr)));
  }
  matrix.forEach((row, d) => {
    svg.appendChild(s('text', { x: 0, y: top + d * ch + ch / 2 + 4, class: 'axis' }, WEEKDAYS[d] ?? ''));
    row.forEach((v, hr) => {
      const lvl = heatLevel(v, t);
      svg.appendChild(
        s(
          'rect',
          { x: left + hr * cw, y: top + d * ch, width: cw - gap, height: ch - gap, rx: 4, fill: heat[lvl], 'data-level': lvl },
          s('title', null, `${WEEKDAYS[d]} ${fmtHour(hr)}–${fmtHour((hr + 1) % 24)}: ${fmtInt(v)} ${unit}`),
        ),
      );
    });
  });
  return svg;
}

function normClock(m: unknown): number[][] {
  const rows = arr(m as number[][]);
  return Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, hr) => num(arr(rows[d])[hr]) ?? 0));
}

export function clockSection(r: Report): HTMLElement {
  const clock = r.clock ?? { minutes: [], streams: [] };
  if (!hasAny(clock.minutes) && !hasAny(clock.streams)) {
    return section('clock', 'Listening clock', null, note('No plays to place on the clock.'));
  }
  const minutes = normClock(clock.minutes);
  const streams = normClock(clock.streams);
  const holder = h('div', { class: 'clock-holder' });
  const insights = h('div', { class: 'insights' });
  const draw = (measure: 'minutes' | 'streams') => {
    const m = measure === 'minutes' ? minutes : streams;
    holder.replaceChildren(clockSvg(m, measure));
    const peak = clockPeak(m);
    const { byHour, byWeekday } = clockMargins(m);
    const total = sum(byHour);
    const night = sum(byHour.slice(0, 6));
    const busiestDay = byWeekday.indexOf(Math.max(...byWeekday));
    const busiestHour = byHour.indexOf(Math.max(...byHour));
    const weekend = (byWeekday[5] ?? 0) + (byWeekday[6] ?? 0);
    insights.replaceChildren(
      tile('Peak slot', peak ? `${WEEKDAYS[peak.weekday]} ${fmtHour(peak.hour)}` : '—', peak ? `${fmtInt(peak.value)} ${measure} in that hour` : null),
      tile('Busiest day', total > 0 ? (WEEKDAYS[busiestDay] ?? '—') : '—', total > 0 ? `${fmtPct((byWeekday[busiestDay] ?? 0) / total)} of ${measure}` : null),
      tile('Busiest hour', total > 0 ? fmtHour(busiestHour) : '—', total > 0 ? `${fmtPct((byHour[busiestHour] ?? 0) / total)} of ${measure}` : null),
      tile('Night owl', total > 0 ? fmtPct(night / total) : '—', 'started 00:00–05:59'),
      tile('Weekend', total > 0 ? fmtPct(weekend / total) : '—', 'Saturday and Sunday'),
    );
  };
  const initial = hasAny(minutes) ? 'minutes' : 'streams'; // Last.fm-only histories have no minutes
  draw(initial);
  return section(
    'clock',
    'Listening clock',
    'When in the week you press play: each cell is one hour of one weekday, in your local time, counted at the start of each play.',
    h(
      'div',
      { class: 'controls' },
      segmented('Measure', [{ value: 'minutes', label: 'minutes' }, { value: 'streams', label: 'streams' }], initial, (v) => draw(v as 'minutes' | 'streams')),
      legend(),
    ),
    holder,
    insights,
  );
}

// ---------- calendar ----------

type DayMeasure = 'minutes' | 'streams';

function calendarSvg(r: Report, year: number, t: [number, number, number], measure: DayMeasure): SVGSVGElement {
  const g = calendarGrid(arr(r.calendar), year);
  const cell = 15;
  const gap = 3;
  const left = 30;
  const top = 16;
  const width = left + 53 * cell + 2;
  const height = top + 7 * cell;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'heatmap calendar-map', role: 'img', 'aria-label': `days with plays in ${year}` });
  for (const ms of g.monthStarts) {
    svg.appendChild(s('text', { x: left + ms.week * cell, y: 11, class: 'axis' }, monthAbbr(ms.month)));
  }
  [0, 2, 4].forEach((d) => svg.appendChild(s('text', { x: 0, y: top + d * cell + cell - 4, class: 'axis' }, WEEKDAYS[d] ?? '')));
  for (const c of g.cells) {
    const lvl = heatLevel(measure === 'minutes' ? c.minutes : c.streams, t);
    svg.appendChild(
      s(
        'rect',
        { x: left + c.week * cell, y: top + c.weekday * cell, width: cell - gap, height: cell - gap, rx: 2.5, fill: heat[lvl], 'data-level': lvl },
        s('title', null, c.minutes === null ? `${fmtDate(c.date)}: no plays` : `${fmtDate(c.date)}: ${fmtMinutes(c.minutes)}, ${plural(c.streams, 'stream')}`),
      ),
    );
  }
  return svg;
}

export function calendarSection(r: Report): HTMLElement {
  const days = arr(r.calendar);
  const years = calendarYears(days);
  if (years.length === 0) return section('calendar', 'Every day', null, note('No days with plays.'));
  const measure: DayMeasure = days.some((d) => (num(d.minutes) ?? 0) > 0) ? 'minutes' : 'streams';
  const t = heatThresholds(days.map((d) => num(d[measure]) ?? 0));
  const rows = years.map((y) => {
    const g = calendarGrid(days, y);
    return h(
      'div',
      { class: 'cal-year' },
      h('div', { class: 'cal-label' }, h('strong', null, String(y)), h('span', null, plural(g.days, 'day')), measure === 'minutes' ? h('span', null, fmtMinutes(g.minutes)) : null),
      calendarSvg(r, y, t, measure),
    );
  });
  return section(
    'calendar',
    'Every day',
    `One square per day, darker for more ${measure} (quartiles of your listening days). Hover a square for its numbers.`,
    h('div', { class: 'controls' }, h('span', { class: 'muted' }, `${plural(days.length, 'day')} with plays`), legend()),
    h('div', { class: 'calendar' }, rows),
  );
}

// ---------- sessions ----------

export function sessionsSection(r: Report): HTMLElement {
  const se = r.sessions;
  if (!se || !(num(se.count) ?? 0)) return section('sessions', 'Sessions', null, note('No listening sessions.'));
  const hist = arr(se.length_histogram);
  const hours = arr(se.start_hours);
  const longest = se.longest;
  const tiles = h(
    'div',
    { class: 'tiles' },
    tile('Sessions', fmtInt(se.count), `a new one after ${plural(se.gap_minutes, 'minute')} of silence`),
    tile('Typical session', fmtDuration(se.median_minutes), 'median length'),
    tile('Average session', fmtDuration(se.mean_minutes), 'mean length'),
    tile(
      'Longest session',
      longest ? fmtDuration(longest.minutes) : '—',
      longest ? `${plural(longest.plays, 'play')} · ${fmtDate(longest.start)}` : null,
    ),
  );
  const histChart = hist.length
    ? chartBox(
        {
          type: 'bar',
          data: { labels: hist.map((b) => b.label), datasets: [barSet('Sessions', hist.map((b) => num(b.count) ?? 0), palette.teal)] as never },
          options: { plugins: { legend: { display: false } }, scales: { x: { grid: { display: false }, ticks: { maxRotation: 0 } }, y: countAxis() } as never },
        },
        { height: 230, label: 'session lengths' },
      )
    : note('No length histogram.');
  const hourChart =
    hours.length && sum(hours) > 0
      ? chartBox(
          {
            type: 'bar',
            data: {
              labels: hours.map((_, i) => String(i).padStart(2, '0')),
              datasets: [barSet('Sessions started', hours.map((v) => num(v) ?? 0), palette.violet)] as never,
            },
            options: {
              plugins: { legend: { display: false }, tooltip: { callbacks: { title: ((items: { label: string }[]) => `${items[0]?.label ?? ''}:00`) as never } } },
              scales: { x: { grid: { display: false }, ticks: { maxRotation: 0 } }, y: countAxis() } as never,
            },
          },
          { height: 230, label: 'sessions by start hour' },
        )
      : note('No session start hours.');
  return section(
    'sessions',
    'Sessions',
    'A session is a run of plays with no gap longer than the gap below.',
    tiles,
    h('div', { class: 'grid-2' }, panel('How long sessions last', histChart), panel('When sessions start', hourChart)),
  );
}

// ---------- streaks ----------

export function streaksSection(r: Report): HTMLElement {
  const st = r.streaks;
  const ld = st?.longest_days ?? null;
  const ar = st?.artist ?? null;
  const obs = arr(st?.obsessions);
  if (!ld && !ar && obs.length === 0) return section('streaks', 'Streaks & obsessions', null, note('No streaks yet.'));
  const tiles = h(
    'div',
    { class: 'tiles two' },
    tile('Longest daily streak', ld ? plural(ld.days, 'day') : '—', ld ? `in a row with a play, ${fmtRange(ld.from, ld.to)}` : 'not enough days'),
    tile('Longest artist streak', ar ? plural(ar.days, 'day') : '—', ar ? `${ar.name} every day, ${fmtRange(ar.from, ar.to)}` : 'no artist two days running'),
  );
  const list = obs.length
    ? barList(
        obs.map((o) => ({
          label: o.title,
          sub: `${o.artist} · ${fmtRange(o.from, o.to)}`,
          value: num(o.plays),
          display: `${fmtInt(o.plays)}×`,
          title: `${o.title} — ${o.artist}: ${plural(o.plays, 'stream')} in 7 days`,
        })),
        { ranked: true, colour: palette.pink },
      )
    : note('No track was played 5 times in one week.');
  return section(
    'streaks',
    'Streaks & obsessions',
    'Your longest runs of consecutive days, and the tracks you could not stop playing within a single week.',
    tiles,
    panel('On repeat: most streams in any 7 days', list),
  );
}
