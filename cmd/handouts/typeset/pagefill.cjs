// pagefill.cjs ALL.pdf — how full each printed page of the handouts is.
//
// Each page is rendered in grey (pdftoppm, from poppler-utils) and its fill
// is how far down the page's text area the lowest ink reaches, from 0 (an
// empty page) to 100 % (ink down to the bottom margin). A page is a lesson's
// last when the next page starts a lesson (its first line is a page's
// title, set larger than any other heading, and wider than tall, unlike a
// chart's axis label set on its side: pdftotext -bbox-layout); a
// half-empty last page is the lesson ending, not a block that jumped to the
// next page. Prints one line per page less than 60 % full and a summary.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {execFileSync} = require('child_process');

if (process.argv.length !== 3) {
  process.stderr.write('usage: node pagefill.cjs ALL.pdf\n');
  process.exit(2);
}
const pdf = process.argv[2];
const dpi = 30;
// The handouts' @page margins (handout.css): 14 mm at the top, 15 mm at the bottom.
const mm = (x) => (x / 25.4) * dpi;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pagefill-'));
try {
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, path.join(tmp, 'p')]);
  const files = fs.readdirSync(tmp).filter((f) => f.endsWith('.pgm')).sort();
  const pages = files.map((f, i) => {
    const data = fs.readFileSync(path.join(tmp, f));
    // P5 header: "P5\n<w> <h>\n<max>\n", then one byte a pixel.
    const header = data.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = data.subarray(header[0].length);
    let last = -1;
    for (let y = h - 1; y >= 0 && last < 0; y--) {
      for (let x = 0; x < w; x++) {
        if (pixels[y * w + x] < 200) {
          last = y;
          break;
        }
      }
    }
    const top = mm(14);
    const bottom = h - mm(15);
    const fill = Math.max(0, Math.min(1, (last - top) / (bottom - top)));
    // The page's first line of text, and its height in points: a lesson's
    // title (h1, 1.85 × 10.5 pt) is taller than 17 pt, other lines are not.
    const layout = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-bbox-layout', pdf, '-']).toString();
    const line = layout.match(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/);
    const first = line ? line[5].replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
      .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : '';
    // A chart's axis label, set on its side, is tall too, but narrow: a
    // title is a line of writing, much wider than it is tall.
    const [width, height] = line ? [Number(line[3]) - Number(line[1]), Number(line[4]) - Number(line[2])] : [0, 0];
    const starts = height > 17 && width > 2 * height;
    return {n: i + 1, fill, first, starts};
  });
  let low = 0;
  let lowInside = 0;
  pages.forEach((p, i) => {
    const lessonEnd = i + 1 === pages.length || pages[i + 1].starts;
    if (p.fill < 0.6) {
      low++;
      if (!lessonEnd) lowInside++;
      process.stdout.write(`page ${String(p.n).padStart(3)}  ${String(Math.round(p.fill * 100)).padStart(3)} % full` +
        `${lessonEnd ? '  (a lesson ends here)' : ''}  ${p.first.slice(0, 60)}\n`);
    }
  });
  process.stdout.write(`${pages.length} pages; ${low} less than 60 % full, ${lowInside} of them inside a lesson\n`);
} finally {
  fs.rmSync(tmp, {recursive: true, force: true});
}
