// typeset.cjs IN.html OUT.html — typesets the TeX formulas of a handout
// ($…$, $$…$$, \(…\), \[…\]) into inline SVG with MathJax 3, so that the page
// shows them with no script and no network, on screen and on paper.
//
// Only the lessons' prose is typeset: code, and the outputs of code cells,
// are left as they are (a Go program may print a dollar sign). A formula
// that TeX cannot read makes the script exit with status 1, naming it.
'use strict';
const fs = require('fs');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {AssistiveMmlHandler} = require('mathjax-full/js/a11y/assistive-mml.js');
const {AllPackages} = require('mathjax-full/js/input/tex/AllPackages.js');

if (process.argv.length !== 4) {
  process.stderr.write('usage: node typeset.cjs IN.html OUT.html\n');
  process.exit(2);
}
const [input, output] = process.argv.slice(2);

const adaptor = liteAdaptor({fontSize: 16});
// Each formula's SVG is hidden from screen readers, which read the MathML
// that the assistive-MML handler puts beside it (the page's CSS keeps that
// out of sight).
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const errors = [];
const tex = new TeX({
  packages: AllPackages.filter((name) => name !== 'bussproofs'),
  inlineMath: [['$', '$'], ['\\(', '\\)']],
  displayMath: [['$$', '$$'], ['\\[', '\\]']],
  processEscapes: true,
  formatError(jax, err) {
    errors.push(`${err.message}: ${jax.latex}`);
    return jax.formatError(err);
  },
});
// fontCache 'local': each formula's SVG carries its own glyphs, so that a
// formula stands alone (printing, copying a part of the page).
const svg = new SVG({fontCache: 'local'});
const page = mathjax.document(fs.readFileSync(input, 'utf8'), {
  InputJax: tex,
  OutputJax: svg,
  // nbconvert's lab template: code is in jp-InputArea-editor, outputs in jp-OutputArea.
  ignoreHtmlClass: 'tex2jax_ignore|mathjax_ignore|jp-InputArea-editor|jp-OutputArea',
});
page.render();
const count = Array.from(page.math).length;
if (count === 0) {
  adaptor.remove(svg.svgStyles);
}
fs.writeFileSync(output, adaptor.doctype(page.document) + '\n' + adaptor.outerHTML(adaptor.root(page.document)) + '\n');
if (errors.length > 0) {
  process.stderr.write(`${input}: ${errors.length} formula(s) TeX cannot read:\n  ${errors.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`${count}\n`);
