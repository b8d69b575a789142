// `pnpm spec:update-upstream <file or URL of Cloudflare's OpenAPI document> [--out <file>]`:
// refreshes spec/upstream/cloudflare-realtimekit-sessions.json; `pnpm spec:diff` then shows
// what changed against our spec.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { parse } from "yaml";
import type { JsonObject } from "../tools/spec.js";
import { extractSessions, SESSION_OPERATIONS } from "./extract.js";

const require = createRequire(import.meta.url);
// pnpm runs this in the package's folder; paths given on the command line are the caller's.
const from = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const [given, ...rest] = process.argv.slice(2);
const outIndex = rest.indexOf("--out");
const out =
  outIndex >= 0 && rest[outIndex + 1]
    ? from(rest[outIndex + 1] as string)
    : require.resolve("@realtimekit-sessions/spec/upstream/cloudflare-realtimekit-sessions.json");
const source = given && !/^https?:\/\//.test(given) ? from(given) : given;

if (!source || !out) {
  console.error("usage: pnpm spec:update-upstream <file or URL of Cloudflare's OpenAPI document> [--out <file>]");
  process.exit(2);
}

const text = /^https?:\/\//.test(source)
  ? await fetch(source).then((response) => {
      if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
      return response.text();
    })
  : await readFile(source, "utf8");
// JSON is YAML too; parse both the same way, without YAML's limit on aliases in a big document.
const full = parse(text, { maxAliasCount: -1 }) as JsonObject;
const extract = extractSessions(full, source);
await writeFile(out, `${JSON.stringify(extract, null, 2)}\n`);
console.log(`wrote ${out}: ${SESSION_OPERATIONS.length} operations from ${source}`);
