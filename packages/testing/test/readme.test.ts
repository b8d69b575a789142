// The examples of this package's README and of the root README's "Test your code" run as
// written: each ```ts block is a vitest test file, run by vitest and typechecked by tsc
// (strict, NodeNext) from a folder inside this package, so that its imports resolve as in a
// user's project; each ```js block runs with Node.js. All against the built packages.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { runProcess, STRICT_EXAMPLES_TSCONFIG } from "@realtimekit-sessions/test-kit";
import { afterAll, beforeAll, expect, test } from "vitest";

const require = createRequire(import.meta.url);
const HERE = new URL("..", import.meta.url).pathname;
const VITEST = join(require.resolve("vitest/package.json"), "../vitest.mjs");
const TSC = require.resolve("typescript/bin/tsc");

const own = await readFile(new URL("../README.md", import.meta.url), "utf8");
const root = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
// The root README's section on testing, up to the next section.
const testingSection = /^## Test your code\n([\s\S]*?)^## /m.exec(root)?.[1] ?? "";

function blocks(markdown: string, language: "ts" | "js"): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map(
    ([, code]) => code ?? "",
  );
}

const examples = [...blocks(own, "ts"), ...blocks(testingSection, "ts")];
const scripts = blocks(testingSection, "js");
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(HERE, ".readme-"));
  await Promise.all(examples.map((code, index) => writeFile(join(directory, `example-${index}.test.ts`), code)));
  await writeFile(join(directory, "tsconfig.json"), JSON.stringify(STRICT_EXAMPLES_TSCONFIG));
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

test("both READMEs have the examples this test runs", () => {
  expect(blocks(own, "ts")).toHaveLength(6);
  expect(blocks(testingSection, "ts")).toHaveLength(1);
  expect(scripts).toHaveLength(1);
});

test("every TypeScript example passes as a vitest test file", async () => {
  const report = join(directory, "report.json");
  const { code, stdout, stderr } = await runProcess(process.execPath, [
    VITEST,
    "run",
    "--root",
    HERE,
    "--dir",
    directory,
    "--reporter=json",
    `--outputFile=${report}`,
  ]);
  const results = JSON.parse(await readFile(report, "utf8")) as {
    numPassedTests: number;
    numTotalTests: number;
    testResults: { name: string; status: string }[];
  };

  expect(code, `${stdout}\n${stderr}`).toBe(0);
  expect(results.testResults.map((file) => file.status)).toEqual(examples.map(() => "passed"));
  expect(results.numPassedTests).toBe(results.numTotalTests);
  // One test per example, two in the one about failures.
  expect(results.numTotalTests).toBe(examples.length + 1);
});

test("every TypeScript example typechecks", async () => {
  const { code, stdout } = await runProcess(process.execPath, [TSC, "-p", directory]);

  expect(stdout).toBe("");
  expect(code).toBe(0);
});

test("the root README's JavaScript example runs, against the Prism mock", async () => {
  for (const [index, code] of scripts.entries()) {
    const file = join(directory, `script-${index}.mjs`);
    await writeFile(file, code);
    const result = await runProcess(process.execPath, [file]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("2 sessions from the mock\n");
  }
});
