// 13. What each package adds to a Worker's upload: three Workers, each as small as a real one
// that uses the package, built by `wrangler deploy --dry-run` (no account, nothing sent) with
// wrangler's own bundling and its gzipped size as it prints it.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const BENCH = fileURLToPath(new URL("..", import.meta.url));
const WRANGLER = join(BENCH, "node_modules/.bin/wrangler");

const CLIENT = `const clientOf = (env) => createSessionsClient({
  apiToken: env.CLOUDFLARE_API_TOKEN, accountId: env.CLOUDFLARE_ACCOUNT_ID, appId: env.REALTIMEKIT_APP_ID });`;

/** Each Worker's source, and the bindings its wrangler.jsonc declares. */
export const WORKERS = {
  "the client: a page of sessions": {
    source: `import { createSessionsClient } from "@realtimekit-sessions/client";
${CLIENT}
export default { fetch: async (_request, env) => Response.json(await clientOf(env).listSessions()) };`,
    d1: false,
  },
  "the client and its webhooks entry: a verified delivery": {
    source: `import { createSessionsClient } from "@realtimekit-sessions/client";
import { createWebhookVerifier } from "@realtimekit-sessions/client/webhooks";
${CLIENT}
const verifier = createWebhookVerifier();
export default { async fetch(request, env) {
  const event = await verifier.verify(request);
  return Response.json(await clientOf(env).listParticipants(event.meeting.sessionId));
} };`,
    d1: false,
  },
  "the client and the sync package: the mirror on D1 (webhooks, cron sync)": {
    source: `import { createSessionsClient } from "@realtimekit-sessions/client";
import { createMirror } from "@realtimekit-sessions/sync";
${CLIENT}
const mirrorOf = (env) => createMirror({ client: clientOf(env), database: env.DB });
export default {
  fetch: async (request, env) => (await mirrorOf(env)).handleWebhook(request),
  async scheduled(_controller, env) { await (await mirrorOf(env)).sync(); },
};`,
    d1: true,
  },
} as const;

export interface WorkerBundle {
  /** What wrangler uploads, in KiB, as it prints it. */
  uploadKib: number;
  /** The same, gzipped, in KiB, as it prints it. */
  gzipKib: number;
}

const SIZE_RE = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/;

export async function benchWorkerBundles(): Promise<Record<string, WorkerBundle>> {
  // Inside bench/, so that the Workers resolve the packages as a project depending on them would.
  const root = await mkdtemp(join(BENCH, ".worker-bundles-"));
  const sizes: Record<string, WorkerBundle> = {};
  try {
    for (const [index, [name, { source, d1 }]] of Object.entries(WORKERS).entries()) {
      const folder = join(root, String(index));
      await mkdir(folder);
      await writeFile(join(folder, "index.js"), `${source}\n`);
      const config = {
        name: `bench-${index}`,
        main: "index.js",
        compatibility_date: "2025-07-18",
        ...(d1 ? { d1_databases: [{ binding: "DB", database_name: "bench", database_id: "bench" }] } : {}),
      };
      await writeFile(join(folder, "wrangler.json"), JSON.stringify(config));
      const { stdout } = await promisify(execFile)(WRANGLER, ["deploy", "--dry-run", "--outdir", join(folder, "out")], {
        cwd: folder,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" },
      });
      const [, upload, gzip] = SIZE_RE.exec(stdout) ?? [];
      if (!upload || !gzip) throw new Error(`wrangler printed no size for "${name}":\n${stdout}`);
      sizes[name] = { uploadKib: Number(upload), gzipKib: Number(gzip) };
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return sizes;
}
