// live.cjs [--json] [--rerun-below] [--run-timeout=SECONDS] URL [SCREENSHOT]
//
// Open a lesson in the classic Jupyter notebook page, as a teacher does,
// run all its cells (Cell → Run All, never saving), and report what the
// page shows: code cells, error outputs, charts, exercise verdicts. Then
// move every control of the lesson (plots.ShowControls) once, as a student
// does — a slider by the keyboard (an arrow key) and by the mouse (a drag),
// a choice list by choosing another entry and by an arrow key — and report
// whether the chart shown changed.
//
// It prints one line for a person, or with --json the whole report as JSON
// (scripts/live/live_test.go reads it). With --rerun-below it runs the code
// cell below the last control again once the controls have moved, to show
// that the kernel still answers. --run-timeout bounds Run All (default 15
// minutes); a Run All that does not finish is reported with the cells that
// did not run. SCREENSHOT, when given, is the lesson's first chart, and
// SCREENSHOT with -control before .png its first control after the moves.
//
// Exits 1 when a cell fails or does not finish, a cell that draws shows no
// chart, a check does not pass, a control could not be built, or moving a
// control does not change the chart. Every wait is on a condition of the
// page, with generous time limits, so a loaded machine makes it slower, not
// wrong.
'use strict';
const {chromium} = require('playwright-core');

const MINUTE = 60000;

// The page-side helpers, evaluated in the Jupyter page.

// codeCells: the notebook's code cells, as {index, number} (index counts
// every cell from 0; number is the execution count or null, '*' while
// waiting or running).
function pageCodeCells() {
  return Jupyter.notebook.get_cells()
    .map((c, i) => ({cell: c, index: i}))
    .filter((x) => x.cell.cell_type === 'code')
    .map((x) => ({index: x.index, number: x.cell.input_prompt_number === undefined ? null : x.cell.input_prompt_number}));
}

// pageKernelIdle: the kernel indicator in the toolbar says "Kernel Idle".
function pageKernelIdle() {
  const icon = document.getElementById('kernel_indicator_icon');
  return !!icon && icon.classList.contains('kernel_idle_icon');
}

// pageControlState: what control n (in page order) shows now.
function pageControlState(n) {
  const root = document.querySelectorAll('.nnlesson-control[data-nnlesson-control]')[n];
  if (!root) return null;
  const inputs = [];
  root.querySelectorAll('input[data-param], select[data-param]').forEach((el) => {
    const select = el.tagName === 'SELECT';
    const label = el.closest('label');
    const out = label && label.querySelector('output');
    inputs[+el.getAttribute('data-param')] = {
      kind: select ? 'select' : 'slider',
      symbol: el.getAttribute('aria-label') || '',
      index: select ? el.selectedIndex : +el.value,
      size: select ? el.options.length : +el.max + 1,
      labels: (el.getAttribute('data-labels') || '').split('|'),
      output: out ? out.textContent : null,
      valuetext: el.getAttribute('aria-valuetext'),
      disabled: el.disabled,
    };
  });
  // Shown: not hidden and laid out (the style may hide what [hidden] misses).
  const visible = [];
  let caption = '';
  let isDefault = false;
  root.querySelectorAll('.nnlesson-frame').forEach((f) => {
    if (f.hidden || getComputedStyle(f).display === 'none' || f.getClientRects().length === 0) return;
    visible.push(f.getAttribute('data-frame'));
    const c = f.querySelector('figcaption');
    caption = c ? c.textContent : '';
    isDefault = f.hasAttribute('data-default');
  });
  const status = root.querySelector('.nnlesson-control-status');
  return {
    title: root.getAttribute('aria-label') || '',
    wired: root.getAttribute('data-wired') === '1',
    frames: root.querySelectorAll('.nnlesson-frame').length,
    visible, caption, isDefault, inputs,
    status: status ? status.textContent : '',
  };
}

// pageReport: cells, failures, charts, verdicts and controls after Run All.
function pageReport() {
  const CHECK = 'application/vnd.nnlesson.check+json';
  const CONTROL = 'application/vnd.nnlesson.control+json';
  const out = {cells: 0, numbers: [], errors: [], missingCharts: [], charts: 0, checks: [], notPassed: [], controls: []};
  Jupyter.notebook.get_cells().forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    out.cells++;
    out.numbers.push({cell: i + 1, number: c.input_prompt_number === undefined ? null : c.input_prompt_number});
    const src = c.get_text();
    let charts = 0;
    for (const o of c.output_area.outputs) {
      if (o.output_type === 'error') out.errors.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`);
      const data = o.data || {};
      const html = data['text/html'] || '';
      if (html.includes('<svg')) charts++;
      let check = data[CHECK];
      if (typeof check === 'string') check = JSON.parse(check);
      if (!check && html.includes('nnlesson-check ')) {
        check = {status: html.includes('nnlesson-check-pass') ? 'pass' : 'not pass', func: '', text: ''};
      }
      if (check) {
        out.checks.push({cell: i + 1, status: check.status, func: check.func || ''});
        if (check.status !== 'pass') out.notPassed.push(`cell ${i + 1} (${check.status}${check.func ? ': ' + check.func : ''})`);
      }
      let control = data[CONTROL];
      if (typeof control === 'string') control = JSON.parse(control);
      if (control) out.controls.push({cell: i + 1, title: control.title, frames: control.frames, error: control.error});
    }
    out.charts += charts;
    if (/\bplots\.(Show\w*|NewLive\w*)\(/.test(src) && charts === 0) out.missingCharts.push(`cell ${i + 1}`);
  });
  return out;
}

// frameOf: the frame the inputs choose, K = the inputs' indices read as one
// mixed-radix number, the first input most significant (CONTROLS.md).
function frameOf(inputs) {
  return String(inputs.reduce((k, x) => k * x.size + x.index, 0));
}

async function controlState(page, n) {
  return page.evaluate(pageControlState, n);
}

// waitChange waits until control n shows another frame than before (the
// script answers an input at once; the wait only absorbs a slow machine),
// and returns the state then, or the unchanged state after the time limit.
async function waitChange(page, n, before) {
  try {
    await page.waitForFunction(([n, before]) => {
      const root = document.querySelectorAll('.nnlesson-control[data-nnlesson-control]')[n];
      const shown = Array.from(root.querySelectorAll('.nnlesson-frame'))
        .filter((f) => !f.hidden && getComputedStyle(f).display !== 'none')
        .map((f) => f.getAttribute('data-frame'));
      return shown.join(',') !== before;
    }, [n, before.visible.join(',')], {timeout: 10000});
  } catch (e) {
    // Unchanged: the report says so.
  }
  return controlState(page, n);
}

// move records one move of input p of control n: the state before and after
// and whether the chart changed as the inputs say it must.
async function move(page, n, p, how, act) {
  const before = await controlState(page, n);
  await act(before.inputs[p]);
  const after = await waitChange(page, n, before);
  const input = after.inputs[p];
  const changed = after.visible.length === 1 && after.visible[0] !== before.visible[0] &&
    after.visible[0] === frameOf(after.inputs) && after.caption !== before.caption &&
    (input.kind !== 'slider' || input.output !== before.inputs[p].output);
  return {input: p, symbol: input.symbol, kind: input.kind, how, before, after, changed};
}

// moveControl moves every input of control n: sliders by an arrow key and a
// drag, choice lists by choosing and by an arrow key.
async function moveControl(page, n) {
  const moves = [];
  const handle = (await page.$$('.nnlesson-control[data-nnlesson-control]'))[n];
  await handle.scrollIntoViewIfNeeded();
  const inputs = await handle.$$('input[data-param], select[data-param]');
  const state = await controlState(page, n);
  for (let p = 0; p < state.inputs.length; p++) {
    const el = await findParam(inputs, p);
    if (state.inputs[p].kind === 'slider') {
      moves.push(await move(page, n, p, 'key', async (x) => {
        await el.focus();
        await page.keyboard.press(x.index < x.size - 1 ? 'ArrowRight' : 'ArrowLeft');
      }));
      moves.push(await move(page, n, p, 'drag', async (x) => {
        // From the thumb to a quarter from the far end of the track.
        const box = await el.boundingBox();
        const thumb = 8; // half of Chromium's thumb, in CSS pixels
        const at = (f) => box.x + thumb + f * (box.width - 2 * thumb);
        const from = x.size > 1 ? x.index / (x.size - 1) : 0;
        const to = from < 0.5 ? 0.8 : 0.2;
        const y = box.y + box.height / 2;
        await page.mouse.move(at(from), y);
        await page.mouse.down();
        await page.mouse.move(at(to), y, {steps: 8});
        await page.mouse.up();
      }));
    } else {
      moves.push(await move(page, n, p, 'choose', async (x) => {
        await el.selectOption({index: x.index < x.size - 1 ? x.index + 1 : x.index - 1});
      }));
      moves.push(await move(page, n, p, 'key', async (x) => {
        await el.focus();
        await page.keyboard.press(x.index < x.size - 1 ? 'ArrowDown' : 'ArrowUp');
      }));
    }
  }
  // Leave the keyboard to the notebook again.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  return moves;
}

async function findParam(handles, p) {
  for (const h of handles) {
    if ((await h.getAttribute('data-param')) === String(p)) return h;
  }
  throw new Error(`no input with data-param="${p}"`);
}

// rerunBelow runs the code cell below the last control again and waits
// until it has finished: the kernel still answers after the controls moved.
async function rerunBelow(page) {
  const target = await page.evaluate(() => {
    const cells = Jupyter.notebook.get_cells();
    const roots = document.querySelectorAll('.nnlesson-control[data-nnlesson-control]');
    if (roots.length === 0) return null;
    const last = roots[roots.length - 1];
    const at = cells.findIndex((c) => c.element[0].contains(last));
    const below = cells.findIndex((c, i) => i > at && c.cell_type === 'code');
    if (below < 0) return null;
    const max = Math.max(0, ...cells.map((c) => typeof c.input_prompt_number === 'number' ? c.input_prompt_number : 0));
    return {control: at, below, before: cells[below].input_prompt_number, max};
  });
  if (!target) return null;
  await page.evaluate((i) => Jupyter.notebook.get_cell(i).execute(), target.below);
  await page.waitForFunction(([i, max]) => {
    const n = Jupyter.notebook.get_cell(i).input_prompt_number;
    return typeof n === 'number' && n > max;
  }, [target.below, target.max], {timeout: 5 * MINUTE, polling: 500});
  await page.waitForFunction(pageKernelIdle, null, {timeout: 2 * MINUTE, polling: 500});
  const after = await page.evaluate((i) => {
    const c = Jupyter.notebook.get_cell(i);
    return {
      number: c.input_prompt_number,
      errors: c.output_area.outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`),
    };
  }, target.below);
  return {controlCell: target.control + 1, cell: target.below + 1, before: target.before, after: after.number, errors: after.errors};
}

(async () => {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const json = flag('--json');
  const rerun = flag('--rerun-below');
  // --run-timeout=SECONDS bounds Run All (default 15 minutes).
  let runTimeout = 15 * MINUTE;
  const t = args.findIndex((a) => a.startsWith('--run-timeout='));
  if (t >= 0) runTimeout = 1000 * +args.splice(t, 1)[0].split('=')[1];
  const [url, shot] = args;
  if (!url) throw new Error('usage: live.cjs [--json] [--rerun-below] [--run-timeout=SECONDS] URL [SCREENSHOT]');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({viewport: {width: 1200, height: 900}});
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Jupyter asks before leaving a page with unsaved changes; say no save.
    page.on('dialog', (d) => d.dismiss().catch(() => {}));
    await page.goto(url, {timeout: 2 * MINUTE});
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
      Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(), null, {timeout: 3 * MINUTE, polling: 500});
    // Never save: the committed lessons keep no outputs.
    await page.evaluate(() => Jupyter.notebook.set_autosave_interval(0));
    await page.waitForFunction(pageKernelIdle, null, {timeout: 3 * MINUTE, polling: 500});
    await page.evaluate(() => Jupyter.notebook.execute_all_cells());
    // Done when every code cell has run ("In [n]", not "In [*]") and the
    // kernel is idle. A cell that never ends (a control that blocks, say)
    // still gets a report: which cells did not run.
    let hung = '';
    try {
      await page.waitForFunction(() => Jupyter.notebook.get_cells()
        .filter((c) => c.cell_type === 'code')
        .every((c) => typeof c.input_prompt_number === 'number'), null, {timeout: runTimeout, polling: 1000});
      await page.waitForFunction(pageKernelIdle, null, {timeout: 3 * MINUTE, polling: 500});
    } catch (e) {
      hung = `Run All did not finish within ${runTimeout / 1000} s (${e.message.split('\n')[0]})`;
    }
    const r = await page.evaluate(pageReport);
    r.kernelIdle = await page.evaluate(pageKernelIdle);
    r.hung = hung;
    if (shot) {
      await page.evaluate(() => {
        const svg = document.querySelector('.output_html svg');
        if (svg) svg.scrollIntoView();
      });
      await page.screenshot({path: shot});
    }

    // The controls: each wired by its own script, showing its default
    // frame, then moved.
    r.moved = [];
    const count = hung ? 0 : await page.evaluate(() => document.querySelectorAll('.nnlesson-control[data-nnlesson-control]').length);
    for (let n = 0; n < count; n++) {
      try {
        await page.waitForFunction((n) => document.querySelectorAll('.nnlesson-control[data-nnlesson-control]')[n]
          .getAttribute('data-wired') === '1', n, {timeout: 10000});
      } catch (e) {
        // Not wired: the report says so.
      }
      const loaded = await controlState(page, n);
      const moves = loaded.wired ? await moveControl(page, n) : [];
      r.moved.push({loaded, moves});
      if (n === 0 && shot) {
        const h = (await page.$$('.nnlesson-control[data-nnlesson-control]'))[0];
        await h.screenshot({path: shot.replace(/\.png$/, '') + '-control.png'});
      }
    }
    r.rerun = rerun && !hung ? await rerunBelow(page) : null;
    r.pageErrors = pageErrors;

    const badControls = [];
    r.controls.forEach((c) => {
      if (c.error) badControls.push(`cell ${c.cell}: ${c.error}`);
    });
    const controlWords = r.moved.map((m) => {
      if (!m.loaded.wired) {
        badControls.push(`"${m.loaded.title}" not wired`);
        return `${m.loaded.title}: NOT WIRED`;
      }
      const moves = m.moves.map((x) => {
        if (!x.changed) badControls.push(`"${m.loaded.title}" ${x.symbol} by ${x.how}`);
        return `${x.symbol} ${x.how} ${x.changed ? '✓' : '✗'}`;
      });
      return `${m.loaded.title}: ${moves.join(', ')}`;
    });
    const rerunBad = r.rerun && r.rerun.errors.length > 0;
    const failed = hung || r.errors.length || r.missingCharts.length || r.notPassed.length || badControls.length || rerunBad;
    if (json) {
      console.log(JSON.stringify(r, null, 1));
    } else {
      console.log(`${r.cells} code cells, ${r.charts} charts, ${r.checks.length} checks, ${r.moved.length} controls` +
        (hung ? `; ${hung}; NOT RUN: ${r.numbers.filter((n) => typeof n.number !== 'number').map((n) => `cell ${n.cell}`).join(', ')}` : '') +
        (r.errors.length ? `; FAILED: ${r.errors.join('; ')}` : '') +
        (r.missingCharts.length ? `; NO CHART in ${r.missingCharts.join(', ')}` : '') +
        (r.notPassed.length ? `; CHECK NOT PASSED in ${r.notPassed.join(', ')}` : '') +
        (badControls.length ? `; CONTROL DID NOT CHANGE THE CHART: ${badControls.join('; ')}` : '') +
        (rerunBad ? `; CELL BELOW THE CONTROL FAILED: ${r.rerun.errors.join('; ')}` : '') +
        controlWords.map((w) => `\n${' '.repeat(39)}${w}`).join(''));
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
