// `changeset version` on a copy of this workspace, with its real changesets and a sample one:
// the versions and changelogs a release would produce, and nothing for private packages.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ROOT = new URL("../../", import.meta.url).pathname;
const CHANGESET = join(dirname(require.resolve("@changesets/cli/package.json")), "bin.js");
const MANIFESTS = [
  "package.json",
  "pnpm-workspace.yaml",
  "spec/package.json",
  "packages/client/package.json",
  "packages/mock/package.json",
  "packages/testing/package.json",
  "packages/sync/package.json",
  "packages/report/package.json",
  "packages/cli/package.json",
  "test-kit/package.json",
  "examples/demo/package.json",
  "release-checks/package.json",
  "contract-tests/package.json",
];
let copy: string;

const manifest = async (path: string) => JSON.parse(await readFile(join(copy, path, "package.json"), "utf8"));

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "changeset-dry-run-"));
  for (const path of MANIFESTS) {
    await mkdir(join(copy, dirname(path)), { recursive: true });
    await cp(join(ROOT, path), join(copy, path));
  }
  await cp(join(ROOT, ".changeset"), join(copy, ".changeset"), { recursive: true });
  // The real changelog module asks GitHub's API for pull-request links, which this machine
  // cannot reach; the offline one from the same project formats the same entries.
  const configPath = join(copy, ".changeset/config.json");
  const config = JSON.parse(await readFile(configPath, "utf8"));
  expect(config.changelog[0]).toBe("@changesets/changelog-github");
  await writeFile(configPath, JSON.stringify({ ...config, changelog: "@changesets/changelog-git" }));
  await symlink(join(ROOT, "release-checks/node_modules"), join(copy, "node_modules"));
  await writeFile(
    join(copy, ".changeset/sample-fix.md"),
    '---\n"@realtimekit-sessions/client": patch\n---\n\nRetry a 408 answer, like the other transient failures.\n',
  );
  const git = (...args: string[]) => run("git", args, { cwd: copy });
  await git("init", "--quiet", "--initial-branch=main");
  await git("add", ".");
  await git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "Workspace");
  await run(process.execPath, [CHANGESET, "version"], { cwd: copy });
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

test("releases each published package as 0.1.0, the minor bump winning over the patch", async () => {
  expect((await manifest("packages/client")).version).toBe("0.1.0");
  expect((await manifest("packages/mock")).version).toBe("0.1.0");
  expect((await manifest("packages/testing")).version).toBe("0.1.0");
  expect((await manifest("packages/sync")).version).toBe("0.1.0");
  expect((await manifest("packages/cli")).version).toBe("0.1.0");
});

test("never versions a private package", async () => {
  for (const path of ["spec", "test-kit", "examples/demo", "release-checks", "contract-tests"]) {
    expect((await manifest(path)).version, path).toBe("0.0.0");
  }
  expect((await manifest(".")).version).toBeUndefined();
});

test("writes each change into the package's changelog, under its kind", async () => {
  const changelog = await readFile(join(copy, "packages/client/CHANGELOG.md"), "utf8");
  const [, minor = "", patch = ""] =
    /^# @realtimekit-sessions\/client\n\n## 0\.1\.0\n\n### Minor Changes\n\n([\s\S]*?)### Patch Changes\n\n([\s\S]*)$/.exec(
      changelog,
    ) ?? [];
  expect(minor).toMatch(/^- [0-9a-f]{7}: First release: a typed client/m);
  expect(patch).toMatch(/^- [0-9a-f]{7}: Retry a 408 answer, like the other transient failures\./m);
});

test("consumes the changesets it released", async () => {
  const pending = (await readdir(join(ROOT, ".changeset"))).filter(
    (name) => name.endsWith(".md") && name !== "README.md",
  );
  expect(pending).toContain("first-release-client.md");
  const { stdout } = await run("git", ["status", "--porcelain", ".changeset"], { cwd: copy });
  expect(stdout.split("\n").filter(Boolean).sort()).toEqual(
    [...pending, "sample-fix.md"].map((name) => ` D .changeset/${name}`).sort(),
  );
});
