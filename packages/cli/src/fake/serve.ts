// `fake serve`: the fake of the API on loopback until Ctrl-C, with a token of its own, and the
// variables that point a Worker (or any client) at it: printed, and with --dev-vars written into
// the Worker's .dev.vars, where wrangler dev reads them. A token in that file that is not a
// fake's is a real one: it is replaced only with --force.
import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { parseEnv } from "node:util";
import type { ServeFlags } from "../commands/fake.js";
import type { Context } from "../context.js";
import { CommandError, UsageError } from "../errors.js";
import { note } from "../output.js";

/** A dotenv line's name: `NAME=`, maybe after `export`. */
const NAME_RE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/** Every token `fake serve` makes starts so: a token in .dev.vars without it is someone's real one. */
export const FAKE_TOKEN_PREFIX = "fake-";

export async function serveFake(context: Context, flags: ServeFlags): Promise<void> {
  const { io } = context;
  if (flags.force && flags.devVars === undefined)
    throw new UsageError("--force replaces a token in --dev-vars: add --dev-vars.");
  const webhook = flags.webhook === undefined ? undefined : webhookUrl(flags.webhook);
  const { createFakeApi } = await import("@realtimekit-sessions/testing");
  const { serveFakeApi } = await import("@realtimekit-sessions/testing/serve");
  const token = `${FAKE_TOKEN_PREFIX}${randomBytes(12).toString("hex")}`;
  const fake = createFakeApi({ sessions: flags.sessions, seed: flags.seed, apiToken: token, now: io.clock.now() });
  let served: Awaited<ReturnType<typeof serveFakeApi>>;
  try {
    served = await serveFakeApi(fake, { port: flags.port });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `--port ${flags.port}: ${code === "EADDRINUSE" ? "the port is in use (another fake serve?); pass another, or --port 0 for any free one" : `cannot listen (${code ?? (error as Error).message})`}.`,
    );
  }
  try {
    if (webhook) fake.webhooks.subscribe(webhook);
    const variables = {
      CLOUDFLARE_BASE_URL: served.baseUrl,
      CLOUDFLARE_ACCOUNT_ID: fake.accountId,
      REALTIMEKIT_APP_ID: fake.appId,
      CLOUDFLARE_API_TOKEN: token,
      REALTIMEKIT_WEBHOOK_KEY_URL: served.keyUrl,
    };
    if (flags.devVars !== undefined) await writeDevVars(flags.devVars, variables, Boolean(flags.force));
    if (context.json) {
      await io.stdout.write(`${JSON.stringify({ url: served.url, ...variables, sessions: flags.sessions })}\n`);
    } else {
      for (const [name, value] of Object.entries(variables)) await io.stdout.write(`${name}=${value}\n`);
    }
    await note(
      io,
      `Serving the fake RealtimeKit API (${flags.sessions} sessions, seed ${flags.seed}) on ${served.url}${flags.devVars === undefined ? "" : `; its variables are in ${flags.devVars}`}${webhook ? `; webhooks go to ${webhook}` : ""}. Ctrl-C stops it.`,
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await note(io, "Stopped.");
  } finally {
    await served.close();
  }
}

function webhookUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`--webhook takes an http(s) URL, such as http://127.0.0.1:8787/webhook, not ${value}.`);
  }
  return url.href;
}

/**
 * Sets `variables` in the dotenv file `path` (made if missing): a line of each replaced where it
 * is, the rest added at the end, every other line kept as it was. Refuses, unless `force`, to
 * replace an API token that is not a fake's.
 */
export async function writeDevVars(path: string, variables: Record<string, string>, force: boolean): Promise<void> {
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ENOENT") throw new CommandError(`Could not read ${path} (${code ?? "error"}).`);
  }
  const token = parseEnv(text).CLOUDFLARE_API_TOKEN;
  if (token && !token.startsWith(FAKE_TOKEN_PREFIX) && !force) {
    throw new CommandError(
      `${path} holds a CLOUDFLARE_API_TOKEN that is not a fake's: pass --force to replace it (its other lines stay), or give another --dev-vars file.`,
    );
  }
  const set = new Set<string>();
  const kept: string[] = [];
  for (const line of text === "" ? [] : text.replace(/\n$/, "").split("\n")) {
    const name = NAME_RE.exec(line)?.[1];
    if (name === undefined || !Object.hasOwn(variables, name)) kept.push(line);
    // A second line of a name would win over the first: it goes.
    else if (!set.has(name)) {
      set.add(name);
      kept.push(`${name}=${variables[name]}`);
    }
  }
  const added = Object.entries(variables).filter(([name]) => !set.has(name));
  const written = `${[...kept, ...added.map(([name, value]) => `${name}=${value}`)].join("\n")}\n`;
  // Whole or not at all: a half-written file would leave the Worker half pointed at the fake.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, written, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    throw new CommandError(`Could not write ${path} (${(error as { code?: string }).code ?? "error"}).`);
  }
}
