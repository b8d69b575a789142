// 6. Developer loop: the README's test command on a fresh clone (set up first, not timed), then
// again with turbo's cache warm.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export async function benchDevLoop() {
  const clone = await mkdtemp(join(tmpdir(), "devloop-"));
  try {
    await run("git", ["clone", "--quiet", ROOT, clone]);
    await run("pnpm", ["install", "--frozen-lockfile"], { cwd: clone });
    const timed = async () => {
      const start = performance.now();
      await run("pnpm", ["test"], { cwd: clone, maxBuffer: 64 * 1024 * 1024 });
      return (performance.now() - start) / 1000;
    };
    const cold = await timed();
    const warm = await timed();
    return { cold, warm };
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}
