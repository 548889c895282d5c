#!/usr/bin/env node
// Run after `npm run build` (both Vite builds). The report bundle the C++
// side inlines into report.html must be exactly report.js + report.css, must
// not close its own <script> tag, must not split into chunks or import
// anything, and must not name a URL it could fetch. The co-op UI that
// `chorus serve` serves (index.html + coop.js + coop.css) talks to its own
// server only: no chunks, no imports, no absolute URL, and index.html loads
// nothing but coop.js and coop.css. Exits 1 with the reasons when any rule
// is broken.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = process.env.CHORUS_WEB_OUT ? resolve(process.env.CHORUS_WEB_OUT) : resolve(here, 'dist');
const problems = [];

const FILES = ['report.js', 'report.css', 'coop.js', 'coop.css', 'index.html'];
for (const name of FILES) {
  if (!existsSync(resolve(out, name))) problems.push(`${out}/${name} is missing`);
}
if (resolve(out) === resolve(here, 'dist') && existsSync(out)) {
  const extra = readdirSync(out).filter((f) => !FILES.includes(f) && !f.endsWith('.html'));
  if (extra.length) problems.push(`unexpected files in ${out}: ${extra.join(', ')} (code splitting or assets?)`);
}

// Namespace URIs name a vocabulary; nothing fetches them.
const allowedUrl = /^https?:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/?|1998\/Math\/MathML)$/;

function check(name, { script, inlined = true, network = false }) {
  const path = resolve(out, name);
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  const lines = (re) => {
    const hits = [];
    for (const m of text.matchAll(re)) hits.push(`…${text.slice(Math.max(0, m.index - 40), m.index + 60).replace(/\s+/g, ' ')}…`);
    return hits;
  };
  // every bundle is embedded in the chorus binary as a C++ raw string
  if (text.includes(')chorus_web"')) problems.push(`${name} contains the raw-string delimiter )chorus_web" (cmake/EmbedWebAssets.cmake)`);
  if (script) {
    if (inlined) {
      for (const hit of lines(/<\/script/gi)) problems.push(`${name} contains "</script": ${hit}`);
      for (const hit of lines(/<!--/g)) problems.push(`${name} contains "<!--" (breaks inline <script> parsing): ${hit}`);
    }
    for (const hit of lines(/\bimport\s*\(/g)) problems.push(`${name} has a dynamic import(): ${hit}`);
    for (const hit of lines(/^\s*import[\s{*"']|[;}]\s*import\s*[{*"']/gm)) problems.push(`${name} has a static import (not self-contained): ${hit}`);
    const requests = network
      ? /new\s+(Worker|SharedWorker)\s*\(|importScripts\s*\(|sendBeacon|WebSocket|EventSource/g // fetch/XHR to its own server only (no URL below)
      : /new\s+(Worker|SharedWorker)\s*\(|importScripts\s*\(|\bfetch\s*\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource/g;
    for (const hit of lines(requests)) problems.push(`${name} can make a network request: ${hit}`);
  } else {
    for (const hit of lines(/@import|url\(\s*["']?(?!data:)[^)]/gi)) problems.push(`${name} loads something: ${hit}`);
  }
  for (const m of text.matchAll(/https?:\/\/[^\s"'`)\\<>]*/gi)) {
    if (!allowedUrl.test(m[0])) problems.push(`${name} names the URL ${m[0]}`);
  }
  const kb = (statSync(path).size / 1024).toFixed(1);
  console.log(`check-bundle: ${name} ${kb} KiB`);
}

check('report.js', { script: true });
check('report.css', { script: false });
check('coop.js', { script: true, inlined: false, network: true });
check('coop.css', { script: false });

// index.html: exactly one stylesheet (coop.css) and one module script (coop.js), nothing inline
{
  const path = resolve(out, 'index.html');
  if (existsSync(path)) {
    const html = readFileSync(path, 'utf8');
    const srcs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
    const wanted = ['coop.css', 'coop.js'];
    if (srcs.join(' ') !== wanted.join(' ')) problems.push(`index.html must load exactly coop.css and coop.js, it loads: ${srcs.join(', ') || 'nothing'}`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    for (const m of scripts) if (m[2].trim()) problems.push('index.html has an inline script (a Content-Security-Policy of script-src \'self\' would block it)');
    if (/<style\b/i.test(html)) problems.push('index.html has an inline <style>');
    if (!/<div id="app">/.test(html)) problems.push('index.html lacks <div id="app">');
    console.log(`check-bundle: index.html ${(html.length / 1024).toFixed(1)} KiB`);
  }
}

if (problems.length) {
  console.error(`check-bundle: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-bundle: ok (${out})`);
