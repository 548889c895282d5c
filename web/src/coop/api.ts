// The co-op API client. Every request is same-origin with the session cookie
// (credentials: 'same-origin'); every state-changing one carries the CSRF
// token the server handed out at sign-up, login or GET /me in X-CSRF-Token.
// Failures become ApiError with the server's stable code and its message
// (errors are {"error":{"code","message"}}), or a code of our own when the
// server could not be reached or did not answer in JSON.
//
// fetch and XMLHttpRequest are injected so the unit tests can fake them;
// uploads use XMLHttpRequest because only it reports upload progress.

import type { Charter, Check, Consents, Member, MyContributions, UploadResult } from './types';

export class ApiError extends Error {
  /** the server's code ("rejected", "duplicate", "unauthorized", …) or "network" / "http_<status>" */
  readonly code: string;
  /** HTTP status, 0 when the server was not reached */
  readonly status: number;
  /** the checks of a rejected contribution (422) */
  readonly checks: Check[];

  constructor(code: string, message: string, status: number, checks: Check[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.checks = checks;
  }

  /** 401: not logged in (or the session ended). */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

/** The subset of XMLHttpRequest the upload uses. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  withCredentials: boolean;
  readonly status: number;
  readonly responseText: string;
  readonly upload: { addEventListener(type: 'progress', fn: (e: { lengthComputable: boolean; loaded: number; total: number }) => void): void };
  addEventListener(type: 'load' | 'error' | 'abort' | 'timeout', fn: () => void): void;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiOptions {
  base?: string;
  fetch?: FetchLike;
  xhr?: () => XhrLike;
}

export interface Download {
  blob: Blob;
  filename: string;
}

const NETWORK_MESSAGE = 'The chorus server could not be reached. Check that it is running and try again.';

function statusMessage(status: number): string {
  if (status === 401) return 'You are not logged in (or your session ended). Please log in again.';
  if (status === 403) return 'The server refused this request. Reload the page and try again.';
  if (status === 404) return 'The server does not know this request (is it an older chorus?).';
  if (status === 413) return 'The file is larger than the server accepts.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (status >= 500) return `The server failed (HTTP ${status}). Try again later or tell the co-op's operator.`;
  return `The server answered HTTP ${status}.`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The ApiError for a failed response: the server's {"error":{code,message}}, or a plain one. */
export function errorFromBody(status: number, text: string): ApiError {
  let doc: unknown = null;
  try {
    doc = text ? JSON.parse(text) : null;
  } catch {
    doc = null;
  }
  const checks = isObject(doc) && Array.isArray(doc.checks) ? (doc.checks as Check[]) : [];
  if (isObject(doc) && isObject(doc.error)) {
    const code = typeof doc.error.code === 'string' && doc.error.code ? doc.error.code : `http_${status}`;
    const message = typeof doc.error.message === 'string' && doc.error.message ? doc.error.message : statusMessage(status);
    return new ApiError(code, message, status, checks);
  }
  return new ApiError(`http_${status}`, statusMessage(status), status, checks);
}

/** The file name from a Content-Disposition header, or null. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to filename= */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain ? (plain[2] ?? plain[1] ?? '').trim() : '';
  // a bare base name only: never a path
  const base = name.split(/[\\/]/).pop() ?? '';
  return base || null;
}

/** The Content-Type an upload is sent with, from its file name. */
export function uploadContentType(name: string): string {
  return /\.zip$/i.test(name) ? 'application/zip' : 'application/json';
}

export class Api {
  private readonly base: string;
  private readonly fetchFn: FetchLike;
  private readonly xhrFn: () => XhrLike;
  /** the CSRF token of the current session, null when logged out */
  csrf: string | null = null;

  constructor(opts: ApiOptions = {}) {
    this.base = (opts.base ?? 'api/v1').replace(/\/$/, '');
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.xhrFn = opts.xhr ?? (() => new XMLHttpRequest() as unknown as XhrLike);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('network', NETWORK_MESSAGE, 0);
    }
    if (!res.ok) {
      let text = '';
      try {
        text = await res.text();
      } catch {
        text = '';
      }
      throw errorFromBody(res.status, text);
    }
    return res;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError('bad_response', `The server's answer to ${method} ${path} is not JSON.`, res.status);
    }
  }

  private keepToken(doc: unknown): void {
    if (isObject(doc) && typeof doc.csrf_token === 'string' && doc.csrf_token) this.csrf = doc.csrf_token;
  }

  async signup(email: string, password: string): Promise<{ csrf_token: string; member?: Member }> {
    const doc = await this.json<{ csrf_token: string; member?: Member }>('POST', '/auth/signup', { email, password, accept_charter: true });
    this.keepToken(doc);
    return doc;
  }

  async login(email: string, password: string): Promise<{ csrf_token: string }> {
    const doc = await this.json<{ csrf_token: string }>('POST', '/auth/login', { email, password });
    this.keepToken(doc);
    return doc;
  }

  async logout(): Promise<void> {
    try {
      await this.request('POST', '/auth/logout');
    } finally {
      this.csrf = null;
    }
  }

  charter(): Promise<Charter> {
    return this.json<Charter>('GET', '/charter');
  }

  /** The logged-in member; ApiError with status 401 when logged out. */
  async me(): Promise<Member> {
    const doc = await this.json<Member>('GET', '/me');
    this.keepToken(doc);
    return doc;
  }

  /** Set some scopes; returns the whole consent map as saved. */
  async setConsent(changes: Consents | Record<string, boolean>): Promise<Consents> {
    const doc = await this.json<unknown>('PUT', '/me/consent', changes);
    if (isObject(doc) && isObject(doc.consents)) return doc.consents as Consents;
    return (doc ?? {}) as Consents;
  }

  /** Erase the account and everything it contributed. */
  async erase(): Promise<void> {
    await this.request('DELETE', '/me');
    this.csrf = null;
  }

  async exportData(): Promise<Download> {
    const res = await this.request('GET', '/me/export');
    const blob = await res.blob();
    return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition')) ?? 'chorus-my-data.json' };
  }

  contributions(): Promise<MyContributions> {
    return this.json<MyContributions>('GET', '/me/contributions');
  }

  /**
   * Upload one file (export ZIP, JSON file or contribution JSON) with
   * progress in [0, 1]. Resolves with the 201 result; rejects with ApiError
   * (422 "rejected"/"duplicate" carries the checks).
   */
  upload(file: Blob, name: string, onProgress: (fraction: number) => void = () => {}): Promise<UploadResult> {
    return new Promise((resolve, reject) => {
      const xhr = this.xhrFn();
      xhr.open('POST', `${this.base}/contributions?report=1`);
      xhr.withCredentials = false; // same-origin: the cookie goes anyway
      xhr.setRequestHeader('Content-Type', uploadContentType(name));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-Filename', (name.split(/[\\/]/).pop() ?? name).replace(/[^\x20-\x7e]/g, '_'));
      if (this.csrf) xhr.setRequestHeader('X-CSRF-Token', this.csrf);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
      });
      xhr.addEventListener('load', () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          try {
            resolve(JSON.parse(xhr.responseText) as UploadResult);
          } catch {
            reject(new ApiError('bad_response', 'The server accepted the upload but its answer is not JSON.', xhr.status));
          }
        } else {
          reject(errorFromBody(xhr.status, xhr.responseText));
        }
      });
      const fail = () => reject(new ApiError('network', 'The upload was interrupted: the server could not be reached.', 0));
      xhr.addEventListener('error', fail);
      xhr.addEventListener('abort', () => reject(new ApiError('aborted', 'The upload was cancelled.', 0)));
      xhr.addEventListener('timeout', fail);
      xhr.send(file);
    });
  }
}
