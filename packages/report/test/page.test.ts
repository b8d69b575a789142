// The pages as a person meets them, in a real headless Chromium: they load with scripts off,
// log no error, ask for nothing, pass axe, show charts at desktop and phone widths, follow dark
// mode, fit A4, and show the same numbers as SQL written here over the same mirror.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createSessionsClient } from "@realtimekit-sessions/client";
import {
  createMirror,
  MEMORY,
  MIRROR_PARTS,
  type Mirror,
  QUALITY_THRESHOLDS,
  sessionReport,
  usageReport,
} from "@realtimekit-sessions/sync";
import { createFakeApi } from "@realtimekit-sessions/testing";
import axe from "axe-core";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderSessionReport, renderUsageReport } from "../src/index.js";
import { launchChromium } from "./browser.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const FROM = NOW - 30 * 86_400_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let mirror: Mirror;
let folder: string;
const pages: Record<"usage" | "session", string> = { usage: "", session: "" };
let sessionId: string;

beforeAll(async () => {
  const fake = createFakeApi({ sessions: 400, now: NOW, seed: 11 });
  const client = createSessionsClient({ apiToken: "page-token", ...fake, retries: 0 });
  mirror = await createMirror({ client, database: MEMORY, include: MIRROR_PARTS });
  await mirror.sync();
  folder = await mkdtemp(join(tmpdir(), "report-pages-"));
  const usage = await usageReport(mirror, { from: FROM, to: NOW });
  // The session with the most participants of poor quality: the page with the most to show.
  sessionId = usage.quality?.worst[0]?.id as string;
  const session = await sessionReport(mirror, sessionId);
  pages.usage = join(folder, "usage.html");
  pages.session = join(folder, "session.html");
  await writeFile(pages.usage, renderUsageReport(usage));
  await writeFile(pages.session, renderSessionReport(session as NonNullable<typeof session>));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await mirror?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  close(): Promise<void>;
}

/** The page in a fresh browser context, with every console error and request recorded. */
async function open(file: string, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ javaScriptEnabled: false, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, errors, requests, close: () => context.close() };
}

/** How many pixels of a PNG differ from its first, and how many colours it has. */
function inked(png: Buffer): { share: number; colours: number } {
  const image = PNG.sync.read(png);
  const { data } = image;
  const colours = new Set<number>();
  let differ = 0;
  for (let at = 0; at < data.length; at += 4) {
    const rgb = ((data[at] as number) << 16) | ((data[at + 1] as number) << 8) | (data[at + 2] as number);
    colours.add(rgb);
    if (
      Math.abs((data[at] as number) - (data[0] as number)) +
        Math.abs((data[at + 1] as number) - (data[1] as number)) +
        Math.abs((data[at + 2] as number) - (data[2] as number)) >
      30
    )
      differ++;
  }
  return { share: differ / (data.length / 4), colours: colours.size };
}

describe.each(["usage", "session"] as const)("the %s page", (name) => {
  test("loads with scripts disabled, logs no error and requests nothing but itself", async () => {
    const { page, errors, requests, close } = await open(pages[name]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(pages[name]).href]);
    expect(await page.locator("h1").textContent()).not.toBe("");
    expect(await page.locator("script").count()).toBe(0);
    // Every chart is drawn, with a text alternative, and a caption.
    const charts = page.locator("figure svg[role=img]");
    expect(await charts.count()).toBeGreaterThanOrEqual(name === "usage" ? 5 : 1);
    for (const label of await charts.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("aria-label") ?? ""))) {
      expect(label.length).toBeGreaterThan(40);
    }
    expect(await page.locator("figure figcaption").count()).toBe(await charts.count());
    await close();
  });

  test.each(["light", "dark"] as const)("axe finds no serious or critical violation (%s)", async (colorScheme) => {
    const { page, close } = await open(pages[name], { javaScriptEnabled: true, bypassCSP: true, colorScheme });
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as unknown as { axe: typeof axe }).axe.run(document, {
        resultTypes: ["violations"],
      });
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.slice(0, 3).map((node) => node.html.slice(0, 120)),
      }));
    });
    expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual(
      [],
    );
    await close();
  });

  test.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)("a screenshot at %s width is not blank, fits the width and shows every chart", async (_, viewport) => {
    const { page, close } = await open(pages[name], { viewport, isMobile: viewport === PHONE });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const whole = inked(await page.screenshot({ fullPage: true }));
    expect(whole.share).toBeGreaterThan(0.03);
    expect(whole.colours).toBeGreaterThan(20);
    const charts = page.locator("figure svg[role=img]");
    for (let index = 0; index < (await charts.count()); index++) {
      const chart = charts.nth(index);
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      // Beside its table on a desktop, the whole width on a phone.
      expect(box?.width ?? 0).toBeGreaterThan(viewport === PHONE ? viewport.width * 0.85 : viewport.width * 0.4);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width + 1);
      const shot = inked(await chart.screenshot());
      // Bars, lines or dots in the chart's colours, not an empty frame.
      expect(shot.share).toBeGreaterThan(0.02);
    }
    await close();
  });

  test("follows the reader's dark mode", async () => {
    const shade = async (colorScheme: "light" | "dark") => {
      const { page, close } = await open(pages[name], { colorScheme });
      const rgb = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await close();
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
    };
    expect(await shade("light")).toBeGreaterThan(200);
    expect(await shade("dark")).toBeLessThan(60);
  });

  test("prints on A4: nothing wider than the printable width, and a PDF of A4 pages", async () => {
    // A4 less 12 mm margins is 186 mm wide: 703 CSS pixels.
    const { page, close } = await open(pages[name], { viewport: { width: 703, height: 1000 } });
    await page.emulateMedia({ media: "print" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(703);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // Every page of the PDF is A4: 595 x 842 points.
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, width, height] of boxes) {
      expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([595, 842]);
    }
    await close();
  });
});

describe("the usage page's numbers equal SQL over the same mirror", () => {
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
  const number = (shown: string) => Number(shown.replace(/[^\d.-]/g, ""));

  test("each headline figure", async () => {
    const [expected] = await mirror.database.query<Record<string, number>>(
      `SELECT count(*)::int AS sessions, round(sum(minutes_consumed))::int AS participant_minutes,
         max(max_concurrent_participants)::int AS peak_concurrency
       FROM realtimekit.sessions WHERE started_at >= $1 AND started_at < $2`,
      [new Date(FROM).toISOString(), new Date(NOW).toISOString()],
    );
    // The median is of the sessions that ended.
    const [median] = await mirror.database.query<{ minutes: number }>(
      `SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at) / 60))::numeric)::int AS minutes
       FROM realtimekit.sessions WHERE started_at >= $1 AND started_at < $2 AND ended_at IS NOT NULL`,
      [new Date(FROM).toISOString(), new Date(NOW).toISOString()],
    );
    const [people] = await mirror.database.query<{ participants: number }>(
      `SELECT count(DISTINCT coalesce(p.user_id, p.custom_participant_id))::int AS participants
       FROM realtimekit.participants p JOIN realtimekit.sessions s ON s.id = p.session_id
       WHERE s.started_at >= $1 AND s.started_at < $2`,
      [new Date(FROM).toISOString(), new Date(NOW).toISOString()],
    );
    const { page, close } = await open(pages.usage);
    const shown: Record<string, number> = {};
    for (const key of [
      "sessions",
      "participant_minutes",
      "participants",
      "peak_concurrency",
      "median_session_minutes",
    ]) {
      shown[key] = number((await text(page, `[data-figure=${key}] .value`)).split(" ")[0] as string);
    }
    await close();
    expect(shown).toEqual({
      sessions: expected?.sessions,
      participant_minutes: expected?.participant_minutes,
      participants: people?.participants,
      peak_concurrency: expected?.peak_concurrency,
      median_session_minutes: median?.minutes,
    });
    expect(shown.sessions).toBeGreaterThan(300);
  });

  test("each top-meeting row", async () => {
    const expected = await mirror.database.query<{ id: string; cells: string[] }>(
      `SELECT s.associated_id AS id,
         ARRAY[count(DISTINCT s.id)::text, round(sum(s.minutes_consumed))::text,
           (SELECT count(DISTINCT coalesce(p.user_id, p.custom_participant_id)) FROM realtimekit.participants p
              JOIN realtimekit.sessions t ON t.id = p.session_id
              WHERE t.associated_id = s.associated_id AND t.started_at >= $1 AND t.started_at < $2)::text,
           to_char(max(s.started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')] AS cells
       FROM realtimekit.sessions s WHERE s.started_at >= $1 AND s.started_at < $2
       GROUP BY s.associated_id ORDER BY sum(s.minutes_consumed) DESC LIMIT 10`,
      [new Date(FROM).toISOString(), new Date(NOW).toISOString()],
    );
    const { page, close } = await open(pages.usage);
    const rows = await page.locator("tr[data-meeting]").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute("data-meeting"),
        cells: [...tr.querySelectorAll("td")].slice(1).map((td) => (td.textContent ?? "").replace(/,/g, "").trim()),
      })),
    );
    await close();
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(10);
  });
});

describe("the session page's numbers equal SQL over the same mirror", () => {
  test("its participants, and which of them are flagged for poor quality", async () => {
    const participants = await mirror.database.query<{ id: string }>(
      "SELECT id FROM realtimekit.participants WHERE session_id = $1 ORDER BY joined_at, id",
      [sessionId],
    );
    const t = QUALITY_THRESHOLDS;
    const poor = await mirror.database.query<{ id: string }>(
      `SELECT p.id FROM realtimekit.participants p JOIN realtimekit.peer_reports r ON r.participant_id = p.id
       WHERE p.session_id = $1 AND (r.audio_mos < $2 OR r.video_mos < $2 OR r.audio_packet_loss > $3
         OR r.video_packet_loss > $3 OR r.audio_rtt > $4 OR r.video_rtt > $4)
       ORDER BY p.joined_at, p.id`,
      [sessionId, t.mos, t.packetLossPercent, t.rttMs],
    );
    const { page, close } = await open(pages.session);
    const listed = await page
      .locator("#timeline ~ .pair tr[data-participant]")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-participant")));
    const flagged = await page
      .locator("tr[data-participant][data-poor]")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-participant")));
    await close();
    expect(listed).toEqual(participants.map((row) => row.id));
    expect(flagged).toEqual(poor.map((row) => row.id));
    expect(flagged.length).toBeGreaterThan(0);
  });
});
