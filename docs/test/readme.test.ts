// The root README as a newcomer reads it: short enough to read before the contributor material,
// naming the packages that are published, and with examples that compile and run. (The "Test
// your code" examples run in packages/testing's tests; the figures are checked by the bench's.)
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { runProcess, runTypeScript, STRICT_EXAMPLES_TSCONFIG } from "@realtimekit-sessions/test-kit";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { serveFakeApi } from "@realtimekit-sessions/testing/serve";
import { afterAll, beforeAll, expect, test } from "vitest";

const require = createRequire(import.meta.url);
const ROOT = new URL("../../", import.meta.url);
const HERE = new URL("..", import.meta.url).pathname;
const readme = await readFile(new URL("README.md", ROOT), "utf8");
/** What a user reads before the contributor material starts. */
const guide = readme.split(/^## Contributing$/m)[0] ?? "";
const sections = guide.split(/^(?=## )/m);
/** The TypeScript blocks outside "Test your code", whose own tests run its examples. */
const examples = sections
  .filter((section) => !section.startsWith("## Test your code"))
  .flatMap((section) => [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(([, code = ""]) => code));
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(HERE, ".readme-"));
  await Promise.all(examples.map((code, index) => writeFile(join(directory, `example-${index}.ts`), code)));
  await writeFile(join(directory, "package.json"), JSON.stringify({ type: "module" }));
  await writeFile(join(directory, "tsconfig.json"), JSON.stringify(STRICT_EXAMPLES_TSCONFIG));
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

test("the user guide is at most 1,500 words, the contributor material after it", () => {
  const words = guide
    .replace(/<!--.*?-->/g, "")
    .split(/\s+/)
    .filter(Boolean);
  expect(guide.length).toBeLessThan(readme.length);
  expect(words.length).toBeLessThanOrEqual(1_500);
});

test("it names every package that is published, and no other", async () => {
  const published: string[] = [];
  for (const folder of await readdir(new URL("packages/", ROOT))) {
    const manifest = JSON.parse(await readFile(new URL(`packages/${folder}/package.json`, ROOT), "utf8"));
    if (!manifest.private) published.push(manifest.name);
  }
  // The list at the top: one bullet a package.
  const listed = [...(sections[0] ?? "").matchAll(/^- `(@realtimekit-sessions\/[\w-]+)`/gm)].map(([, name]) => name);
  expect(listed.sort()).toEqual(published.sort());
});

test("its TypeScript examples compile, strict", async () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
  const { code, stdout } = await runProcess(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", directory]);
  expect(stdout, stdout).toBe("");
  expect(code).toBe(0);
});

test("its client examples run as written, against the fake served on loopback", async () => {
  const fake = createFakeApi({
    apiToken: "readme-token",
    sessions: [{ status: "ENDED", transcript: 3, participants: 2 }],
  });
  await using served = await serveFakeApi(fake);
  const env = {
    CLOUDFLARE_API_TOKEN: "readme-token",
    CLOUDFLARE_ACCOUNT_ID: fake.accountId,
    REALTIMEKIT_APP_ID: fake.appId,
    CLOUDFLARE_BASE_URL: served.baseUrl,
  };
  // The scripts; the webhook example is a Worker module, which only compiles here.
  const scripts = examples.flatMap((code, index) => (code.includes("export default") ? [] : [index]));
  expect(scripts).toHaveLength(2);
  const [session] = fake.sessions;
  const outputs = [];
  for (const index of scripts)
    outputs.push(await runTypeScript(join(directory, `example-${index}.ts`), [], { cwd: directory, env }));

  expect(outputs.map(({ code, stderr }) => [code, stderr])).toEqual([
    [0, ""],
    [0, ""],
  ]);
  expect(outputs[0]?.stdout).toBe(
    `${session?.session.meeting_display_name} ${session?.session.minutes_consumed} ${session?.participants.length}\n`,
  );
  expect(outputs[1]?.stdout).toBe(
    session?.transcript.map((line) => `${line.participantName}: ${line.text}\n`).join(""),
  );
});

// Commands pnpm keeps for itself or hands to npm, whatever the scripts say: `pnpm docs` opens
// the package's page on npm, `pnpm deploy` deploys a workspace package. A script of one of these
// names runs only as `pnpm run <name>`.
const PNPM_OWN = new Set([
  "docs",
  "home",
  "bugs",
  "repo",
  "deploy",
  "info",
  "view",
  "version",
  "search",
  "pack",
  "publish",
]);

test("each `pnpm <command>` it gives runs a script of the repository, none shadowed by pnpm's own", async () => {
  const { scripts } = JSON.parse(await readFile(new URL("package.json", ROOT), "utf8")) as {
    scripts: Record<string, string>;
  };
  const commands = [...guide.matchAll(/(?:`|^|&& )pnpm (?:-s )?(?:run )?([a-z][\w:-]*)\b/gm)].map(
    ([whole, name = ""]) => ({
      name,
      run: whole.includes(" run "),
    }),
  );
  const ours = commands.filter(({ name }) => name in scripts);
  expect(ours.map(({ name }) => name)).toEqual(expect.arrayContaining(["demo", "test", "example", "cli", "docs"]));
  for (const { name, run } of ours) expect(run || !PNPM_OWN.has(name), `pnpm ${name}`).toBe(true);
});
