#!/usr/bin/env node
// node scripts/inline.mjs REPORT_JSON OUT_HTML [DIST_DIR]
//
// Makes report.html exactly as `chorus report -o report.html` does, so the
// front end can be tested without the C++ side. This is the reference for the
// shell: one line of head, the CSS in <style>, the report JSON in
// <script id="chorus-report" type="application/json"> with every "<" written
// as \u003c (so no "</script>" or "<!--" can occur inside), and the bundle in
// <script type="module"> at the end of the body.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [jsonPath, outPath, distArg] = process.argv.slice(2);
if (!jsonPath || !outPath) {
  console.error('usage: node scripts/inline.mjs REPORT_JSON OUT_HTML [DIST_DIR]');
  process.exit(2);
}
const here = fileURLToPath(new URL('..', import.meta.url));
const dist = resolve(distArg ?? process.env.CHORUS_WEB_OUT ?? resolve(here, 'dist'));

let css, js;
try {
  css = readFileSync(resolve(dist, 'report.css'), 'utf8');
  js = readFileSync(resolve(dist, 'report.js'), 'utf8');
} catch (e) {
  console.error(`inline: ${e.message}\ninline: run "npm run build" first (or pass DIST_DIR)`);
  process.exit(1);
}
const json = readFileSync(jsonPath, 'utf8').replace(/</g, '\\u003c');
if (/<\/style/i.test(css)) throw new Error('report.css contains </style');
if (/<\/script/i.test(js)) throw new Error('report.js contains </script');

const html =
  '<!doctype html>\n' +
  '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>chorus — listening report</title><style>' +
  css +
  '</style></head>\n' +
  '<body><div id="app"></div>\n' +
  '<script id="chorus-report" type="application/json">' +
  json +
  '</script>\n' +
  '<script type="module">' +
  js +
  '</script></body></html>\n';

mkdirSync(dirname(resolve(outPath)), { recursive: true });
writeFileSync(outPath, html);
console.log(`inline: wrote ${outPath} (${(html.length / 1024).toFixed(0)} KiB)`);
