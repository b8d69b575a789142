// What `--version` and `--help` load: the entry chunk of the built CLI, and what it imports
// before any command runs, name no package but commander; the client, the fake and the table
// printer are imported by the commands that use them.
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { CLI } from "./fake.js";

const STATIC_IMPORT_RE = /^import\s[^;]*?from\s*"([^"]+)";?$/gm;

test("starting the CLI loads commander and nothing else from outside", async () => {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = async (file: URL) => {
    if (seen.has(file.href)) return;
    seen.add(file.href);
    for (const [, specifier = ""] of (await readFile(file, "utf8")).matchAll(STATIC_IMPORT_RE)) {
      if (specifier.startsWith(".")) await visit(new URL(specifier, file));
      else packages.add(specifier);
    }
  };
  await visit(new URL(`file://${CLI}`));

  expect([...packages].filter((name) => !name.startsWith("node:"))).toEqual(["@commander-js/extra-typings"]);
});
