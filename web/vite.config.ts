/// <reference types="vitest/config" />
// Builds the report bundle: exactly report.js (one ES module, Chart.js and
// everything else inlined, no code splitting) and report.css, with fixed
// names, into $CHORUS_WEB_OUT (default web/dist). The C++ `chorus report`
// inlines both into report.html; scripts/inline.mjs does the same for tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const defaultOut = resolve(here, 'dist');
const outDir = process.env.CHORUS_WEB_OUT ? resolve(process.env.CHORUS_WEB_OUT) : defaultOut;

// `npm run dev` serves index.html with the sample report inlined exactly as
// report.html carries it.
function sampleReport(): Plugin {
  return {
    name: 'chorus-sample-report',
    apply: 'serve',
    transformIndexHtml(html) {
      const json = readFileSync(resolve(here, process.env.CHORUS_REPORT_JSON ?? 'sample-report.json'), 'utf8').replace(/</g, '\\u003c');
      return html.replace('<!--REPORT-->', json);
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  plugins: [sampleReport()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir,
    // Only the default folder is emptied; a CHORUS_WEB_OUT given by a build
    // system may hold other files, and we only ever write our two.
    emptyOutDir: outDir === defaultOut,
    target: 'es2020',
    minify: true,
    cssCodeSplit: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: resolve(here, 'src/report-main.ts'),
      formats: ['es'],
      fileName: () => 'report.js',
      cssFileName: 'report',
    },
    rolldownOptions: {
      output: { codeSplitting: false, minify: true },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
