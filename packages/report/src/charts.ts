// The charts, drawn by Observable Plot into linkedom's server-side DOM when the page is written:
// SVG with no script, coloured through the page's CSS variables so that dark mode and print
// recolour them. Each is a figure with a caption, and a text alternative for screen readers.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { attribute, text } from "./html.js";

const WIDTH = 640;

/** One chart: Plot's options without the document, and what it shows said in words. */
export interface ChartOptions {
  /** The caption under the chart. */
  caption: string;
  /** What the chart shows, for a reader who cannot see it: its text alternative. */
  alt: string;
  plot: Omit<Plot.PlotOptions, "document">;
}

/** The chart as a `<figure>`: its SVG (role `img`, labelled with `alt`) and its caption. */
export function chart({ caption, alt, plot }: ChartOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const rendered = Plot.plot({
    width: WIDTH,
    height: 260,
    marginLeft: 56,
    style: { fontSize: "11px" },
    ...plot,
    document: document as unknown as Document,
  });
  // With a legend Plot answers a figure around the legend (whose swatches are SVGs too) and the
  // chart's SVG, its last child; that SVG is what is labelled.
  const isSvg = (element: Element) => element.tagName.toLowerCase() === "svg";
  const svg = isSvg(rendered) ? rendered : [...rendered.children].reverse().find(isSvg);
  if (!svg) throw new Error("Plot drew no SVG");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", alt);
  // Inside an image nothing is read out on its own: Plot's labels of its groups would be
  // attributes a screen reader is never given (and axe flags).
  for (const labelled of svg.querySelectorAll("[aria-label], [aria-description]")) {
    labelled.removeAttribute("aria-label");
    labelled.removeAttribute("aria-description");
  }
  const inner = rendered.tagName.toLowerCase() === "svg" ? rendered.outerHTML : rendered.innerHTML;
  return `<figure data-chart="${attribute(caption)}">${inner}<figcaption>${text(caption)}</figcaption></figure>`;
}

/** Bars over the UTC days of the period, one a day. */
export function dailyBars(
  days: readonly { day: string; value: number }[],
  options: { caption: string; alt: string; label: string; fill: string },
): string {
  const data = days.map(({ day, value }) => ({ date: new Date(`${day}T00:00:00Z`), value }));
  return chart({
    caption: options.caption,
    alt: options.alt,
    plot: {
      x: { type: "utc", label: null },
      y: { grid: true, label: options.label, nice: true },
      marks: [
        Plot.rectY(data, { x: "date", y: "value", interval: "day", inset: 1, fill: options.fill }),
        Plot.ruleY([0]),
      ],
    },
  });
}

/** Bars over named categories, in the order given. */
export function categoryBars(
  rows: readonly { label: string; value: number }[],
  options: { caption: string; alt: string; xLabel: string; yLabel: string; fill: string },
): string {
  return chart({
    caption: options.caption,
    alt: options.alt,
    plot: {
      x: { type: "band", label: options.xLabel, domain: rows.map((row) => row.label) },
      y: { grid: true, label: options.yLabel, nice: true },
      marks: [Plot.barY(rows, { x: "label", y: "value", fill: options.fill }), Plot.ruleY([0])],
    },
  });
}

/** Lines of several series over the UTC days of the period, a share in percent each. */
export function dailyShares(
  points: readonly { day: string; series: string; percent: number }[],
  options: { caption: string; alt: string; series: { name: string; color: string }[] },
): string {
  const data = points.map((point) => ({ ...point, date: new Date(`${point.day}T12:00:00Z`) }));
  return chart({
    caption: options.caption,
    alt: options.alt,
    plot: {
      x: { type: "utc", label: null },
      y: { grid: true, label: "Participants (%)", domain: [0, Math.max(10, ...data.map((point) => point.percent))] },
      color: {
        legend: true,
        domain: options.series.map((series) => series.name),
        range: options.series.map((series) => series.color),
      },
      marks: [
        Plot.lineY(data, { x: "date", y: "percent", stroke: "series", strokeWidth: 2 }),
        Plot.dot(data, { x: "date", y: "percent", fill: "series", r: 2.5 }),
        Plot.ruleY([0]),
      ],
    },
  });
}

/** Who was in the call when: a bar a stint, a row a person. */
export function timeline(
  stints: readonly { row: string; from: string; to: string; poor: boolean }[],
  options: { caption: string; alt: string; rowLabel: (row: string) => string; fill: string; poorFill: string },
): string {
  const rows = [...new Set(stints.map((stint) => stint.row))];
  const data = stints.map((stint) => ({ ...stint, x1: new Date(stint.from), x2: new Date(stint.to) }));
  return chart({
    caption: options.caption,
    alt: options.alt,
    plot: {
      height: Math.max(120, 36 + rows.length * 26),
      marginLeft: 120,
      // Times of day on the 24-hour clock, in UTC as the caption says.
      x: { type: "utc", label: null, grid: true, tickFormat: "%H:%M" },
      y: { type: "band", domain: rows, label: null, tickFormat: options.rowLabel },
      marks: [
        Plot.barX(data, {
          x1: "x1",
          x2: "x2",
          y: "row",
          fill: (stint: { poor: boolean }) => (stint.poor ? options.poorFill : options.fill),
          inset: 2,
        }),
      ],
    },
  });
}
