// controls_browser.cjs URL — the browser half of TestControlsInBrowser
// (controls_browser_test.go): open a page of controls in headless Chromium,
// move them as a student does (keyboard on the slider, a click on the
// choice list), and print what the page shows, as JSON, for the Go test to
// check. It runs with no network at all (unshare --net); every request
// other than the page itself is recorded, so the test can fail on it.
'use strict';
const {chromium} = require('playwright-core');

(async () => {
  const [url] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const out = {requests: [], errors: [], steps: []};
  try {
    const page = await browser.newPage({viewport: {width: 1000, height: 800}});
    page.on('request', (r) => { if (r.url() !== url) out.requests.push(r.url()); });
    page.on('pageerror', (e) => out.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') out.errors.push(m.text()); });
    await page.goto(url);
    // What one control shows: the visible frames, the outputs' text, the
    // inputs' state, the screen reader's status line.
    const state = (i) => page.evaluate((i) => {
      const root = document.querySelectorAll('.nnlesson-control')[i];
      const visible = Array.from(root.querySelectorAll('.nnlesson-frame'))
        .filter((f) => f.getBoundingClientRect().height > 0 && getComputedStyle(f).display !== 'none');
      return {
        visible: visible.map((f) => f.getAttribute('data-frame')),
        caption: visible.length ? visible[0].querySelector('figcaption').textContent : '',
        svgTitle: visible.length ? visible[0].querySelector('svg > title').textContent : '',
        outputs: Array.from(root.querySelectorAll('output')).map((o) => o.textContent),
        valuetext: Array.from(root.querySelectorAll('input[type=range]')).map((r) => r.getAttribute('aria-valuetext')),
        disabled: Array.from(root.querySelectorAll('[data-param]')).some((el) => el.disabled),
        wired: root.getAttribute('data-wired'),
        status: (root.querySelector('.nnlesson-control-status') || {}).textContent || '',
      };
    }, i);
    out.steps.push({what: 'loaded', ...(await state(0))});
    // The keyboard moves the first slider: focus it, press → twice.
    const slider = page.locator('.nnlesson-control').nth(0).locator('input[type=range]').first();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    out.steps.push({what: 'slider +2', ...(await state(0))});
    await page.keyboard.press('Home');
    out.steps.push({what: 'slider home', ...(await state(0))});
    // The mouse drags the second slider to its end.
    const second = page.locator('.nnlesson-control').nth(0).locator('input[type=range]').nth(1);
    const box = await second.boundingBox();
    await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    out.steps.push({what: 'second slider end', ...(await state(0))});
    // The choice list of the second control.
    if (await page.locator('.nnlesson-control').count() > 1) {
      out.steps.push({what: 'choice loaded', ...(await state(1))});
      await page.locator('.nnlesson-control').nth(1).locator('select').selectOption({index: 1});
      out.steps.push({what: 'choice 1', ...(await state(1))});
    }
    // Printing shows the default frame, whatever the slider says.
    await page.emulateMedia({media: 'print'});
    out.steps.push({what: 'print', ...(await state(0))});
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
