// The co-op API's JSON shapes (chorus serve, /api/v1). Readers stay
// defensive: the server may add fields, and a missing value is shown as
// "unknown", never guessed.

export const SCOPES = ['artist-signals', 'listening-patterns', 'transitions', 'dj-sets', 'ai-training'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ConsentState {
  granted: boolean;
  /** when the member last changed it (ISO 8601), null if never */
  changed: string | null;
}
export type Consents = Partial<Record<Scope, ConsentState>>;

export interface Member {
  id?: string | number;
  email: string;
  pseudonym?: string;
  role?: string;
  joined?: boolean;
  /** When the charter was accepted (ISO 8601), null before joining. */
  charter_accepted?: string | null;
  charter_version?: string | number;
  consents?: Consents;
  csrf_token?: string;
}

export interface Charter {
  version: string | number;
  text: string;
}

export interface Check {
  id: string;
  passed: boolean;
  reason: string;
}

export interface QualityComponent {
  name: string;
  value: number;
  weight: number;
  explanation: string;
}

export interface Quality {
  score: number;
  components?: QualityComponent[];
}

/** 201 of POST /contributions. `report` is a report JSON (docs/report-schema.md) when present. */
export interface UploadResult {
  accepted: boolean;
  checks?: Check[];
  quality?: Quality;
  plays_added?: number;
  plays_total?: number;
  report?: unknown;
}

export interface Contribution {
  quality?: Quality | number | null;
  checks?: Check[];
  plays?: number;
  updated?: string | null;
}

export interface ContributionHistoryEntry {
  at: string;
  plays_added: number;
  quality_before: number | null;
  quality_after: number | null;
}

export interface MyContributions {
  contribution: Contribution | null;
  history: ContributionHistoryEntry[];
}
