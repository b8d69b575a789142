// 3. Bundle size: what each client adds to a browser bundle, minified and gzipped, built by
// esbuild as a user's bundler would build it.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BENCH = fileURLToPath(new URL("..", import.meta.url));

export const BUNDLES = {
  "ours, whole client": 'export * from "@realtimekit-sessions/client";',
  "ours, one method": `import { createSessionsClient } from "@realtimekit-sessions/client";
    export const run = () => createSessionsClient().getSession("id");`,
  "ours, downloads entry": 'export * from "@realtimekit-sessions/client/downloads";',
  "bare openapi-fetch": 'export { default } from "openapi-fetch";',
  "cloudflare SDK, full": `import Cloudflare from "cloudflare";
    export const run = () => new Cloudflare().realtimeKit.sessions.getSessionDetails("id", { account_id: "a", app_id: "b" });`,
  "cloudflare SDK, tree-shakable, RealtimeKit only": `import { createClient } from "cloudflare/tree-shakable";
    import { RealtimeKit } from "cloudflare/resources/realtime-kit/realtime-kit";
    export const run = () => createClient({ resources: [RealtimeKit] }).realtimeKit.sessions.getSessionDetails("id", { account_id: "a", app_id: "b" });`,
} as const;

export async function benchSizes() {
  const sizes: Record<string, { minified: number; gzipped: number }> = {};
  for (const [name, contents] of Object.entries(BUNDLES)) {
    const result = await build({
      stdin: { contents, resolveDir: BENCH, sourcefile: "entry.js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
    sizes[name] = { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  }
  return sizes;
}
