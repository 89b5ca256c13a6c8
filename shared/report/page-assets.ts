/**
 * The report's own stylesheet and script: constants, so the page's CSP can allow exactly them
 * by hash (csp.ts). Light and dark follow the system through `prefers-color-scheme`.
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1f; --muted: #4a4d55; --line: #8a8f99;
  --panel: #f3f4f6; --link: #0b57d0; --pass: #17652c; --fail: #b3261e; --fault: #8a4b00;
  --note: #eef1f6; --hl: #fff3b0; --good: #17652c; --state-ok: #2e8b57; --state-busy: #d08a00;
  --state-off: #9aa0a6; --state-bad: #c5221f; --state-link: #1a73e8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171a; --fg: #e8eaed; --muted: #b8bcc4; --line: #7d838d; --panel: #202328;
    --link: #8ab4f8; --pass: #81d99a; --fail: #ff8a80; --fault: #ffb74d; --note: #262a31;
    --hl: #4a4215; --good: #81d99a; --state-ok: #5bbf85; --state-busy: #f2b84b;
    --state-off: #6f757d; --state-bad: #ff6f61; --state-link: #7aa7f5; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600;
  border: 1px solid currentColor; }
.pass { color: var(--pass); }
.fail { color: var(--fail); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--panel); }
ul.verdicts { list-style: none; padding: 0; margin: 0; }
ul.verdicts li { padding: 6px 8px; border-left: 4px solid var(--line); margin: 4px 0;
  background: var(--panel); }
ul.verdicts li.fail { border-left-color: var(--fail); color: var(--fg); }
ul.verdicts li.pass { border-left-color: var(--pass); color: var(--fg); }
ul.verdicts li:target { outline: 2px solid var(--link); }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; }
svg.diagram { display: block; font: 11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
svg.diagram text { fill: var(--fg); }
svg.diagram text.seq, svg.diagram text.time { fill: var(--muted); }
svg.diagram text.lane { font-weight: 600; font-size: 12px; }
svg.diagram .lifeline { stroke: var(--line); stroke-dasharray: 2 3; }
svg.diagram .arrow { stroke: var(--fg); stroke-width: 1.3; }
svg.diagram .arrow.dashed { stroke-dasharray: 5 3; }
svg.diagram .head { fill: var(--fg); }
svg.diagram .note { fill: var(--note); stroke: var(--line); }
svg.diagram .tone-fault .note { stroke: var(--fault); stroke-width: 2; }
svg.diagram .tone-fault text.label { fill: var(--fault); }
svg.diagram .tone-problem .arrow { stroke: var(--fail); }
svg.diagram .tone-problem .note { stroke: var(--fail); }
svg.diagram .tone-problem text.label { fill: var(--fail); }
svg.diagram .tone-good text.label { fill: var(--good); }
svg.diagram .hl { fill: transparent; }
svg.diagram g.row:target .hl { fill: var(--hl); }
svg.diagram .gap-bg { fill: var(--panel); }
svg.diagram .mark-fail { fill: var(--fail); }
svg.diagram .mark-pass { fill: var(--pass); }
svg.diagram .band { fill: transparent; }
svg.diagram .st-ready { fill: var(--state-ok); }
svg.diagram .st-busyBackoff, svg.diagram .st-recovering { fill: var(--state-busy); }
svg.diagram .st-connecting, svg.diagram .st-linked, svg.diagram .st-loggingIn { fill: var(--state-link); }
svg.diagram .st-offline, svg.diagram .st-loggedOut, svg.diagram .st-other { fill: var(--state-off); }
svg.diagram .st-failed { fill: var(--state-bad); }
.legend span { display: inline-block; margin-right: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.sw-ready { background: var(--state-ok); } .sw-busy { background: var(--state-busy); }
.sw-link { background: var(--state-link); } .sw-off { background: var(--state-off); }
.sw-bad { background: var(--state-bad); }
`;

/**
 * Saves an embedded trace from its base64 block as a Blob download. Small traces also carry a
 * `data:` link that works without script; this covers the large ones, whose `data:` URL would
 * pass the browser's URL length limit.
 */
export const REPORT_SCRIPT = `document.addEventListener('click', function (e) {
  var a = e.target instanceof Element ? e.target.closest('a[data-trace]') : null;
  if (!a || (a.getAttribute('href') || '').indexOf('data:') === 0) return;
  var block = document.getElementById(a.getAttribute('data-trace'));
  if (!block) return;
  e.preventDefault();
  var bin = atob(block.textContent.trim());
  var bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  var url = URL.createObjectURL(new Blob([bytes], { type: 'application/x-ndjson' }));
  var link = document.createElement('a');
  link.href = url;
  link.download = a.getAttribute('download') || 'trace.jsonl';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
});`;
