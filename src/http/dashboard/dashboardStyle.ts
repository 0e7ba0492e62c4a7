// The dashboard's one stylesheet, served from this origin (the CSP allows no inline style): plain, readable
// on a phone (tables scroll sideways inside their box, a case's timeline turns into one card per step that
// leads with step, who, deadline and result; the chart scales to the width), and printable.

/** The stylesheet's text. */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa; --late: #8a1c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
a { color: #0b4f9c; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
.brand { font-weight: 600; text-decoration: none; color: var(--ink); }
.account { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; font-size: .95rem; }
.who { color: var(--muted); }
.logout { margin: 0; }
button { font: inherit; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.45rem; margin: .3rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .4rem 0 1rem; }
table { border-collapse: collapse; min-width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.text { min-width: 12rem; }
td.when { min-width: 8.5rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.late { color: var(--late); font-weight: 600; }
.mark { display: inline-block; padding: 0 .35rem; border: 1px solid currentColor; border-radius: 4px; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.muted { color: var(--muted); }
.notice { padding: .5rem .7rem; border-left: 4px solid var(--late); background: #fff5f5; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.keluhan { white-space: pre-wrap; padding: .5rem .7rem; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
figure.chart { margin: .5rem 0 1.5rem; }
figure.chart svg { width: 100%; height: auto; max-width: 36rem; display: block; }
figure.chart figcaption { font-size: .85rem; color: var(--muted); margin-top: .3rem; }
.actions { margin: .5rem 0 1rem; }
form.search { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: 0 0 .6rem; }
form.search input { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 6px; min-width: 0; flex: 1 1 14rem; max-width: 24rem; }
table.timeline td.step { min-width: 12rem; }
@media (max-width: 40rem) {
  table.timeline, table.timeline tbody, table.timeline tr, table.timeline td { display: block; min-width: 0; width: 100%; }
  table.timeline thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.timeline tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .7rem; padding: .35rem .6rem; }
  table.timeline tr.is-late { border-left: 4px solid var(--late); }
  table.timeline td { border: 0; padding: .1rem 0; text-align: left; white-space: normal; }
  table.timeline td.step { font-weight: 600; min-width: 0; }
  table.timeline td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  table.timeline td.asked, table.timeline td.acted, table.timeline td.actual, table.timeline td.escalation { font-size: .85rem; color: var(--muted); }
}
@media print { .bar .account, .actions { display: none; } }
`;
