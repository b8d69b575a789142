// A real headless Chromium for the page tests: Debian's `chromium` (the README's set-up installs
// it; CI's .ci/run does when it is absent), driven by playwright-core, which never downloads a
// browser of its own. CHROMIUM_PATH points at another build.
import { access, constants } from "node:fs/promises";
import { type Browser, chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Where the browser is: CHROMIUM_PATH, or the first of Debian's and Chrome's usual paths that runs. */
export async function chromiumPath(): Promise<string> {
  const given = process.env.CHROMIUM_PATH;
  for (const path of given ? [given] : CANDIDATES) {
    try {
      await access(path, constants.X_OK);
      return path;
    } catch {}
  }
  throw new Error(
    `No Chromium at ${given ?? CANDIDATES.join(", ")}: install Debian's (apt-get install chromium), as the README's set-up does, or set CHROMIUM_PATH.`,
  );
}

/** Chromium, headless; as root it runs only without its sandbox. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
}
