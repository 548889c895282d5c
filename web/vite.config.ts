/// <reference types="vitest/config" />
// Two bundles, each one ES module with everything inlined (no code
// splitting), with fixed names, into $CHORUS_WEB_OUT (default web/dist):
//
//   vite build               report.js + report.css: the self-contained report.
//                            The C++ `chorus report` inlines both into
//                            report.html; scripts/inline.mjs does the same for tests.
//   vite build --mode coop   coop.js + coop.css + index.html: the co-op web UI
//                            that `chorus serve` serves at /, /coop.js, /coop.css
//                            (index.html is coop.html with the built assets).
//
// `npm run build` runs both, then scripts/check-bundle.mjs.
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
    transformIndexHtml(html, ctx) {
      if (!ctx.path.endsWith('index.html') && ctx.path !== '/') return html;
      const json = readFileSync(resolve(here, process.env.CHORUS_REPORT_JSON ?? 'sample-report.json'), 'utf8').replace(/</g, '\\u003c');
      return html.replace('<!--REPORT-->', json);
    },
  };
}

const DEV_SCRIPT = '<script type="module" src="/src/coop-main.ts"></script>';

/** index.html of the co-op UI: coop.html pointing at the built coop.css and coop.js. */
export function coopIndexHtml(source: string): string {
  if (!source.includes(DEV_SCRIPT) || !source.includes('<!--COOP-CSS-->')) throw new Error('coop.html lacks the dev <script> or <!--COOP-CSS-->');
  return source.replace('<!--COOP-CSS-->', '<link rel="stylesheet" href="coop.css">').replace(DEV_SCRIPT, '<script type="module" src="coop.js"></script>');
}

function coopIndex(): Plugin {
  return {
    name: 'chorus-coop-index',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'index.html', source: coopIndexHtml(readFileSync(resolve(here, 'coop.html'), 'utf8')) });
    },
  };
}

export default defineConfig(({ mode }) => {
  const coop = mode === 'coop';
  return {
    root: here,
    publicDir: false,
    plugins: coop ? [coopIndex()] : [sampleReport()],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // `npm run dev`, then open /coop.html: API calls go to a running
    // `chorus serve` (CHORUS_URL, default http://127.0.0.1:8080).
    server: {
      proxy: Object.fromEntries(
        ['/api', '/healthz'].map((p) => [p, { target: process.env.CHORUS_URL ?? 'http://127.0.0.1:8080', changeOrigin: false }]),
      ),
    },
    build: {
      outDir,
      // Only the default folder is emptied, and only by the first (report)
      // build; a CHORUS_WEB_OUT given by a build system may hold other files,
      // and we only ever write our own.
      emptyOutDir: !coop && outDir === defaultOut,
      target: 'es2020',
      minify: true,
      cssCodeSplit: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: coop
        ? { entry: resolve(here, 'src/coop-main.ts'), formats: ['es'], fileName: () => 'coop.js', cssFileName: 'coop' }
        : { entry: resolve(here, 'src/report-main.ts'), formats: ['es'], fileName: () => 'report.js', cssFileName: 'report' },
      rolldownOptions: {
        output: { codeSplitting: false, minify: true },
      },
    },
    test: {
      include: ['tests/unit/**/*.test.ts'],
      environment: 'node',
    },
  };
});
