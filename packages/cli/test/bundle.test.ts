// What starting the built CLI loads. `--version` alone loads no package; any other command line
// loads commander and the command declarations, and nothing else from outside: the client, the
// fake and the table printer are imported by the commands that use them.
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";

const STATIC_IMPORT_RE = /^import\s[^;]*?from\s*"([^"]+)";?$/gm;
const DYNAMIC_IMPORT_RE = /import\("(\.[^"]+)"\)/g;

/** The packages `file` and the modules it imports statically import, node: built-ins left out. */
async function packagesLoadedBy(file: URL): Promise<string[]> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = async (module: URL) => {
    if (seen.has(module.href)) return;
    seen.add(module.href);
    for (const [, specifier = ""] of (await readFile(module, "utf8")).matchAll(STATIC_IMPORT_RE)) {
      if (specifier.startsWith(".")) await visit(new URL(specifier, module));
      else if (!specifier.startsWith("node:")) packages.add(specifier);
    }
  };
  await visit(file);
  return [...packages];
}

/** The build's program, which the installed command (bin/) starts. */
const entry = new URL("../dist/cli.js", import.meta.url);

test("--version loads no package at all", async () => {
  expect(await packagesLoadedBy(entry)).toEqual([]);
});

test("any other command line loads commander and nothing else from outside before a command runs", async () => {
  const [main] = [...(await readFile(entry, "utf8")).matchAll(DYNAMIC_IMPORT_RE)].map(
    ([, path = ""]) => new URL(path, entry),
  );
  expect(main).toBeDefined();
  expect(await packagesLoadedBy(main as URL)).toEqual(["@commander-js/extra-typings"]);
});
