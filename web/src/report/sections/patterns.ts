import { barList } from '../../shared/barlist';
import { barSet, chartBox, countAxis, lineSet, monthAxis, monthTooltipTitle, pctAxis } from '../../shared/charts';
import { arr, fillMonths, pluck, pluckZero, sum } from '../../shared/data';
import { h, note, s, segmented } from '../../shared/dom';
import {
  DASH,
  fmtDate,
  fmtFixed,
  fmtInt,
  fmtMinutes,
  fmtMonth,
  fmtPct,
  fmtR,
  fmtRange,
  joinNames,
  num,
  plural,
  reasonName,
  sourceName,
} from '../../shared/format';
import { palette, seriesColour } from '../../shared/theme';
import { panel, section, table, tile } from '../section';
import { audioCoverage, crossSeries, hasAudioFeatures, monthIndex, phaseLanes } from '../shape';
import type { AudioMood, Report } from '../types';

type TooltipCtx = { dataset: { label?: string }; parsed: { y: number | null }; dataIndex: number };
const pctLabel = (ctx: TooltipCtx) => `${ctx.dataset.label ?? ''}: ${fmtPct(ctx.parsed.y, 1)}`;

// ---------- discovery ----------

export function discoverySection(r: Report): HTMLElement {
  const d = r.discovery;
  const months = arr(d?.months).filter((m) => typeof m?.month === 'string');
  const forgotten = arr(d?.forgotten_favourites);
  if (months.length === 0 && forgotten.length === 0) {
    return section('discovery', 'Discovery', null, note('Nothing discovered yet: no streams.'));
  }
  const { labels, items } = fillMonths(months);
  const newChart = months.length
    ? chartBox(
        {
          type: 'bar',
          data: {
            labels,
            datasets: [
              barSet('New tracks', pluckZero(items, (m) => m.new_tracks), palette.teal, { yAxisID: 'y', order: 2 }),
              lineSet('New artists', pluckZero(items, (m) => m.new_artists), palette.coral, { yAxisID: 'y1', order: 1 }),
            ] as never,
          },
          options: {
            interaction: { mode: 'index', intersect: false },
            scales: {
              x: monthAxis(labels),
              y: countAxis({ title: { display: true, text: 'tracks' } }),
              y1: countAxis({ position: 'right', grid: { display: false }, title: { display: true, text: 'artists' } }),
            } as never,
            plugins: { tooltip: { callbacks: { title: monthTooltipTitle as never } } },
          },
        },
        { height: 240, label: 'new artists and tracks per month' },
      )
    : note('No months with streams.');
  const recent = pluck(items, (m) => m.recent_share);
  const recentChart = recent.some((v) => v !== null)
    ? chartBox(
        {
          type: 'line',
          data: { labels, datasets: [lineSet('Fresh artists', recent, palette.violet, { fill: true })] as never },
          options: {
            scales: { x: monthAxis(labels), y: pctAxis({ max: undefined, suggestedMax: 0.5 }) } as never,
            plugins: {
              legend: { display: false },
              tooltip: { callbacks: { title: monthTooltipTitle as never, label: pctLabel as never } },
            },
          },
        },
        { height: 240, label: 'share of minutes on recently discovered artists' },
      )
    : note('No month has music minutes to split.');
  const forgottenBody = forgotten.length
    ? table(
        ['Artist', 'Was', 'Minutes that year', 'Last heard'],
        forgotten.map((f) => [h('strong', null, f.name), `#${fmtInt(f.rank)} in ${f.year}`, fmtMinutes(f.minutes), fmtDate(f.last_heard)]),
        { numeric: [2], cls: 'compact' },
      )
    : note('No forgotten favourites: every artist of your past top 10s was heard in the last 12 months.');
  const totalNew = sum(months.map((m) => m.new_artists));
  return section(
    'discovery',
    'Discovery',
    `${plural(totalNew, 'artist')} heard for the first time in this window. An artist or track is new in the month of its first stream ever.`,
    h('div', { class: 'grid-2' }, panel('New music per month', newChart), panel('Minutes on artists found in the last 90 days', recentChart)),
    panel('Forgotten favourites — once in a year’s top 10, silent for the last 12 months', forgottenBody),
  );
}

// ---------- behaviour ----------

export function behaviourSection(r: Report): HTMLElement {
  const b = r.behaviour;
  const months = arr(b?.months).filter((m) => typeof m?.month === 'string');
  const byHour = arr(b?.skip_by_hour);
  const byArtist = arr(b?.skip_by_artist);
  const ends = arr(b?.end_reasons);
  const starts = arr(b?.start_reasons);
  const devices = arr(b?.devices);
  if (!months.length && !byArtist.length && !ends.length && !starts.length && !devices.length) {
    return section('behaviour', 'How you listen', null, note('No plays to describe.'));
  }
  const { labels, items } = fillMonths(months);
  const rates = pluck(items, (m) => m.skip_rate);
  const anyRate = [rates, pluck(items, (m) => m.shuffle_share), pluck(items, (m) => m.offline_share), pluck(items, (m) => m.incognito_share)].some((xs) =>
    xs.some((v) => v !== null),
  );
  const monthChart = anyRate
    ? chartBox(
        {
          type: 'line',
          data: {
            labels,
            datasets: [
              lineSet('Skipped', rates, palette.coral),
              lineSet('Shuffle', pluck(items, (m) => m.shuffle_share), palette.indigo),
              lineSet('Offline', pluck(items, (m) => m.offline_share), palette.teal),
              lineSet('Incognito', pluck(items, (m) => m.incognito_share), palette.slate, { borderDash: [4, 3] }),
            ] as never,
          },
          options: {
            interaction: { mode: 'index', intersect: false },
            scales: { x: monthAxis(labels), y: pctAxis() } as never,
            plugins: { tooltip: { callbacks: { title: monthTooltipTitle as never, label: pctLabel as never } } },
          },
        },
        { height: 260, label: 'skip, shuffle, offline and incognito shares per month' },
      )
    : note('Your sources do not record skips, shuffle, offline or incognito listening (unknown, not zero).');
  const hourVals = Array.from({ length: 24 }, (_, i) => num(byHour[i]));
  const hourChart = hourVals.some((v) => v !== null)
    ? chartBox(
        {
          type: 'bar',
          data: { labels: hourVals.map((_, i) => String(i).padStart(2, '0')), datasets: [barSet('Skip rate', hourVals, palette.coral)] as never },
          options: {
            scales: { x: { grid: { display: false }, ticks: { maxRotation: 0 } }, y: pctAxis({ max: undefined, suggestedMax: 0.5 }) } as never,
            plugins: {
              legend: { display: false },
              tooltip: { callbacks: { title: ((it: { label: string }[]) => `${it[0]?.label ?? ''}:00`) as never, label: pctLabel as never } },
            },
          },
        },
        { height: 280, label: 'skip rate by hour of day' },
      )
    : note('Skip rate by hour: unknown (no source records skips).');
  const artistList = byArtist.length
    ? barList(
        byArtist.map((a) => ({
          label: a.name,
          sub: plural(a.plays, 'play'),
          value: num(a.skip_rate),
          display: fmtPct(a.skip_rate),
          title: `${a.name}: ${a.skip_rate === null ? 'skip rate unknown' : `${fmtPct(a.skip_rate, 1)} skipped`} of ${plural(a.plays, 'play')}`,
        })),
        { max: 1, colour: palette.coral, limit: 5 },
      )
    : note('No artist streamed enough to rate.');
  const reasonList = (rows: { reason: string; plays: number }[], colour: string, empty: string) =>
    rows.length
      ? barList(
          rows.map((x) => ({ label: reasonName(String(x.reason ?? '')), value: num(x.plays), display: fmtInt(x.plays), title: `${x.reason}: ${plural(x.plays, 'play')}` })),
          { colour, limit: 8 },
        )
      : note(empty);
  const deviceList = devices.length
    ? barList(
        devices.map((dv) => ({
          label: dv.device,
          value: num(dv.plays),
          display: plural(dv.plays, 'play'),
          sub: dv.minutes === null ? 'minutes unknown' : fmtMinutes(dv.minutes),
        })),
        { colour: palette.sky, limit: 8 },
      )
    : note('No device recorded.');
  return section(
    'behaviour',
    'How you listen',
    'Shares count only plays whose source records the fact: a gap in a line means unknown, not zero.',
    panel('Skips, shuffle, offline and incognito, month by month', monthChart),
    h('div', { class: 'grid-2' }, panel('Skip rate by hour', hourChart), panel('Skip rate of your most-streamed artists', artistList)),
    h(
      'div',
      { class: 'grid-3' },
      panel('Why plays started', reasonList(starts, palette.teal, 'No start reasons recorded.')),
      panel('Why plays ended', reasonList(ends, palette.amber, 'No end reasons recorded.')),
      panel('Devices', deviceList),
    ),
  );
}

// ---------- phases ----------

export function phasesSection(r: Report): HTMLElement {
  const placed = phaseLanes(arr(r.phases));
  if (placed.length === 0) {
    return section('phases', 'Taste phases', null, note('No taste phases: no artist held 5 % of a month’s music for three months running.'));
  }
  const monthsIdx = arr(r.months)
    .map((m) => (typeof m.month === 'string' ? monthIndex(m.month) : null))
    .filter((x): x is number => x !== null);
  const lo = Math.min(...placed.map((p) => p.start), ...monthsIdx);
  const hi = Math.max(...placed.map((p) => p.end), ...monthsIdx);
  // one row per phase (a Gantt chart), the label beside its bar
  const W = 1100;
  const pad = 8;
  const top = 26;
  const rowH = 34;
  const span = hi - lo + 1;
  const H = top + placed.length * rowH + 6;
  const x = (m: number) => pad + ((m - lo) / span) * (W - 2 * pad);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', 'aria-label': 'taste phases over time' });
  placed.forEach((_, i) => {
    if (i % 2 === 0) svg.appendChild(s('rect', { x: 0, y: top + i * rowH, width: W, height: rowH, class: 'band' }));
  });
  for (let yIdx = Math.ceil(lo / 12) * 12; yIdx <= hi; yIdx += 12) {
    svg.appendChild(s('line', { x1: x(yIdx), x2: x(yIdx), y1: 18, y2: H, class: 'gridline' }));
    svg.appendChild(s('text', { x: x(yIdx) + 4, y: 14, class: 'axis' }, String(yIdx / 12)));
  }
  placed.forEach((p, i) => {
    const x0 = x(p.start);
    const x1 = x(p.end + 1);
    const y = top + i * rowH + 7;
    const bh = rowH - 14;
    const colour = seriesColour(i);
    const names = joinNames(arr(p.phase.artists));
    const meta = ` ${fmtPct(p.phase.share)} of music · ${fmtRange(p.phase.from, p.phase.to)}`;
    const textW = names.length * 8 + meta.length * 6.4; // rough: no layout needed
    const g = s('g', { class: 'phase' });
    g.appendChild(s('rect', { x: x0, y, width: Math.max(6, x1 - x0 - 2), height: bh, rx: bh / 2, fill: colour }));
    const after = x1 + 8 + textW <= W;
    const before = x0 - 8 - textW >= 0;
    const tx = after || !before ? x1 + 8 : x0 - 8;
    const anchor = after || !before ? 'start' : 'end';
    g.appendChild(
      s(
        'text',
        { x: after || before ? tx : x0 + 10, y: y + bh / 2 + 4.5, 'text-anchor': after || before ? anchor : 'start' },
        s('tspan', { class: 'phase-names', fill: after || before ? palette.ink : '#ffffff' }, names),
        s('tspan', { class: 'phase-meta', fill: after || before ? null : '#ffffff' }, meta),
      ),
    );
    g.appendChild(s('title', null, `${names}: ${fmtPct(p.phase.share, 1)} of music minutes, ${fmtRange(p.phase.from, p.phase.to)}`));
    svg.appendChild(g);
  });
  return section(
    'phases',
    'Taste phases',
    'Stretches of at least three months when one or a few artists took 5 % or more of your music each month; the share is theirs over the whole phase.',
    h('div', { class: 'timeline-wrap' }, svg),
  );
}

// ---------- mood ----------

function audioTable(months: AudioMood[]): HTMLElement {
  const rows = [...months].reverse().map((m) => {
    const cov = num(m.coverage);
    const none = cov === null || cov === 0;
    const cell = (v: unknown, digits: number) => (none ? h('span', { class: 'muted' }, DASH) : fmtFixed(v, digits));
    return [fmtMonth(m.month), h('span', { class: 'cov' }, fmtPct(cov)), cell(m.valence, 2), cell(m.energy, 2), cell(m.danceability, 2), none ? h('span', { class: 'muted' }, DASH) : fmtInt(m.tempo)];
  });
  return table(['Month', 'Coverage', 'Valence', 'Energy', 'Danceability', 'Tempo (BPM)'], rows, { numeric: [1, 2, 3, 4, 5], cls: 'compact scroll audio-table' });
}

export function moodSection(r: Report): HTMLElement {
  const beh = arr(r.mood?.behavioural?.months).filter((m) => typeof m?.month === 'string');
  const audio = r.mood?.audio ?? { source: null, months: [] };
  const { labels, items } = fillMonths(beh);
  const behChart = beh.length
    ? chartBox(
        {
          type: 'line',
          data: {
            labels,
            datasets: [
              lineSet('Energy', pluck(items, (m) => m.energy), palette.coral, { borderWidth: 1.6 }),
              lineSet('Restlessness', pluck(items, (m) => m.restlessness), palette.amber, { borderWidth: 1.6 }),
              lineSet('Nocturnality', pluck(items, (m) => m.nocturnality), palette.indigo, { borderWidth: 1.6 }),
              lineSet('Repetition', pluck(items, (m) => m.repetition), palette.pink, { borderWidth: 1.6 }),
              lineSet('Exploration', pluck(items, (m) => m.exploration), palette.teal, { borderWidth: 1.6 }),
            ] as never,
          },
          options: {
            interaction: { mode: 'index', intersect: false },
            scales: { x: monthAxis(labels), y: pctAxis() } as never,
            plugins: { tooltip: { callbacks: { title: monthTooltipTitle as never, label: pctLabel as never } } },
          },
        },
        { height: 280, label: 'behavioural mood per month' },
      )
    : note('No months with music to read a mood from.');
  const defs = h(
    'dl',
    { class: 'defs' },
    h('dt', null, 'Energy'), h('dd', null, 'music minutes per listening day, 3 hours = 100 %'),
    h('dt', null, 'Restlessness'), h('dd', null, 'share of plays skipped (unknown where not recorded)'),
    h('dt', null, 'Nocturnality'), h('dd', null, 'share of minutes started between midnight and 6 am'),
    h('dt', null, 'Repetition'), h('dd', null, '1 − distinct tracks ÷ streams'),
    h('dt', null, 'Exploration'), h('dd', null, 'share of streams on tracks new that month'),
  );

  let audioBody: HTMLElement;
  const am = arr(audio.months).filter((m) => typeof m?.month === 'string');
  if (!hasAudioFeatures(audio)) {
    audioBody = h(
      'div',
      { class: 'notice', 'data-empty': true },
      h('strong', null, 'No audio features'),
      h(
        'p',
        null,
        audio.source
          ? `The feature file (${audio.source}) matched none of your tracks, so there is no valence, energy, tempo or danceability to show.`
          : 'This report was made without audio features, so there is no valence, energy, tempo or danceability to show. Pass --enrich FILE to chorus report with a CSV of track features to add them; nothing is guessed.',
      ),
    );
  } else {
    const cov = audioCoverage(am);
    const filled = fillMonths(am);
    const covOf = (i: number) => filled.items[i]?.coverage ?? null;
    const audioLabel = (ctx: TooltipCtx) => {
      const v = ctx.parsed.y;
      const shown = ctx.dataset.label === 'Tempo' ? `${fmtInt(v)} BPM` : ctx.dataset.label === 'Coverage' ? fmtPct(v) : fmtFixed(v, 2);
      return ctx.dataset.label === 'Coverage' ? `Coverage: ${shown}` : `${ctx.dataset.label}: ${shown} (coverage ${fmtPct(covOf(ctx.dataIndex))})`;
    };
    const chart = chartBox(
      {
        type: 'bar',
        data: {
          labels: filled.labels,
          datasets: [
            barSet('Coverage', pluck(filled.items, (m) => m.coverage), '#c9cde0', { yAxisID: 'y', order: 5 }),
            lineSet('Valence', pluck(filled.items, (m) => m.valence), palette.amber, { yAxisID: 'y', order: 1 }),
            lineSet('Energy', pluck(filled.items, (m) => m.energy), palette.coral, { yAxisID: 'y', order: 1 }),
            lineSet('Danceability', pluck(filled.items, (m) => m.danceability), palette.violet, { yAxisID: 'y', order: 1 }),
            lineSet('Tempo', pluck(filled.items, (m) => m.tempo), palette.slate, { yAxisID: 'y1', order: 1, borderDash: [5, 4] }),
          ] as never,
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: monthAxis(filled.labels),
            y: { type: 'linear', min: 0, max: 1, grid: { color: palette.grid }, border: { display: false }, ticks: { stepSize: 0.25, callback: (v: unknown) => fmtFixed(v, 2) } },
            y1: { type: 'linear', position: 'right', grid: { display: false }, border: { display: false }, title: { display: true, text: 'BPM' } },
          } as never,
          plugins: { tooltip: { callbacks: { title: monthTooltipTitle as never, label: audioLabel as never } } },
        },
      },
      { height: 260, label: 'audio features per month with coverage' },
    );
    audioBody = h(
      'div',
      null,
      h(
        'p',
        { class: 'coverage-banner' },
        `Features from ${audio.source}: ${cov.covered} of ${plural(cov.total, 'month')} have any, covering on average `,
        h('strong', null, fmtPct(cov.meanCoverage)),
        ' of each month’s music minutes. Every figure below is an average over the covered minutes only; the coverage stands beside it.',
      ),
      chart,
      audioTable(am),
    );
  }

  return section(
    'mood',
    'Mood',
    'Read from how you listen, not from what the music is — and, where you supplied audio features, from the music itself.',
    h('div', { class: 'grid-2 wide-left' }, panel('Behavioural mood, month by month', behChart, beh.length ? h('p', { class: 'muted small hint' }, 'Click a name in the legend to hide or show its line.') : null), panel('What the lines mean', defs)),
    panel('Audio mood', audioBody),
  );
}

// ---------- cross-platform ----------

/** Each source keeps one colour wherever it appears. */
function sourceColour(source: string, i: number): string {
  const known: [string, string][] = [['spotify', palette.teal], ['lastfm', palette.coral], ['apple', palette.pink], ['youtube', palette.amber]];
  const key = source.toLowerCase();
  return known.find(([p]) => key.startsWith(p))?.[1] ?? seriesColour(i);
}

export function crossPlatformSection(r: Report): HTMLElement {
  const cp = r.cross_platform;
  if (!cp) {
    const only = arr(r.sources).map((x) => sourceName(x.source));
    return section(
      'cross_platform',
      'Across platforms',
      null,
      note(`Only one source in this history${only.length ? ` (${only.join(', ')})` : ''}: comparing platforms needs exports from two or more.`),
    );
  }
  const { labels, series } = crossSeries(cp);
  const chart = labels.length
    ? chartBox(
        {
          type: 'bar',
          data: {
            labels,
            datasets: series.map((sr, i) => barSet(sourceName(sr.source), sr.data, sourceColour(sr.source, i), { stack: 'plays', borderRadius: 0 })) as never,
          },
          options: {
            interaction: { mode: 'index', intersect: false },
            scales: { x: { ...monthAxis(labels), stacked: true }, y: countAxis({ stacked: true }) } as never,
            plugins: { tooltip: { callbacks: { title: monthTooltipTitle as never } } },
          },
        },
        { height: 260, label: 'plays per month by source' },
      )
    : note('No months with plays.');
  const corr = arr(cp.correlations);
  const uniq = arr(cp.unique_artists);
  const matches = arr(cp.track_matches);
  const matchBody = matches.length
    ? h(
        'div',
        { class: 'grid-3' },
        matches.map((m) =>
          panel(
            `${sourceName(m.source)}: ${fmtPct((num(m.tracks) ?? 0) > 0 ? (num(m.matched) ?? 0) / m.tracks : null)} of tracks also elsewhere`,
            h('p', { class: 'muted small' }, `${fmtInt(m.matched)} of ${plural(m.tracks, 'track')} played on another source too. Only here:`),
            arr(m.only_here).length
              ? barList(
                  arr(m.only_here).map((t) => ({ label: t.title, sub: t.artist, value: num(t.plays), display: plural(t.plays, 'play') })),
                  { colour: sourceColour(m.source, 0), limit: 5 },
                )
              : note('Every track of this source was played elsewhere too.'),
          ),
        ),
      )
    : null;
  const corrBody = corr.length
    ? h(
        'ul',
        { class: 'corr' },
        corr.map((c) =>
          h(
            'li',
            null,
            h('span', null, `${sourceName(c.a)} ↔ ${sourceName(c.b)}`),
            h('strong', null, fmtR(c.r)),
            h('span', { class: 'muted' }, c.r === null ? 'fewer than 3 shared months' : Math.abs(c.r) >= 0.7 ? 'move together' : Math.abs(c.r) >= 0.3 ? 'loosely linked' : 'independent'),
          ),
        ),
      )
    : note('No pair of sources to correlate.');
  return section(
    'cross_platform',
    'Across platforms',
    'Plays (not minutes: some sources record no durations) from each source. A play both sources recorded counts for each.',
    h(
      'div',
      { class: 'tiles' },
      tile('Sources', String(arr(cp.sources).length), joinNames(arr(cp.sources).map(sourceName))),
      tile('Shared plays', fmtInt(cp.shared_plays), 'recorded by more than one source'),
      ...uniq.map((u) => tile(`Only on ${sourceName(u.source)}`, plural(u.count, 'artist'), null)),
    ),
    panel('Plays per month by source', chart),
    h(
      'div',
      { class: 'grid-3' },
      panel('Monthly plays correlation (Pearson r)', corrBody),
      uniq.map((u) =>
        panel(
          `Heard only on ${sourceName(u.source)}`,
          arr(u.top).length ? h('ol', { class: 'plainlist' }, arr(u.top).map((n) => h('li', null, n))) : note('None.'),
        ),
      ),
    ),
    matchBody,
  );
}


// ---------- DJ sets (only when the history has plays from DJ software) ----------

export function djSection(r: Report): HTMLElement | null {
  const dj = r.dj;
  if (!dj) return null;
  const sets = arr(dj.sets).filter((x) => typeof x?.start === 'string');
  const tiles = h(
    'div',
    { class: 'tiles' },
    tile('Sets', fmtInt(sets.length), plural(dj.plays, 'track') + ' played out'),
    tile('Transitions', fmtInt(dj.transitions), 'from one track to the next'),
    tile('Harmonic', fmtPct(dj.harmonic_share), 'of mixes with both keys known'),
    tile('Tempo jumps', fmtPct(dj.tempo_jump_share), 'steps over 6 % in BPM'),
  );
  let flow: HTMLElement = note('No sets.');
  if (sets.length) {
    const recent = [...sets].sort((a, b) => (a.start < b.start ? 1 : -1)).slice(0, 12);
    const holder = h('div');
    const draw = (start: string) => {
      const set = recent.find((x) => x.start === start) ?? recent[0]!;
      const bpm = arr(set.bpm).map((v) => num(v));
      const keys = arr(set.keys);
      holder.replaceChildren(
        h('p', { class: 'muted small' }, `${fmtDate(set.start)} · ${sourceName(set.source)} · ${plural(set.plays, 'track')} · ${fmtPct(set.harmonic_share)} harmonic · ${plural(set.tempo_jumps, 'tempo jump')}`),
        bpm.some((v) => v !== null)
          ? chartBox(
              {
                type: 'line',
                data: { labels: bpm.map((_, i) => String(i + 1)), datasets: [lineSet('BPM', bpm, palette.violet, { pointRadius: 3, tension: 0, cubicInterpolationMode: 'default' })] as never },
                options: {
                  scales: { x: { grid: { display: false }, title: { display: true, text: 'track in set' } }, y: { grid: { color: palette.grid }, border: { display: false }, title: { display: true, text: 'BPM' } } } as never,
                  plugins: {
                    legend: { display: false },
                    tooltip: { callbacks: { label: ((ctx: TooltipCtx) => `${fmtFixed(ctx.parsed.y, 1)} BPM · key ${keys[ctx.dataIndex] ?? DASH}`) as never } },
                  },
                },
              },
              { height: 220, label: 'BPM flow of a DJ set' },
            )
          : note('No BPM known for this set.'),
      );
    };
    draw(recent[0]!.start);
    flow = h(
      'div',
      null,
      h('div', { class: 'controls' }, segmented('Set', recent.map((x) => ({ value: x.start, label: fmtDate(x.start) })), recent[0]!.start, draw)),
      holder,
    );
  }
  const list = (rows: { title: string; artist: string; n: number }[], unit: string, colour: string, empty: string) =>
    rows.length ? barList(rows.map((t) => ({ label: t.title, sub: t.artist, value: t.n, display: plural(t.n, unit) })), { ranked: true, colour, limit: 10 }) : note(empty);
  return section(
    'dj',
    'DJ sets',
    'Runs of tracks from your DJ software with less than an hour between them: the BPM flow, harmonic mixing (Camelot neighbours) and tempo jumps.',
    tiles,
    panel('BPM flow', flow),
    h(
      'div',
      { class: 'grid-2' },
      panel('Played out most', list(arr(dj.played_out).map((t) => ({ title: t.title, artist: t.artist, n: num(t.plays) ?? 0 })), 'play', palette.violet, 'Nothing played out.')),
      panel('Listened to most', list(arr(dj.listened).map((t) => ({ title: t.title, artist: t.artist, n: num(t.streams) ?? 0 })), 'stream', palette.teal, 'No listening-service streams.')),
    ),
  );
}
