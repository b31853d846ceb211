// The inline style sheet and script of the HTML report (html_writer.cc).
// Kept apart so the writer reads as markup; no network resources: system
// fonts, no images, no external scripts.
#ifndef PROVCHECK_SRC_REPORT_HTML_ASSETS_H_
#define PROVCHECK_SRC_REPORT_HTML_ASSETS_H_

namespace provcheck::report {

inline constexpr char kHtmlStyle[] = R"CSS(
:root {
  --err: #b71c1c; --err-bg: #ffe3e0; --err-same: #ffb3aa;
  --warn: #8a5300; --warn-bg: #fff2cc; --warn-same: #ffd866;
  --note: #1d56a8; --note-bg: #e3eeff; --note-same: #b5cffb;
  --credit: #6a1b9a; --credit-bg: #f3e8fb;
  --pass: #1b6e35; --focus: #1a4fd6; --line: #d9d9de; --muted: #55585f;
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1b1b1f; background: #f4f4f6; }
code, kbd { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 .3em; background: #fff; }
a { color: #0b4fb3; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
header.top { display: flex; gap: 1.25rem; align-items: center; padding: 1rem 1.5rem; background: #fff;
  border-bottom: 6px solid var(--err); }
header.top.pass { border-bottom-color: var(--pass); }
.verdict { margin: 0; font-size: 2.4rem; font-weight: 800; letter-spacing: .06em; color: #fff;
  background: var(--err); padding: .1em .55em; border-radius: 6px; }
header.pass .verdict { background: var(--pass); }
.headline h1 { margin: 0; font-size: 1.2rem; }
.headline p { margin: .15rem 0; }
.summary { font-size: 1.1rem; }
.when, .keys, .stats, .src-id, .finding-meta { color: var(--muted); font-size: .9rem; }
main { padding: 1rem 1.5rem 3rem; max-width: 1700px; margin: 0 auto; }
main:focus { outline: none; }
section.draft, section.errors, table.drafts { background: #fff; border: 1px solid var(--line);
  border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
section.errors { border-color: var(--err); }
h2 { margin: 0 0 .25rem; font-size: 1.3rem; }
h3 { margin: 0 0 .5rem; font-size: 1rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.badge { display: inline-block; font-size: .8em; font-weight: 700; color: #fff; background: var(--err);
  border-radius: 4px; padding: 0 .45em; vertical-align: .1em; }
.badge.pass { background: var(--pass); }
.path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; text-transform: none; }
ul.reasons { margin: .25rem 0 .75rem; color: var(--err); font-weight: 600; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { text-align: left; padding: .2rem .75rem .2rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.share { font-weight: 700; font-variant-numeric: tabular-nums; }
nav.finding-list ol { margin: 0 0 1rem; padding-left: 1.75rem; }
nav.finding-list li { margin: .1rem 0; }
span.sev { font-weight: 700; text-transform: uppercase; font-size: .75em; letter-spacing: .04em; }
span.sev-error, .finding.sev-error .sev { color: var(--err); }
span.sev-warning, .finding.sev-warning .sev { color: var(--warn); }
span.sev-note, .finding.sev-note .sev { color: var(--note); }
.columns { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 1.02rem/1.75 Georgia, "DejaVu Serif", serif;
  background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; }
div.text { white-space: normal; }
.match-col { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 0 .25rem .5rem 0; }
mark { color: inherit; border-radius: 2px; padding: .05em 0; }
mark.sev-error { background: var(--err-bg); }
mark.sev-warning { background: var(--warn-bg); }
mark.sev-note { background: var(--note-bg); }
mark.p:not(.same) { text-decoration: underline dotted 1px; text-underline-offset: .2em; }
mark.p.same.sev-error { background: var(--err-same); }
mark.p.same.sev-warning { background: var(--warn-same); }
mark.p.same.sev-note { background: var(--note-same); }
mark.p.same { font-weight: 600; }
mark.credit { background: var(--credit-bg); text-decoration: underline wavy var(--credit) 1.5px;
  text-underline-offset: .25em; }
mark.current { box-shadow: 0 0 0 2px var(--focus); }
a.num { display: inline-block; min-width: 1.55em; padding: 0 .3em; margin: 0 .2em 0 .1em; border-radius: 1em;
  font: 700 .72rem/1.55 system-ui, "DejaVu Sans", sans-serif; text-align: center; text-decoration: none;
  color: #fff; background: var(--err); vertical-align: .2em; }
a.num.sev-warning { background: var(--warn); }
a.num.sev-note { background: var(--note); }
a.num.credit { background: var(--credit); }
a.num.current { outline: 3px solid var(--focus); outline-offset: 1px; }
article.finding { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--err);
  border-radius: 6px; padding: .6rem .85rem; margin: 0 0 1rem; scroll-margin-top: .5rem; }
article.finding.sev-warning { border-left-color: var(--warn); }
article.finding.sev-note { border-left-color: var(--note); }
article.finding.credit { border-left-color: var(--credit); }
article.finding:target, article.finding.current { box-shadow: 0 0 0 3px var(--focus); }
article.finding h4 { margin: 0 0 .2rem; font-size: 1.05rem; }
article.finding cite { font-style: normal; }
article.finding p { margin: .15rem 0; }
.src-meta .publisher { font-weight: 600; }
a.src-link { overflow-wrap: anywhere; }
blockquote { margin: .5rem 0 0; padding: .5rem .75rem; background: #f7f7f9; border-radius: 4px;
  white-space: pre-wrap; overflow-wrap: anywhere; font: .98rem/1.65 Georgia, "DejaVu Serif", serif; }
blockquote mark.same { background: #ffe58a; font-weight: 600; }
.inv { background: #ffc9c9; border-radius: 2px; }
.inv::after { content: "\00B7"; color: #b00020; font-weight: 700; }
details.provenance { margin-top: 1rem; color: var(--muted); font-size: .9rem; }
details.provenance dt { font-weight: 600; }
details.provenance dd { margin: 0 0 .3rem 1rem; overflow-wrap: anywhere; }
@media (max-width: 900px) {
  .columns { grid-template-columns: minmax(0, 1fr); }
  .match-col { position: static; max-height: none; overflow: visible; }
  header.top { flex-direction: column; align-items: flex-start; }
}
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  .skip, .keys { display: none; }
  header.top { padding: 0 0 .5rem; }
  main { padding: .5rem 0; max-width: none; }
  section.draft { border: none; padding: 0; break-before: page; }
  section.draft:first-of-type { break-before: auto; }
  .columns { display: block; }
  .match-col { position: static; max-height: none; overflow: visible; }
  .text { border: none; padding: 0; }
  article.finding { break-inside: avoid; box-shadow: none !important; }
  mark, a.num, .verdict, .badge, .inv { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
)CSS";

inline constexpr char kHtmlScript[] = R"JS(
(function () {
  'use strict';
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var nums = Array.prototype.slice.call(document.querySelectorAll('.draft-col a.num'));
  var current = -1;
  function cardOf(a) { return document.getElementById(a.getAttribute('href').slice(1)); }
  function scrollable(aside) {
    return aside && aside.scrollHeight > aside.clientHeight &&
        getComputedStyle(aside).position === 'sticky';
  }
  function show(i, move) {
    if (!nums.length) return;
    current = (i + nums.length) % nums.length;
    var a = nums[current];
    var n = ' ' + a.getAttribute('data-f') + ' ';
    each(document.querySelectorAll('.current'), function (el) { el.classList.remove('current'); });
    a.classList.add('current');
    each(a.closest('section.draft').querySelectorAll('.draft-col mark[data-f]'), function (m) {
      if ((' ' + m.getAttribute('data-f') + ' ').indexOf(n) >= 0) m.classList.add('current');
    });
    var card = cardOf(a);
    if (card) {
      card.classList.add('current');
      if (scrollable(card.parentNode)) card.parentNode.scrollTop = card.offsetTop - 8;
    }
    if (move) {
      a.focus({preventScroll: true});
      a.scrollIntoView({block: 'center'});
    }
  }
  nums.forEach(function (a, i) {
    a.addEventListener('focus', function () { show(i, false); });
    a.addEventListener('click', function (e) {
      var card = cardOf(a);
      show(i, false);
      // Side by side, the source is already beside the passage: keep the
      // draft where it is and move the focus to the source.
      if (card && scrollable(card.parentNode)) {
        e.preventDefault();
        card.focus({preventScroll: true});
      }
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === 'j') { show(current + 1, true); e.preventDefault(); }
    else if (e.key === 'k') { show(current < 0 ? -1 : current - 1, true); e.preventDefault(); }
  });
  window.addEventListener('beforeprint', function () {
    each(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
)JS";

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_HTML_ASSETS_H_
