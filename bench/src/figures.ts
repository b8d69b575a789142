// The figures the READMEs quote, written from the latest `pnpm bench` run (bench/figures.json)
// into marked spans: `<!-- figure:mainEntry -->6,275 B<!-- /figure -->`. No number in a README
// is typed by hand; bench/test/figures.test.ts fails when one differs from the recorded run.
import { readFile, writeFile } from "node:fs/promises";

const ROOT = new URL("../../", import.meta.url);
/** Every file that quotes a figure. */
export const QUOTING = [
  "README.md",
  "packages/client/README.md",
  "packages/testing/README.md",
  "packages/cli/README.md",
  "packages/sync/README.md",
  "packages/report/README.md",
];
export const FIGURE_RE = /<!-- figure:(\w+) -->([\s\S]*?)<!-- \/figure -->/g;

/** `text` with every marked span holding its figure; throws on a span whose figure the run did not record. */
export function withFigures(text: string, figures: Record<string, string>): string {
  return text.replace(FIGURE_RE, (_, name: string) => {
    const figure = figures[name];
    if (figure === undefined) throw new Error(`no figure "${name}" in the recorded run`);
    return `<!-- figure:${name} -->${figure}<!-- /figure -->`;
  });
}

export async function writeFigures(figures: Record<string, string>): Promise<void> {
  for (const file of QUOTING) {
    const url = new URL(file, ROOT);
    const text = await readFile(url, "utf8");
    const updated = withFigures(text, figures);
    if (updated !== text) await writeFile(url, updated);
  }
}

export async function recordedFigures(): Promise<Record<string, string>> {
  return JSON.parse(await readFile(new URL("../figures.json", import.meta.url), "utf8")).figures;
}

export async function quoted(): Promise<{ file: string; name: string; text: string }[]> {
  const spans = [];
  for (const file of QUOTING) {
    const text = await readFile(new URL(file, ROOT), "utf8");
    for (const [, name = "", figure = ""] of text.matchAll(FIGURE_RE)) spans.push({ file, name, text: figure });
  }
  return spans;
}
