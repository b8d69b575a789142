// Live mode: the contract suite against a real API, through Prism's validating proxy.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startProxyServer } from "@realtimekit-sessions/mock";
import type { TestProject } from "vitest/node";
import { formatReport, readReport } from "./report.js";

declare module "vitest" {
  export interface ProvidedContext {
    live: {
      proxyUrl: string;
      apiToken: string;
      accountId: string;
      appId: string;
      allowWrites: boolean;
      reportFile: string;
    };
  }
}

const REQUIRED = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID", "REALTIMEKIT_APP_ID"] as const;
export const DEFAULT_UPSTREAM = "https://api.cloudflare.com/client/v4";

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `Live mode needs credentials and an app to test against: set ${missing.join(", ")}. ` +
        "The token needs the Realtime or Realtime Admin permission. Nothing was tested.",
    );
  }
  const upstream = process.env.LIVE_UPSTREAM_URL ?? DEFAULT_UPSTREAM;
  const proxy = await startProxyServer({ upstream, errors: true });
  const directory = mkdtempSync(join(tmpdir(), "live-contract-"));
  const reportFile = join(directory, "report.jsonl");
  project.provide("live", {
    proxyUrl: proxy.url,
    apiToken: process.env.CLOUDFLARE_API_TOKEN ?? "",
    accountId: process.env.CLOUDFLARE_ACCOUNT_ID ?? "",
    appId: process.env.REALTIMEKIT_APP_ID ?? "",
    allowWrites: process.env.LIVE_ALLOW_WRITES === "1",
    reportFile,
  });
  return async () => {
    await proxy.close();
    console.log(`\n${formatReport(upstream, readReport(reportFile))}\n`);
    rmSync(directory, { recursive: true, force: true });
  };
}
