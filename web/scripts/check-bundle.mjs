#!/usr/bin/env node
// Run after `vite build`: the bundle the C++ side inlines into report.html
// must be exactly report.js + report.css, must not close its own <script>
// tag, must not split into chunks or import anything, and must not name a
// URL it could fetch. Exits 1 with the reasons when any rule is broken.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = process.env.CHORUS_WEB_OUT ? resolve(process.env.CHORUS_WEB_OUT) : resolve(here, 'dist');
const problems = [];

for (const name of ['report.js', 'report.css']) {
  if (!existsSync(resolve(out, name))) problems.push(`${out}/${name} is missing`);
}
if (resolve(out) === resolve(here, 'dist') && existsSync(out)) {
  const extra = readdirSync(out).filter((f) => !['report.js', 'report.css'].includes(f) && !f.endsWith('.html'));
  if (extra.length) problems.push(`unexpected files in ${out}: ${extra.join(', ')} (code splitting or assets?)`);
}

// Namespace URIs name a vocabulary; nothing fetches them.
const allowedUrl = /^https?:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/?|1998\/Math\/MathML)$/;

function check(name, { script }) {
  const path = resolve(out, name);
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  const lines = (re) => {
    const hits = [];
    for (const m of text.matchAll(re)) hits.push(`…${text.slice(Math.max(0, m.index - 40), m.index + 60).replace(/\s+/g, ' ')}…`);
    return hits;
  };
  if (script) {
    for (const hit of lines(/<\/script/gi)) problems.push(`${name} contains "</script": ${hit}`);
    for (const hit of lines(/<!--/g)) problems.push(`${name} contains "<!--" (breaks inline <script> parsing): ${hit}`);
    for (const hit of lines(/\bimport\s*\(/g)) problems.push(`${name} has a dynamic import(): ${hit}`);
    for (const hit of lines(/^\s*import[\s{*"']|[;}]\s*import\s*[{*"']/gm)) problems.push(`${name} has a static import (not self-contained): ${hit}`);
    for (const hit of lines(/new\s+(Worker|SharedWorker)\s*\(|importScripts\s*\(|\bfetch\s*\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource/g)) {
      problems.push(`${name} can make a network request: ${hit}`);
    }
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

if (problems.length) {
  console.error(`check-bundle: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-bundle: ok (${out})`);
