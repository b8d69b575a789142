// Each published package as npm would receive it: publint and attw on the packed tarball,
// and `pnpm publish --dry-run` holding only what users need.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const PUBLISHED = ["client", "mock", "testing", "cli"];
/** The packages with an API to import; the CLI has a command instead. */
const LIBRARIES = new Set(["client", "mock", "testing"]);
const directory = (name: string) => new URL(`../../${name}/`, import.meta.url).pathname;

describe.each(PUBLISHED)("@realtimekit-sessions/%s", (name) => {
  test("passes publint, warnings and suggestions included", async () => {
    const { messages, pkg } = await publint({ pkgDir: directory(name), pack: "pnpm", level: "suggestion" });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  test("publishes only dist, README.md, LICENSE and package.json", async () => {
    const { stdout, stderr } = await run("pnpm", ["publish", "--dry-run", "--no-git-checks", "--json"], {
      cwd: directory(name),
    });
    const [tarball] = Object.values(JSON.parse(stdout) as Record<string, { files: { path: string }[] }>);
    const files = (tarball?.files ?? []).map((file) => file.path);
    expect(files.filter((path) => !path.startsWith("dist/")).sort(), stderr).toEqual([
      "LICENSE",
      "README.md",
      "package.json",
    ]);
    expect(files.some((path) => path.startsWith("dist/") && path.endsWith(".js"))).toBe(true);
  });
});

describe.each([...LIBRARIES])("@realtimekit-sessions/%s", (name) => {
  // Every profile: Node 10-style resolution (main, types, typesVersions), CommonJS and ES
  // modules under node16, and bundlers.
  test("passes attw on the packed tarball, in every resolution", async () => {
    const outcome = await run("attw", ["--pack", directory(name), "--format", "table-flipped"], {
      env: { ...process.env, NO_COLOR: "1" },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(outcome.code, outcome.stdout).toBe(0);
    expect(outcome.stdout).toContain("No problems found");
    expect(outcome.stdout).not.toContain("ignoring resolutions");
  });
});
