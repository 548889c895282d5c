// The report JSON, schema version 1 (docs/report-schema.md).
// Every field is typed as the schema states it; readers must still be
// defensive (a missing array is treated as empty, a missing number as null),
// which is what the helpers in shared/ and report/shape.ts do.

export type Num = number | null;

export interface Source {
  source: string;
  plays: number;
  minutes: Num;
  has_duration: boolean;
}

export interface Totals {
  plays: number;
  streams: number;
  minutes: number;
  music_minutes: number;
  podcast_minutes: number;
  tracks: number;
  artists: number;
  albums: number;
  listening_days: number;
  first_end: string | null;
  last_end: string | null;
}

export interface Period {
  year?: number;
  month?: string;
  minutes: number;
  streams: number;
  tracks: number;
  artists: number;
  albums: number;
  days: number;
}

export interface TopArtist {
  name: string;
  minutes: number;
  streams: number;
}
export interface TopTrack {
  title: string;
  artist: string;
  minutes: number;
  streams: number;
}
export type TopAlbum = TopTrack;
export interface TopShow {
  name: string;
  minutes: number;
  plays: number;
}

export interface TopWindow {
  label: string;
  from: string | null;
  to: string | null;
  artists_by_minutes: TopArtist[];
  artists_by_streams: TopArtist[];
  tracks_by_minutes: TopTrack[];
  tracks_by_streams: TopTrack[];
  albums_by_minutes: TopAlbum[];
  albums_by_streams: TopAlbum[];
  shows_by_minutes: TopShow[];
  shows_by_plays: TopShow[];
}

export interface RankChange {
  name: string;
  rank: number;
  previous_rank: Num;
  change: Num;
}
export interface YearChange {
  year: number;
  previous: number;
  artists: RankChange[];
  new_entries: string[];
  drop_outs: string[];
}

export interface Clock {
  minutes: number[][];
  streams: number[][];
}

export interface CalendarDay {
  date: string;
  minutes: number;
  streams: number;
}

export interface HistogramBucket {
  label: string;
  max_minutes: Num;
  count: number;
}
export interface Sessions {
  gap_minutes: number;
  count: number;
  mean_minutes: Num;
  median_minutes: Num;
  longest: { start: string; end: string; minutes: number; plays: number } | null;
  length_histogram: HistogramBucket[];
  start_hours: number[];
}

export interface Streaks {
  longest_days: { days: number; from: string; to: string } | null;
  artist: { name: string; days: number; from: string; to: string } | null;
  obsessions: { title: string; artist: string; plays: number; from: string; to: string }[];
}

export interface DiscoveryMonth {
  month: string;
  new_artists: number;
  new_tracks: number;
  recent_share: Num;
}
export interface ForgottenFavourite {
  name: string;
  year: number;
  rank: number;
  last_heard: string | null;
  minutes: number;
}
export interface Discovery {
  months: DiscoveryMonth[];
  forgotten_favourites: ForgottenFavourite[];
}

export interface BehaviourMonth {
  month: string;
  skip_rate: Num;
  shuffle_share: Num;
  offline_share: Num;
  incognito_share: Num;
}
export interface Behaviour {
  months: BehaviourMonth[];
  skip_by_hour: Num[];
  skip_by_artist: { name: string; plays: number; skip_rate: Num }[];
  end_reasons: { reason: string; plays: number }[];
  start_reasons: { reason: string; plays: number }[];
  devices: { device: string; plays: number; minutes: Num }[];
}

export interface Phase {
  from: string;
  to: string;
  artists: string[];
  share: Num;
}

export interface BehaviouralMood {
  month: string;
  energy: Num;
  restlessness: Num;
  nocturnality: Num;
  repetition: Num;
  exploration: Num;
}
export interface AudioMood {
  month: string;
  coverage: Num;
  valence: Num;
  energy: Num;
  tempo: Num;
  danceability: Num;
}
export interface Mood {
  behavioural: { months: BehaviouralMood[] };
  audio: { source: string | null; months: AudioMood[] };
}

export interface CrossPlatform {
  sources: string[];
  months: { month: string; plays: Record<string, number> }[];
  correlations: { a: string; b: string; r: Num }[];
  unique_artists: { source: string; count: number; top: string[] }[];
  /** added to schema 1 later: absent in older reports */
  track_matches?: { source: string; tracks: number; matched: number; only_here: { title: string; artist: string; plays: number }[] }[];
  shared_plays: number;
}

export interface DjSet {
  start: string;
  end: string;
  source: string;
  plays: number;
  bpm: Num[];
  keys: (string | null)[];
  transitions: number;
  harmonic_share: Num;
  tempo_jumps: number;
}
export interface Dj {
  plays: number;
  transitions: number;
  harmonic_share: Num;
  tempo_jump_share: Num;
  sets: DjSet[];
  played_out: { title: string; artist: string; plays: number }[];
  listened: { title: string; artist: string; streams: number }[];
}

export interface Report {
  schema: 'chorus-report';
  version: 1;
  generator: string;
  zone: string;
  window: { from: string; to: string } | null;
  sources: Source[];
  totals: Totals;
  years: Period[];
  months: Period[];
  top: TopWindow[];
  year_over_year: YearChange[];
  clock: Clock;
  calendar: CalendarDay[];
  sessions: Sessions;
  streaks: Streaks;
  discovery: Discovery;
  behaviour: Behaviour;
  phases: Phase[];
  mood: Mood;
  cross_platform: CrossPlatform | null;
  /** DJ sets; null (or absent in older reports) without plays from DJ software */
  dj?: Dj | null;
}

/** Every section the report renders, in page order (the data-section names). */
export const SECTIONS = [
  'totals',
  'years',
  'months',
  'top',
  'year_over_year',
  'clock',
  'calendar',
  'sessions',
  'streaks',
  'discovery',
  'behaviour',
  'phases',
  'mood',
  'cross_platform',
] as const;
/** Sections drawn only when their data is there (not part of the fixed list). */
export type OptionalSectionName = 'dj';
export type SectionName = (typeof SECTIONS)[number] | OptionalSectionName;
