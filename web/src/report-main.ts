// Entry of the self-contained report page (report.html): reads the report
// JSON that the page inlines and renders it. Built to dist/report.js +
// dist/report.css (see vite.config.ts); coop-main.ts is the entry of the
// co-op web UI served by `chorus serve`, sharing src/shared/.
import './shared/base.css';
import './report/report.css';
import { renderError, renderReport } from './report/render';
import { parseReport } from './report/shape';

function start(): void {
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  const data = document.getElementById('chorus-report');
  const result = parseReport(data?.textContent);
  if (!result.ok) {
    renderError(root, result.error);
    return;
  }
  document.title = 'chorus — listening report';
  renderReport(result.report, root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
