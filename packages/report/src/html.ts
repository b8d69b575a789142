// The page around the charts: escaping, number and time formats, tables, and the one document
// shell (inline CSS, a Content-Security-Policy that lets nothing load, light and dark, phone
// and A4). Every value that came from the API goes through `text()` or `attribute()`.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Any value as HTML text: `null` and `undefined` as nothing. */
export function text(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (character) => ESCAPES[character] as string);
}

/** A value for an attribute written between double quotes. */
export const attribute = text;

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A count or a sum of minutes as the page shows it: whole, with thousands separated. */
export function whole(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : WHOLE.format(Math.round(value));
}

/** A measurement (MOS, a percentage) to one decimal. */
export function decimal(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : ONE_DECIMAL.format(value);
}

/** An ISO 8601 time as `2026-11-30 12:00 UTC`, in a `<time>` element. */
export function time(iso: string | null | undefined): string {
  if (!iso) return "–";
  return `<time datetime="${attribute(iso)}">${text(iso.slice(0, 16).replace("T", " "))} UTC</time>`;
}

/** A UTC day, `2026-11-30`, in a `<time>` element. */
export function day(iso: string): string {
  return `<time datetime="${attribute(iso)}">${text(iso)}</time>`;
}

/** A table cell: a header cell when `head`, numbers aligned right. */
export interface Column<Row> {
  head: string;
  cell: (row: Row) => string;
  numeric?: boolean;
}

/** A table of `rows`, its caption said to screen readers and shown. */
export function table<Row>(
  caption: string,
  columns: Column<Row>[],
  rows: readonly Row[],
  options: { rowAttributes?: (row: Row) => string; scroll?: boolean } = {},
): string {
  const head = columns
    .map((column) => `<th scope="col"${column.numeric ? ' class="n"' : ""}>${text(column.head)}</th>`)
    .join("");
  const body = rows
    .map(
      (row) =>
        `<tr${options.rowAttributes ? ` ${options.rowAttributes(row)}` : ""}>${columns
          .map((column) => `<td${column.numeric ? ' class="n"' : ""}>${column.cell(row)}</td>`)
          .join("")}</tr>`,
    )
    .join("\n");
  const markup = `<table><caption>${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  // A table taller than the chart beside it scrolls; the scroller takes the keyboard focus so
  // that it can be scrolled without a mouse.
  return options.scroll
    ? `<div class="scroll" tabindex="0" role="region" aria-label="${attribute(caption)}">${markup}</div>`
    : markup;
}

/** A chart and the table of its numbers, side by side (one above the other on a phone). */
export function pair(chart: string, numbers: string): string {
  return `<div class="pair">${chart}${numbers}</div>`;
}

/** A section with its heading, for the outline a screen reader walks. */
export function section(id: string, heading: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${text(heading)}</h2>\n${body}\n</section>`;
}

const CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --accent: #0b5cad; --accent-2: #b35900; --poor: #b3261e; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d;
    --accent: #58a6ff; --accent-2: #f0883e; --poor: #ff7b72; --panel: #161b22; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 1rem 3rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--line); }
p { margin: .4rem 0; }
.muted, caption, figcaption { color: var(--muted); }
a { color: var(--accent); }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 0; }
.figures > div { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
.figures dt { color: var(--muted); font-size: .85rem; }
.figures dd { margin: 0; }
.figures .value { display: block; font-size: 1.7rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.figures .change { font-size: .85rem; color: var(--muted); }
.pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; margin: .5rem 0 1rem; }
figure { margin: 0; }
figure svg[role=img] { width: 100%; height: auto; --plot-background: var(--bg); }
.scroll { max-height: 22rem; overflow: auto; border: 1px solid var(--line); border-radius: .5rem; }
.scroll:focus { outline: 2px solid var(--accent); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: .25rem .5rem; font-size: .85rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { position: sticky; top: 0; background: var(--panel); font-weight: 600; }
.n { text-align: right; }
td.n { white-space: nowrap; }
time { white-space: nowrap; }
.poor { color: var(--poor); font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.wide { overflow-x: auto; }
pre.summary { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); border: 1px solid var(--line);
  border-radius: .5rem; padding: .75rem 1rem; font: .9rem/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted); }
@media (max-width: 46rem) {
  body { padding: 1rem .75rem 2rem; font-size: 14px; }
  .pair { grid-template-columns: minmax(0, 1fr); }
  .figures .value { font-size: 1.4rem; }
  td, th { padding: .25rem .35rem; }
}
@page { size: A4; margin: 12mm; }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #bbbbbb; --panel: #ffffff;
    --accent: #0b5cad; --accent-2: #b35900; --poor: #b3261e; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .pair { grid-template-columns: minmax(0, 1fr); }
  .scroll { max-height: none; overflow: visible; border: 0; }
  th { position: static; }
  .wide { overflow: visible; }
  th, td, .n { white-space: normal; overflow-wrap: anywhere; padding: .2rem .3rem; }
  section, figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

/** The whole page: nothing in it loads anything (the policy says so to the browser too). */
export function documentOf(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="@realtimekit-sessions/report">
<title>${text(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
