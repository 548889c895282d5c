// Entry of the co-op web UI served by `chorus serve` at / (index.html loads
// coop.js + coop.css, built by `vite build --mode coop`, see vite.config.ts).
// It shares src/shared/ with the report and draws "my report" with the
// report's own renderer.
import './shared/base.css';
import './report/report.css';
import './coop/coop.css';
import { CoopApp } from './coop/app';

function start(): void {
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  void new CoopApp(root).start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
