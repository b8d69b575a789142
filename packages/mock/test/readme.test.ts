// The README's examples run as written: each ```js block, as JavaScript with Node and as
// TypeScript with tsx, from a file inside this package (so its imports resolve as they would
// in a user's project), against the built package.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runProcess } from "@realtimekit-sessions/test-kit";
import { expect, test } from "vitest";

const README = new URL("../README.md", import.meta.url);
const HERE = new URL(".", import.meta.url).pathname;
const blocks = [...(await readFile(README, "utf8")).matchAll(/^```js\n([\s\S]*?)^```$/gm)].map(
  ([, code]) => code ?? "",
);

/** What each example prints, in order: the README's own comments say it. */
const PRINTS = [["2 sessions from the mock"], ["true 404", "429 1000"]];

test("the README has the examples this test expects", () => {
  expect(blocks).toHaveLength(PRINTS.length);
});

test.each(
  blocks.flatMap((code, index) => [
    { index, code, language: "JavaScript", file: "example.mjs", runner: [] as string[] },
    { index, code, language: "TypeScript", file: "example.mts", runner: ["--import", "tsx"] },
  ]),
)("example $index runs as written in $language", async ({ index, code, file, runner }) => {
  const directory = await mkdtemp(join(HERE, ".readme-"));
  try {
    await writeFile(join(directory, file), code);
    const { code: exit, stdout, stderr } = await runProcess(process.execPath, [...runner, join(directory, file)]);
    expect(stderr).toBe("");
    expect(exit).toBe(0);
    expect(stdout.trim().split("\n")).toEqual(PRINTS[index]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
