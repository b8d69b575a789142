// Before the page tests: Chromium, installed from Debian's packages when it is missing and the
// run may install (as root, with apt-get), so that `pnpm test` after the README's set-up passes
// on a fresh machine. Elsewhere the tests say how to get one.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "./browser.js";

export async function setup(): Promise<void> {
  try {
    await chromiumPath();
    return;
  } catch {}
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) return;
  process.stderr.write("Chromium is missing: installing Debian's (apt-get install chromium) for the page tests.\n");
  const install = () =>
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  try {
    install();
  } catch {
    execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"] });
    install();
  }
}
