// 6. Developer loop: the README's test command on a fresh clone (set up first, not timed), then
// again with turbo's cache warm.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify, stripVTControlCharacters } from "node:util";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export async function benchDevLoop() {
  const clone = await mkdtemp(join(tmpdir(), "devloop-"));
  try {
    await run("git", ["clone", "--quiet", ROOT, clone]);
    await run("pnpm", ["install", "--frozen-lockfile"], { cwd: clone });
    const timed = async () => {
      const start = performance.now();
      await run("pnpm", ["test"], { cwd: clone, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => {
        throw new Error(`pnpm test failed: ${failuresIn(error.stdout ?? "") || "no failing test named in its output"}`);
      });
      return (performance.now() - start) / 1000;
    };
    const cold = await timed();
    const warm = await timed();
    return { cold, warm };
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}

/** The failing tests and tasks a test run names (vitest's FAIL lines, turbo's failed tasks), on one line. */
function failuresIn(output: string): string {
  const lines = stripVTControlCharacters(output)
    .split("\n")
    .filter((line) => / FAIL | ERR_PNPM| Failed: /.test(line));
  return [...new Set(lines.map((line) => line.trim()))].slice(0, 5).join("; ");
}
