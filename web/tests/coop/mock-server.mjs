#!/usr/bin/env node
// A stand-in for `chorus serve`, for the front end's own tests and for
// `npm run dev` without the C++ side: serves the built co-op UI (index.html,
// coop.js, coop.css from $CHORUS_WEB_OUT or dist/) and the /api/v1 contract
// the UI is written against, in memory. It is not the server: it checks the
// things the browser must get right (session cookie, X-CSRF-Token on every
// state-changing request, X-Filename, Content-Type) and answers with the
// documented shapes.
//
//   node tests/coop/mock-server.mjs [--port N]     (default 47831; 0 = any)
//
// Uploads: a file whose name contains "fabricated" is rejected (422
// "rejected"), the same bytes twice are a duplicate (422 "duplicate"),
// anything else is accepted with the sample report attached.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../..', import.meta.url));
const dist = resolve(process.env.CHORUS_WEB_OUT ?? resolve(web, 'dist'));
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.CHORUS_MOCK_PORT ?? 47831));

const SCOPES = ['artist-signals', 'listening-patterns', 'transitions', 'dj-sets', 'ai-training'];
const CHARTER = {
  version: 3,
  text: 'The chorus co-op charter, version 3.\n\nOne member, one vote. Quorum: 20 % of members. A proposal passes with a two-thirds majority of the votes cast; voting stays open for 14 days.\n\nThe operator keeps a fee of 10 % of every payment. Balances under 5.00 EUR carry forward.\n\nEvery release is aggregated and noised; each member has a privacy budget of ε = 4 per year.',
};

/** email → member */
const members = new Map();
/** session id → email */
const sessions = new Map();
let nextId = 1;

const now = () => new Date().toISOString();
const json = (res, status, body, headers = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
};
const fail = (res, status, code, message, extra = {}) => json(res, status, { error: { code, message }, ...extra });

function cookieSession(req) {
  const m = /(?:^|;\s*)chorus_session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '');
  const email = m ? sessions.get(m[1]) : undefined;
  const member = email ? members.get(email) : undefined;
  return member ? { id: m[1], member } : null;
}

function startSession(res, member) {
  const id = randomBytes(18).toString('base64url');
  sessions.set(id, member.email);
  member.csrf = randomBytes(18).toString('base64url');
  return { 'Set-Cookie': `chorus_session=${id}; Path=/; HttpOnly; SameSite=Strict` };
}

function publicMember(m) {
  return { id: m.id, email: m.email, pseudonym: m.pseudonym, role: 'member', joined: Boolean(m.joined), charter_accepted: m.joined ?? null, charter_version: CHARTER.version, consents: m.consents, csrf_token: m.csrf };
}

async function body(req, limit = 64 << 20) {
  const parts = [];
  let n = 0;
  for await (const c of req) {
    n += c.length;
    if (n > limit) throw Object.assign(new Error('too large'), { status: 413 });
    parts.push(c);
  }
  return Buffer.concat(parts);
}

function serveFile(res, name, type) {
  try {
    const data = readFileSync(resolve(dist, name));
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" });
    res.end(data);
  } catch {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(`${dist}/${name} is missing: run "npm run build" first\n`);
  }
}

const sampleReport = () => JSON.parse(readFileSync(resolve(web, 'sample-report.json'), 'utf8'));

async function api(req, res, path) {
  const method = req.method;
  const s = cookieSession(req);
  const changing = method !== 'GET' && method !== 'HEAD';
  const open = path === '/auth/signup' || path === '/auth/login';
  if (changing && !open && s && req.headers['x-csrf-token'] !== s.member.csrf) {
    return fail(res, 403, 'csrf', 'The request lacks a valid X-CSRF-Token. Reload the page and try again.');
  }

  if (path === '/charter' && method === 'GET') return json(res, 200, CHARTER);

  if (path === '/auth/signup' && method === 'POST') {
    let doc;
    try {
      doc = JSON.parse((await body(req)).toString('utf8'));
    } catch {
      return fail(res, 400, 'bad_json', 'The request body is not JSON.');
    }
    const email = String(doc.email ?? '').trim().toLowerCase();
    const n = [...String(doc.password ?? '')].length;
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return fail(res, 400, 'invalid_email', 'Enter a valid e-mail address.');
    if (n < 10 || n > 256) return fail(res, 400, 'weak_password', 'The password must have 10–256 characters.');
    if (doc.accept_charter !== true) return fail(res, 400, 'charter_not_accepted', 'You must accept the charter to join.');
    if (members.has(email)) return fail(res, 409, 'email_taken', 'There is already a member with this e-mail address. Log in instead.');
    const m = {
      id: nextId++,
      email,
      password: String(doc.password),
      pseudonym: `m-${randomBytes(4).toString('hex')}`,
      joined: now(),
      consents: Object.fromEntries(SCOPES.map((sc) => [sc, { granted: false, changed: null }])),
      contribution: null,
      history: [],
      hashes: new Set(),
    };
    members.set(email, m);
    const headers = startSession(res, m);
    return json(res, 201, { csrf_token: m.csrf, member: publicMember(m) }, headers);
  }

  if (path === '/auth/login' && method === 'POST') {
    let doc;
    try {
      doc = JSON.parse((await body(req)).toString('utf8'));
    } catch {
      return fail(res, 400, 'bad_json', 'The request body is not JSON.');
    }
    const m = members.get(String(doc.email ?? '').trim().toLowerCase());
    if (!m || m.password !== doc.password) return fail(res, 401, 'invalid_credentials', 'E-mail or password is wrong.');
    const headers = startSession(res, m);
    return json(res, 200, { csrf_token: m.csrf, member: publicMember(m) }, headers);
  }

  if (!s) return fail(res, 401, 'unauthorized', 'Log in first.');
  const m = s.member;

  if (path === '/auth/logout' && method === 'POST') {
    sessions.delete(s.id);
    res.writeHead(204, { 'Set-Cookie': 'chorus_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0' });
    return res.end();
  }
  if (path === '/me' && method === 'GET') return json(res, 200, publicMember(m));
  if (path === '/me' && method === 'DELETE') {
    members.delete(m.email);
    for (const [id, e] of sessions) if (e === m.email) sessions.delete(id);
    res.writeHead(204, { 'Set-Cookie': 'chorus_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0' });
    return res.end();
  }
  if (path === '/me/consent' && method === 'PUT') {
    let doc;
    try {
      doc = JSON.parse((await body(req)).toString('utf8'));
    } catch {
      return fail(res, 400, 'bad_json', 'The request body is not JSON.');
    }
    for (const [k, v] of Object.entries(doc)) {
      if (!SCOPES.includes(k) || typeof v !== 'boolean') return fail(res, 400, 'bad_scope', `Unknown consent scope or value: ${k}`);
    }
    for (const [k, v] of Object.entries(doc)) if (m.consents[k].granted !== v) m.consents[k] = { granted: v, changed: now() };
    return json(res, 200, m.consents);
  }
  if (path === '/me/export' && method === 'GET') {
    const doc = { member: publicMember(m), contribution: m.contribution, history: m.history };
    delete doc.member.csrf_token;
    return json(res, 200, doc, { 'Content-Disposition': `attachment; filename="chorus-${m.pseudonym}.json"` });
  }
  if (path === '/me/contributions' && method === 'GET') return json(res, 200, { contribution: m.contribution, history: m.history });

  if (path === '/contributions' && method === 'POST') {
    const name = req.headers['x-filename'];
    const type = String(req.headers['content-type'] ?? '');
    if (!name) return fail(res, 400, 'missing_filename', 'The upload lacks the X-Filename header.');
    if (!/^application\/(zip|json)\b/.test(type)) return fail(res, 415, 'unsupported_type', `Uploads are application/zip or application/json, not ${type || 'nothing'}.`);
    const data = await body(req);
    const hash = createHash('sha256').update(data).digest('hex');
    const checks = [
      { id: 'schema', passed: true, reason: 'Every record has the fields of a Spotify export.' },
      { id: 'timestamps', passed: true, reason: 'All timestamps lie between 2008 and today.' },
      { id: 'overlap', passed: true, reason: 'No more than two streams overlap at any time.' },
    ];
    if (/fabricated/i.test(String(name))) {
      checks[2] = { id: 'overlap', passed: false, reason: '14 % of the listening time overlaps with other streams: more than one person can listen.' };
      return fail(res, 422, 'rejected', 'This history does not look like one person listening: too many streams overlap.', { checks });
    }
    if (m.hashes.has(hash)) {
      return fail(res, 422, 'duplicate', 'You already contributed this history.', { checks: [...checks, { id: 'unique', passed: false, reason: 'The same plays were contributed before (similarity 1.00).' }] });
    }
    m.hashes.add(hash);
    const added = Math.max(1, Math.round(data.length / 180));
    const before = m.contribution?.quality.score ?? null;
    const components = [
      { name: 'months', value: 0.8, weight: 0.4, explanation: '48 of 60 months covered.' },
      { name: 'volume', value: 0.7, weight: 0.3, explanation: `${added} plays; full marks from 20,000.` },
      { name: 'diversity', value: 0.6, weight: 0.2, explanation: 'Plays spread over 812 artists.' },
      { name: 'richness', value: 0.5, weight: 0.1, explanation: 'Skips and reasons present, no BPM or key.' },
    ];
    const score = Math.round(components.reduce((a, c) => a + c.value * c.weight, 0) * 100) / 100;
    const total = (m.contribution?.plays ?? 0) + added;
    m.contribution = { quality: { score, components }, checks: [...checks, { id: 'unique', passed: true, reason: 'Not seen before.' }], plays: total, updated: now() };
    m.history.push({ at: now(), plays_added: added, quality_before: before, quality_after: score });
    return json(res, 201, {
      accepted: true,
      checks: m.contribution.checks,
      quality: m.contribution.quality,
      plays_added: added,
      plays_total: total,
      ...(process.env.CHORUS_MOCK_REPORT === '0' ? {} : { report: sampleReport() }),
    });
  }
  return fail(res, 404, 'not_found', `No such API: ${method} ${path}`);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    if (url.pathname.startsWith('/api/v1/')) return await api(req, res, url.pathname.slice('/api/v1'.length));
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('ok\n');
    }
    if (req.method === 'GET' && url.pathname === '/') return serveFile(res, 'index.html', 'text/html; charset=utf-8');
    if (req.method === 'GET' && url.pathname === '/coop.js') return serveFile(res, 'coop.js', 'text/javascript; charset=utf-8');
    if (req.method === 'GET' && url.pathname === '/coop.css') return serveFile(res, 'coop.css', 'text/css; charset=utf-8');
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
  } catch (e) {
    if (!res.headersSent) fail(res, e.status ?? 500, 'internal', e.message);
    else res.end();
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`mock chorus serve: http://127.0.0.1:${server.address().port}/ (assets from ${dist})`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
