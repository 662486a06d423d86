// controls.js: makes the controls of the course's charts work (Go package
// plots, ShowControls). A control is
//   <div class="nnlesson-control" data-nnlesson-control="1" role="group">
// holding inputs, each a range input or a select with data-param="i", and
// one <figure class="nnlesson-frame" data-frame="K"> per combination of the
// inputs' values, K being the inputs' indices read as one mixed-radix
// number, the first input most significant. All figures but the default
// one are hidden. This script shows the figure the inputs choose, writes
// the chosen value into the <output> beside each slider, and tells screen
// readers the new caption. It may run any number of times on a page: each
// control is wired once. It loads nothing, evaluates nothing and needs no
// network, so a handout opened from a USB stick works as the notebook does.
(function () {
  'use strict';

  var STYLE_ID = 'nnlesson-control-style';
  // Legible on a projector; printing shows the default frame only.
  var CSS = [
    '.nnlesson-control{margin:.5em 0}',
    '.nnlesson-control-inputs{display:flex;flex-wrap:wrap;align-items:center;gap:.4em 2em;margin:.3em 0 .5em;font-family:sans-serif;font-size:1.15em}',
    '.nnlesson-control-inputs label{display:inline-flex;align-items:center;gap:.5em;white-space:nowrap}',
    '.nnlesson-control output{display:inline-block;min-width:3.5em;font-weight:bold;font-variant-numeric:tabular-nums;font-size:inherit;color:inherit;padding:0;vertical-align:baseline}',
    '.nnlesson-control input[type=range]{width:16em;max-width:60vw}',
    '.nnlesson-control select{font-size:1em}',
    '.nnlesson-control .nnlesson-frame{margin:0}',
    '.nnlesson-control .nnlesson-frame[hidden]{display:none !important}',
    '.nnlesson-control figcaption{font-family:sans-serif;font-size:1.05em;margin:.2em 0 0}',
    '.nnlesson-control-status{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '@media print{',
    '.nnlesson-control .nnlesson-frame{display:none !important}',
    '.nnlesson-control .nnlesson-frame[data-default]{display:block !important}',
    '.nnlesson-control-inputs,.nnlesson-control-status{display:none !important}',
    '}'
  ].join('\n');

  function addStyle() {
    if (document.getElementById(STYLE_ID)) return;
    var style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = CSS;
    var head = document.head || document.documentElement;
    // First in <head>, so that the page's own rules win.
    head.insertBefore(style, head.firstChild);
  }

  function each(list, f) {
    Array.prototype.forEach.call(list, f);
  }

  function wire(root) {
    if (root.getAttribute('data-wired') === '1') return;
    var inputs = [];
    each(root.querySelectorAll('input[data-param], select[data-param]'), function (el) {
      inputs[+el.getAttribute('data-param')] = el;
    });
    for (var i = 0; i < inputs.length; i++) {
      if (!inputs[i]) return; // not a control this script knows
    }
    var sizes = inputs.map(function (el) {
      return el.tagName === 'SELECT' ? el.options.length : +el.max + 1;
    });
    var frames = {};
    each(root.querySelectorAll('.nnlesson-frame'), function (f) {
      frames[f.getAttribute('data-frame')] = f;
    });
    // Read out the new caption when a control moves.
    var status = document.createElement('div');
    status.className = 'nnlesson-control-status';
    status.setAttribute('aria-live', 'polite');
    root.appendChild(status);

    function update(announce) {
      var k = 0;
      inputs.forEach(function (el, i) {
        var idx = el.tagName === 'SELECT' ? el.selectedIndex : +el.value;
        k = k * sizes[i] + idx;
        if (el.tagName !== 'SELECT') {
          var labels = (el.getAttribute('data-labels') || '').split('|');
          var text = idx < labels.length ? labels[idx] : String(idx);
          var label = el.closest ? el.closest('label') : el.parentNode;
          var out = label && label.querySelector('output');
          if (out) out.textContent = text;
          el.setAttribute('aria-valuetext', text);
        }
      });
      var shown = frames[String(k)];
      if (!shown) return;
      for (var key in frames) {
        if (Object.prototype.hasOwnProperty.call(frames, key)) frames[key].hidden = frames[key] !== shown;
      }
      if (announce) {
        var caption = shown.querySelector('figcaption');
        status.textContent = caption ? caption.textContent : '';
      }
    }

    inputs.forEach(function (el) {
      el.addEventListener('input', function () { update(true); });
      el.addEventListener('change', function () { update(true); });
      el.disabled = false;
    });
    root.setAttribute('data-wired', '1');
    update(false); // the inputs may hold values a reload restored
  }

  function wireAll() {
    addStyle();
    each(document.querySelectorAll('.nnlesson-control[data-nnlesson-control]'), wire);
  }

  wireAll();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wireAll);
  }
})();
