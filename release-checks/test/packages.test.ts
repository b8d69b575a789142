// Each published package as npm would receive it: publint and attw on the packed tarball,
// `pnpm publish --dry-run` holding only what users need, and a copy without dist packed whole.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const PUBLISHED = ["client", "mock", "testing", "sync", "report", "cli"];
/** The packages with an API to import; the CLI has a command instead. */
const LIBRARIES = new Set(["client", "mock", "testing", "sync", "report"]);
const directory = (name: string) => new URL(`../../packages/${name}/`, import.meta.url).pathname;

describe.each(PUBLISHED)("@realtimekit-sessions/%s", (name) => {
  test("passes publint, warnings and suggestions included", async () => {
    const { messages, pkg } = await publint({ pkgDir: directory(name), pack: "pnpm", level: "suggestion" });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  test("publishes only dist, README.md, LICENSE and package.json (and the CLI its command)", async () => {
    const { stdout, stderr } = await run("pnpm", ["publish", "--dry-run", "--no-git-checks", "--json"], {
      cwd: directory(name),
    });
    const [tarball] = Object.values(JSON.parse(stdout) as Record<string, { files: { path: string }[] }>);
    const files = (tarball?.files ?? []).map((file) => file.path);
    expect(files.filter((path) => !path.startsWith("dist/")).sort(), stderr).toEqual([
      "LICENSE",
      "README.md",
      ...(name === "cli" ? ["bin/realtimekit-sessions.js"] : []),
      "package.json",
    ]);
    expect(files.some((path) => path.startsWith("dist/") && path.endsWith(".js"))).toBe(true);
  });

  // The other checks pack the built package with scripts off (vitest.config.ts), so that no
  // prepack rebuilds a dist that other packages' tests are reading; this one packs a copy of the
  // sources, as a fresh clone has them, and lets prepack build it.
  test("packs the same files from a copy that was never built: prepack builds it", async () => {
    const root = await mkdtemp(join(tmpdir(), "realtimekit-pack-"));
    try {
      const copy = join(root, "packages", name);
      await mkdir(copy, { recursive: true });
      // What the package's build reads beyond its folder: the shared compiler options.
      await cp(new URL("../../tsconfig.json", import.meta.url), join(root, "tsconfig.json"));
      await cp(directory(name), copy, {
        recursive: true,
        filter: (source) => !/\/(dist|node_modules)$/.test(source),
      });
      await symlink(join(directory(name), "node_modules"), join(copy, "node_modules"));

      const built = await packedFiles(directory(name), "true");
      const fresh = await packedFiles(copy, "false");
      expect(fresh.files).toEqual(built.files);
      expect(fresh.files.filter((path) => path.startsWith("dist/")).length).toBeGreaterThan(1);
      // The build says nothing a user of the repository would have to act on.
      expect(fresh.output).not.toMatch(/warn|deprecated/i);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

/**
 * The files `pnpm pack` puts in the tarball of the package in `cwd`, with its scripts on or off,
 * and what it printed besides.
 */
async function packedFiles(cwd: string, ignoreScripts: "true" | "false"): Promise<{ files: string[]; output: string }> {
  const destination = await mkdtemp(join(tmpdir(), "realtimekit-tarball-"));
  try {
    const { stdout, stderr } = await run("pnpm", ["pack", "--json", "--pack-destination", destination], {
      cwd,
      env: { ...process.env, npm_config_ignore_scripts: ignoreScripts },
    });
    // pnpm prints the build's output before the JSON when prepack runs.
    const start = stdout.indexOf("{\n");
    const json = JSON.parse(stdout.slice(start)) as { files: { path: string }[] };
    return { files: json.files.map((file) => file.path).sort(), output: stdout.slice(0, start) + stderr };
  } finally {
    await rm(destination, { recursive: true, force: true });
  }
}

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
