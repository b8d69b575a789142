// The README's screenshot (docs/usage-report.png): the usage report of the fake's last 14 days (so
// that the 14 before have sessions to compare with), as `realtimekit-sessions report --fake --from 14d`
// writes it, in Chromium at a desktop width. Run after a
// build with `pnpm --filter @realtimekit-sessions/report screenshot`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createMirror, MEMORY, MIRROR_PARTS, usageReport } from "@realtimekit-sessions/sync";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { chromium } from "playwright-core";
import { renderUsageReport } from "../dist/index.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const OUT = new URL("../../../docs/usage-report.png", import.meta.url);

const fake = createFakeApi({ sessions: 400, now: NOW, seed: 3 });
const client = createSessionsClient({ apiToken: "screenshot", ...fake, retries: 0 });
const mirror = await createMirror({ client, database: MEMORY, include: MIRROR_PARTS });
await mirror.sync();
const page = renderUsageReport(await usageReport(mirror, { from: NOW - 14 * 86_400_000, to: NOW }));
await mirror.close();

const folder = await mkdtemp(join(tmpdir(), "report-screenshot-"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
});
try {
  const file = join(folder, "usage.html");
  await writeFile(file, page);
  const tab = await browser.newPage({ viewport: { width: 1100, height: 1240 }, javaScriptEnabled: false });
  await tab.goto(pathToFileURL(file).href);
  await tab.screenshot({ path: OUT.pathname });
  process.stderr.write(`wrote ${OUT.pathname}\n`);
} finally {
  await browser.close();
  await rm(folder, { recursive: true, force: true });
}
