// Without CHORUS_REPORT_HTML, make the test reports from the JSON fixtures
// with the built bundle (npm run build first), exactly as chorus would.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedDir, sources, targets, webDir } from './targets';

export default function globalSetup(): void {
  if (process.env.CHORUS_REPORT_HTML) {
    if (!existsSync(process.env.CHORUS_REPORT_HTML)) throw new Error(`CHORUS_REPORT_HTML=${process.env.CHORUS_REPORT_HTML} does not exist`);
    return;
  }
  const dist = process.env.CHORUS_WEB_OUT ? resolve(process.env.CHORUS_WEB_OUT) : resolve(webDir, 'dist');
  if (!existsSync(resolve(dist, 'report.js'))) throw new Error(`${dist}/report.js is missing: run "npm run build" first`);
  for (const t of targets()) {
    execFileSync(process.execPath, [resolve(webDir, 'scripts/inline.mjs'), sources[t.name]!, resolve(generatedDir, `${t.name}-report.html`), dist], {
      stdio: 'inherit',
    });
  }
}
