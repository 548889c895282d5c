import { describe, expect, it } from 'vitest';
import { Api, ApiError, errorFromBody, filenameFromDisposition, uploadContentType, type XhrLike } from '../../src/coop/api';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake fetch answering from a queue of [status, body, headers]. */
function fakeFetch(answers: [number, unknown, Record<string, string>?][]) {
  const calls: Call[] = [];
  const fn = async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    const a = answers.shift();
    if (!a) throw new TypeError('Failed to fetch');
    const [status, body, headers] = a;
    const text = typeof body === 'string' ? body : body === undefined ? null : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: headers ?? { 'Content-Type': 'application/json' } });
  };
  return { fn, calls };
}

const headersOf = (c: Call) => c.init.headers as Record<string, string>;

describe('Api: requests', () => {
  it('signs up with accept_charter, same-origin credentials, and keeps the CSRF token', async () => {
    const f = fakeFetch([[201, { csrf_token: 'tok-1', member: { email: 'a@b.c' } }], [200, { 'ai-training': { granted: true, changed: 'x' } }]]);
    const api = new Api({ fetch: f.fn });
    await api.signup('a@b.c', 'long enough pw');
    expect(f.calls[0]!.url).toBe('api/v1/auth/signup');
    expect(f.calls[0]!.init.method).toBe('POST');
    expect(f.calls[0]!.init.credentials).toBe('same-origin');
    expect(JSON.parse(String(f.calls[0]!.init.body))).toEqual({ email: 'a@b.c', password: 'long enough pw', accept_charter: true });
    expect(headersOf(f.calls[0]!)['X-CSRF-Token']).toBeUndefined();
    expect(api.csrf).toBe('tok-1');

    const consents = await api.setConsent({ 'ai-training': true });
    expect(f.calls[1]!.init.method).toBe('PUT');
    expect(f.calls[1]!.url).toBe('api/v1/me/consent');
    expect(headersOf(f.calls[1]!)['X-CSRF-Token']).toBe('tok-1');
    expect(headersOf(f.calls[1]!)['Content-Type']).toBe('application/json');
    expect(consents['ai-training']?.granted).toBe(true);
  });

  it('sends the CSRF token on every state-changing request, never on GET', async () => {
    const f = fakeFetch([
      [200, { email: 'a@b.c', csrf_token: 'tok-2' }],
      [200, { contribution: null, history: [] }],
      [204, undefined],
      [204, undefined],
    ]);
    const api = new Api({ fetch: f.fn, base: '/api/v1/' });
    await api.me();
    await api.contributions();
    await api.logout();
    expect(api.csrf).toBeNull();
    api.csrf = 'tok-3';
    await api.erase();
    expect(f.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['GET /api/v1/me', 'GET /api/v1/me/contributions', 'POST /api/v1/auth/logout', 'DELETE /api/v1/me']);
    expect(headersOf(f.calls[0]!)['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(f.calls[1]!)['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(f.calls[2]!)['X-CSRF-Token']).toBe('tok-2');
    expect(headersOf(f.calls[3]!)['X-CSRF-Token']).toBe('tok-3');
    expect(api.csrf).toBeNull();
    for (const c of f.calls) expect(c.init.credentials).toBe('same-origin');
  });

  it('accepts a consent answer wrapped in {consents}', async () => {
    const f = fakeFetch([[200, { consents: { transitions: { granted: false, changed: null } } }]]);
    const got = await new Api({ fetch: f.fn }).setConsent({ transitions: false });
    expect(got).toEqual({ transitions: { granted: false, changed: null } });
  });

  it('downloads the export with the server-given name', async () => {
    const f = fakeFetch([
      [200, '{"a":1}', { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename="chorus-m-1.json"' }],
      [200, '{}', { 'Content-Type': 'application/json' }],
    ]);
    const api = new Api({ fetch: f.fn });
    const d = await api.exportData();
    expect(d.filename).toBe('chorus-m-1.json');
    expect(await d.blob.text()).toBe('{"a":1}');
    expect((await api.exportData()).filename).toBe('chorus-my-data.json');
  });
});

describe('Api: errors', () => {
  it('maps {"error":{code,message}} to ApiError', async () => {
    const f = fakeFetch([[401, { error: { code: 'invalid_credentials', message: 'E-mail or password is wrong.' } }]]);
    const err = await new Api({ fetch: f.fn }).login('a@b.c', 'x').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_credentials');
    expect(err.message).toBe('E-mail or password is wrong.');
    expect(err.status).toBe(401);
    expect(err.unauthorized).toBe(true);
  });

  it('gives a readable message for non-JSON errors and unreachable servers', async () => {
    const f = fakeFetch([[502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' }]]);
    const api = new Api({ fetch: f.fn });
    const e1 = await api.charter().catch((e) => e);
    expect(e1.code).toBe('http_502');
    expect(e1.message).toMatch(/server failed \(HTTP 502\)/);
    const e2 = await api.charter().catch((e) => e); // queue empty: fetch throws
    expect(e2.code).toBe('network');
    expect(e2.status).toBe(0);
    expect(e2.message).toMatch(/could not be reached/);
  });

  it('rejects a 2xx answer that is not JSON', async () => {
    const f = fakeFetch([[200, 'hello', { 'Content-Type': 'text/plain' }]]);
    const e = await new Api({ fetch: f.fn }).charter().catch((x) => x);
    expect(e.code).toBe('bad_response');
  });

  it('errorFromBody keeps the checks of a rejection and fills in missing parts', () => {
    const e = errorFromBody(422, JSON.stringify({ error: { code: 'rejected', message: 'Too many overlaps.' }, checks: [{ id: 'overlap', passed: false, reason: 'r' }] }));
    expect(e.code).toBe('rejected');
    expect(e.checks).toEqual([{ id: 'overlap', passed: false, reason: 'r' }]);
    expect(errorFromBody(429, JSON.stringify({ error: {} })).message).toMatch(/Too many attempts/);
    expect(errorFromBody(413, '').code).toBe('http_413');
    expect(errorFromBody(404, 'null').message).toMatch(/does not know/);
  });
});

describe('helpers', () => {
  it('filenameFromDisposition', () => {
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('attachment; filename="a b.json"')).toBe('a b.json');
    expect(filenameFromDisposition('attachment; filename=plain.json')).toBe('plain.json');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''m%C3%BCller.json; filename=x.json")).toBe('müller.json');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('attachment')).toBeNull();
  });

  it('uploadContentType', () => {
    expect(uploadContentType('my_spotify_data.ZIP')).toBe('application/zip');
    expect(uploadContentType('StreamingHistory0.json')).toBe('application/json');
  });
});

// ---------------------------------------------------------------- upload via a fake XHR

class FakeXhr implements XhrLike {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  withCredentials = true;
  status = 0;
  responseText = '';
  private listeners = new Map<string, (() => void)[]>();
  private progressListeners: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void)[] = [];
  upload = { addEventListener: (_t: 'progress', fn: (e: { lengthComputable: boolean; loaded: number; total: number }) => void) => void this.progressListeners.push(fn) };
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(n: string, v: string) {
    this.headers[n] = v;
  }
  send(body: Blob) {
    this.body = body;
  }
  addEventListener(type: string, fn: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  // test side
  progress(loaded: number, total: number, lengthComputable = true) {
    for (const fn of this.progressListeners) fn({ lengthComputable, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    for (const fn of this.listeners.get('load') ?? []) fn();
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
}

describe('Api.upload', () => {
  const file = new Blob(['x'.repeat(1000)]);

  it('posts the raw file with X-Filename, type and CSRF, reporting progress', async () => {
    const api = new Api({ xhr: () => new FakeXhr() });
    api.csrf = 'tok';
    const seen: number[] = [];
    const p = api.upload(file, 'C:\\Users\\me\\my_spotify_data.zip', (f) => seen.push(f));
    const x = FakeXhr.last!;
    expect(x.method).toBe('POST');
    expect(x.url).toBe('api/v1/contributions?report=1');
    expect(x.headers['X-Filename']).toBe('my_spotify_data.zip');
    expect(x.headers['Content-Type']).toBe('application/zip');
    expect(x.headers['X-CSRF-Token']).toBe('tok');
    expect(x.body).toBe(file);
    x.progress(0, 0, false); // not computable: ignored
    x.progress(250, 1000);
    x.progress(1000, 1000);
    x.answer(201, { accepted: true, checks: [{ id: 'schema', passed: true, reason: 'ok' }], quality: { score: 0.5, components: [] }, plays_added: 3, plays_total: 3 });
    const r = await p;
    expect(r.accepted).toBe(true);
    expect(r.plays_added).toBe(3);
    expect(seen).toEqual([0.25, 1, 1]);
  });

  it('turns a 422 into ApiError with the checks', async () => {
    const api = new Api({ xhr: () => new FakeXhr() });
    const p = api.upload(file, 'fake.json');
    expect(FakeXhr.last!.headers['Content-Type']).toBe('application/json');
    expect(FakeXhr.last!.headers['X-CSRF-Token']).toBeUndefined();
    FakeXhr.last!.answer(422, { error: { code: 'duplicate', message: 'Already contributed.' }, checks: [{ id: 'unique', passed: false, reason: 'seen' }] });
    const e = await p.catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('duplicate');
    expect(e.status).toBe(422);
    expect(e.checks[0].id).toBe('unique');
  });

  it('reports network errors and aborts', async () => {
    const api = new Api({ xhr: () => new FakeXhr() });
    const p1 = api.upload(file, 'a.json');
    FakeXhr.last!.fire('error');
    expect((await p1.catch((x) => x)).code).toBe('network');
    const p2 = api.upload(file, 'a.json');
    FakeXhr.last!.fire('abort');
    expect((await p2.catch((x) => x)).code).toBe('aborted');
    const p3 = api.upload(file, 'a.json');
    FakeXhr.last!.answer(201, 'not json');
    expect((await p3.catch((x) => x)).code).toBe('bad_response');
  });

  it('never sends a non-ASCII header value', async () => {
    const api = new Api({ xhr: () => new FakeXhr() });
    void api.upload(file, 'Mein Verlauf – ü.json').catch(() => {});
    expect(FakeXhr.last!.headers['X-Filename']).toBe('Mein Verlauf _ _.json');
    FakeXhr.last!.fire('abort');
  });
});
