// live.cjs URL SCREENSHOT — open a lesson in the classic Jupyter notebook
// page, as a teacher does, run all its cells, and report what the page
// shows: code cells, error outputs, charts, exercise verdicts. Exits 1 when
// a cell fails, a cell that draws shows no chart, or a check does not pass.
'use strict';
const {chromium} = require('playwright-core');

(async () => {
  const [url, shot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({viewport: {width: 1200, height: 900}});
    await page.goto(url);
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel &&
      Jupyter.notebook.kernel.is_connected(), null, {timeout: 60000});
    // Never save: the committed lessons keep no outputs.
    await page.evaluate(() => Jupyter.notebook.set_autosave_interval(0));
    await page.evaluate(() => Jupyter.notebook.execute_all_cells());
    // Done when no code cell waits or runs ("In [*]").
    await page.waitForFunction(() => Jupyter.notebook.get_cells()
      .filter((c) => c.cell_type === 'code')
      .every((c) => typeof c.input_prompt_number === 'number'), null, {timeout: 300000, polling: 1000});
    const r = await page.evaluate(() => {
      const out = {cells: 0, errors: [], missingCharts: [], charts: 0, checks: 0, notPassed: []};
      Jupyter.notebook.get_cells().forEach((c, i) => {
        if (c.cell_type !== 'code') return;
        out.cells++;
        const src = c.get_text();
        let charts = 0;
        for (const o of c.output_area.outputs) {
          if (o.output_type === 'error') out.errors.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`);
          const html = (o.data && o.data['text/html']) || '';
          if (html.includes('<svg')) charts++;
          if (html.includes('nnlesson-check ')) {
            out.checks++;
            if (!html.includes('nnlesson-check-pass')) out.notPassed.push(`cell ${i + 1}`);
          }
        }
        out.charts += charts;
        if (/\bplots\.(Show\w*|NewLive\w*)\(/.test(src) && charts === 0) out.missingCharts.push(`cell ${i + 1}`);
      });
      return out;
    });
    await page.evaluate(() => {
      const svg = document.querySelector('.output_html svg');
      if (svg) svg.scrollIntoView();
    });
    await page.screenshot({path: shot});
    console.log(`${r.cells} code cells, ${r.charts} charts, ${r.checks} checks` +
      (r.errors.length ? `; FAILED: ${r.errors.join('; ')}` : '') +
      (r.missingCharts.length ? `; NO CHART in ${r.missingCharts.join(', ')}` : '') +
      (r.notPassed.length ? `; CHECK NOT PASSED in ${r.notPassed.join(', ')}` : ''));
    process.exitCode = r.errors.length || r.missingCharts.length || r.notPassed.length ? 1 : 0;
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
