// The Prism the mock runs is the one its manifest names, all of it: the CLI loads its sibling
// packages at the versions the mock depends on, and each of them declares Node.js 20.19, the
// mock's own minimum, as supported.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "vitest";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  engines: { node: string };
};
const fromMock = createRequire(new URL("../package.json", import.meta.url));
// Resolved from the CLI's own directory: what `prism` itself loads.
const fromCli = createRequire(fromMock.resolve("@stoplight/prism-cli/package.json"));
const PRISM = Object.keys(manifest.dependencies).filter((name) => name.startsWith("@stoplight/prism-"));

/** The lowest version a `>=x.y[.z]` range allows. */
function lowest(range: string): number[] {
  const match = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`not a >= range: ${range}`);
  return match.slice(1).map((part) => Number(part ?? 0));
}

const atMost = (a: number[], b: number[]) => {
  for (let index = 0; index < 3; index++) {
    if ((a[index] ?? 0) !== (b[index] ?? 0)) return (a[index] ?? 0) < (b[index] ?? 0);
  }
  return true;
};

test("depends on the CLI and its three sibling packages, each at one exact version", () => {
  expect(PRISM.sort()).toEqual([
    "@stoplight/prism-cli",
    "@stoplight/prism-core",
    "@stoplight/prism-http",
    "@stoplight/prism-http-server",
  ]);
  for (const name of PRISM) expect(manifest.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
});

test.each(PRISM.filter((name) => name !== "@stoplight/prism-cli"))(
  "the CLI loads %s at the version the mock depends on, and it runs on the mock's minimum Node.js",
  (name) => {
    const installed = JSON.parse(readFileSync(fromCli.resolve(`${name}/package.json`), "utf8")) as {
      version: string;
      engines?: { node?: string };
    };
    expect(installed.version).toBe(manifest.dependencies[name]);
    expect(atMost(lowest(installed.engines?.node ?? ">=0.0.0"), lowest(manifest.engines.node))).toBe(true);
  },
);
