import { drawPendingCharts } from '../shared/charts';
import { arr } from '../shared/data';
import { h } from '../shared/dom';
import { fmtInt, fmtRange, joinNames, sourceName } from '../shared/format';
import { calendarSection, clockSection, sessionsSection, streaksSection } from './sections/time';
import { monthsSection, topSection, totalsSection, yearOverYearSection, yearsSection } from './sections/overview';
import { behaviourSection, crossPlatformSection, discoverySection, djSection, moodSection, phasesSection } from './sections/patterns';
import { section } from './section';
import { yearSpan } from './shape';
import type { Report, SectionName } from './types';

const BUILDERS: { name: SectionName; title: string; nav: string; build: (r: Report) => HTMLElement | null }[] = [
  { name: 'totals', title: 'At a glance', nav: 'Totals', build: totalsSection },
  { name: 'years', title: 'Year by year', nav: 'Years', build: yearsSection },
  { name: 'months', title: 'Month by month', nav: 'Months', build: monthsSection },
  { name: 'top', title: 'Top lists', nav: 'Top', build: topSection },
  { name: 'year_over_year', title: 'Year over year', nav: 'Year over year', build: yearOverYearSection },
  { name: 'clock', title: 'Listening clock', nav: 'Clock', build: clockSection },
  { name: 'calendar', title: 'Every day', nav: 'Calendar', build: calendarSection },
  { name: 'sessions', title: 'Sessions', nav: 'Sessions', build: sessionsSection },
  { name: 'streaks', title: 'Streaks & obsessions', nav: 'Streaks', build: streaksSection },
  { name: 'discovery', title: 'Discovery', nav: 'Discovery', build: discoverySection },
  { name: 'behaviour', title: 'How you listen', nav: 'Behaviour', build: behaviourSection },
  { name: 'phases', title: 'Taste phases', nav: 'Phases', build: phasesSection },
  { name: 'mood', title: 'Mood', nav: 'Mood', build: moodSection },
  { name: 'cross_platform', title: 'Across platforms', nav: 'Platforms', build: crossPlatformSection },
  { name: 'dj', title: 'DJ sets', nav: 'DJ', build: djSection }, // only with plays from DJ software
];

function favourite(r: Report): string {
  const all = arr(r.top).find((w) => w.label === 'all');
  const byMinutes = arr(all?.artists_by_minutes)[0];
  const first = byMinutes && byMinutes.minutes > 0 ? byMinutes : arr(all?.artists_by_streams)[0];
  return first?.name ? ` Most played: ${first.name}.` : '';
}

function hero(r: Report): HTMLElement {
  const span = yearSpan(r);
  const sources = arr(r.sources).map((x) => sourceName(x.source));
  const bits = [
    sources.length ? `From ${joinNames(sources)}` : null,
    r.window ? `window ${fmtRange(r.window.from, r.window.to)}` : null,
    r.zone ? `times in ${r.zone}` : null,
  ].filter(Boolean);
  return h(
    'header',
    { class: 'hero' },
    h(
      'div',
      { class: 'hero-inner' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '♪'), 'chorus'),
      h('h1', null, span ? `Your listening, ${span}` : 'Your listening'),
      h(
        'p',
        { class: 'lede' },
        r.totals && typeof r.totals.minutes === 'number' && r.totals.minutes > 0
          ? `${fmtInt(r.totals.minutes / 60)} hours of music and talk, ${fmtInt(r.totals.artists)} artists, ${fmtInt(r.totals.listening_days)} days with sound.${favourite(r)}`
          : r.totals && typeof r.totals.plays === 'number' && r.totals.plays > 0
            ? `${fmtInt(r.totals.plays)} plays, ${fmtInt(r.totals.artists)} artists, ${fmtInt(r.totals.listening_days)} days with sound.${favourite(r)}`
            : 'No plays in this history yet.',
      ),
      h('p', { class: 'meta' }, bits.join(' · ')),
    ),
  );
}

function nav(present: Set<string>): HTMLElement {
  return h('nav', { class: 'toc', 'aria-label': 'Sections' }, BUILDERS.filter((b) => present.has(b.name)).map((b) => h('a', { href: `#${b.name}` }, b.nav)));
}

/** Render the whole report into root; a section that throws shows its error instead of breaking the page. */
export function renderReport(r: Report, root: HTMLElement): void {
  const main = h('main', { class: 'report' });
  const present = new Set<string>();
  for (const b of BUILDERS) {
    let el: HTMLElement | null;
    try {
      el = b.build(r);
    } catch (e) {
      console.error(`chorus report: section ${b.name} failed`, e);
      el = section(b.name, b.title, null, h('div', { class: 'error-box' }, `This section could not be drawn: ${(e as Error).message}`));
    }
    if (el) {
      main.appendChild(el);
      present.add(b.name);
    }
  }
  const footer = h(
    'footer',
    { class: 'foot' },
    h('p', null, `Made on your own machine by ${r.generator || 'chorus'}. This file holds your report and nothing else; it loads nothing from the internet.`),
  );
  root.replaceChildren(hero(r), nav(present), main, footer);
  drawPendingCharts();
}

/** The error box shown instead of a report. */
export function renderError(root: HTMLElement, message: string): void {
  root.replaceChildren(
    h(
      'div',
      { class: 'fatal', role: 'alert' },
      h('h1', null, 'This report cannot be shown'),
      h('p', null, message),
      h('p', { class: 'muted' }, 'Make a fresh one with: chorus report YOUR-EXPORT -o report.html'),
    ),
  );
}
