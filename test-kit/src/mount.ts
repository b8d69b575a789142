// A small file system of its own for a test: a tmpfs of a given size (to fill it up) or mounted
// read-only. Mounting needs root, which the test run has here and on CI; elsewhere the test
// fails with a line that says so rather than passing without having tried.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TestMount {
  /** Where it is mounted. */
  path: string;
  unmount(): Promise<void>;
}

/** Mounts a tmpfs of `sizeMb` megabytes, read-only with `readOnly`. */
export async function mountTmpfs({
  sizeMb,
  readOnly = false,
}: {
  sizeMb: number;
  readOnly?: boolean;
}): Promise<TestMount> {
  if (process.getuid?.() !== 0) {
    throw new Error("this test mounts a small file system (a full disk, a read-only one): run it as root, as CI does");
  }
  const path = await mkdtemp(join(tmpdir(), "realtimekit-mount-"));
  await run("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755${readOnly ? ",ro" : ""}`, "tmpfs", path]);
  return {
    path,
    async unmount() {
      await run("umount", [path]);
      await rm(path, { recursive: true, force: true });
    },
  };
}
