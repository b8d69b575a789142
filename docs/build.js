// `pnpm run docs` (`run`: `pnpm docs` is a command of pnpm's own): the API reference, built into docs/dist.
// - reference/: the public API of the published libraries (client, test kit, mock, sync, report) from their
//   TSDoc, by TypeDoc, which fails the build on an undocumented export or a broken {@link};
// - api/: the spec rendered by Redocly;
// - cli/: every command of the CLI, from its own --help;
// - index.html linking the three. check.js then proves that every link in dist resolves.
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { Application, OptionDefaults } from "typedoc";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const OUT = new URL("dist/", import.meta.url).pathname;
const LIBRARIES = ["client", "testing", "mock", "sync", "report"];

await rm(OUT, { recursive: true, force: true });
await reference();
await api();
await cli();
await writeFile(
  join(OUT, "index.html"),
  page(
    "RealtimeKit Sessions: reference",
    `
<h1>RealtimeKit Sessions: reference</h1>
<ul>
  <li><a href="reference/index.html">The packages' API</a>: <code>@realtimekit-sessions/client</code>, <code>/testing</code>, <code>/mock</code>, <code>/sync</code> and <code>/report</code>, from their TSDoc</li>
  <li><a href="api/index.html">The Sessions API</a>: the OpenAPI spec the client is generated from</li>
  <li><a href="cli/index.html">The command line</a>: every command of <code>realtimekit-sessions</code></li>
</ul>`,
  ),
);
console.log(`The reference is in ${OUT}index.html`);

async function reference() {
  const app = await Application.bootstrapWithPlugins({
    name: "RealtimeKit Sessions",
    entryPointStrategy: "packages",
    entryPoints: LIBRARIES.map((name) => new URL(`../packages/${name}`, import.meta.url).pathname),
    packageOptions: {
      readme: "none",
      excludePrivate: true,
      excludeInternal: true,
      disableSources: true,
      // The tags openapi-typescript writes into the generated types.
      blockTags: [...OptionDefaults.blockTags, "@description", "@constant"],
    },
    readme: new URL("reference.md", import.meta.url).pathname,
    tsconfig: new URL("tsconfig.json", import.meta.url).pathname,
    out: join(OUT, "reference"),
    validation: { notExported: true, invalidLink: true, notDocumented: true, rewrittenLink: true },
    packagesRequiringDocumentation: LIBRARIES.map((name) => `@realtimekit-sessions/${name}`),
    // Every export, and every method and accessor of one. Not each property: the generated types
    // carry what the spec describes, and a type documents its properties where they need it.
    requiredToBeDocumented: ["Enum", "Variable", "Function", "Class", "Interface", "TypeAlias", "Method", "Accessor"],
    treatWarningsAsErrors: true,
    githubPages: false,
    disableSources: true,
  });
  const project = await app.convert();
  if (project) app.validate(project);
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings())
    throw new Error("TypeDoc found problems: see above");
  await app.generateDocs(project, join(OUT, "reference"));
}

async function api() {
  const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
  const spec = require.resolve("@realtimekit-sessions/spec/openapi.yaml");
  await mkdir(join(OUT, "api"), { recursive: true });
  await run(process.execPath, [redocly, "build-docs", spec, "--output", join(OUT, "api/index.html")], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
}

async function cli() {
  const bin = join(dirname(require.resolve("@realtimekit-sessions/cli/package.json")), "bin/realtimekit-sessions.js");
  /** @type {{ id: string, title: string, help: string }[]} Each command's help, its subcommands' after it, as the program prints them. */
  const sections = [];
  /** @param {string[]} path */
  const visit = async (path) => {
    const help = (await run(process.execPath, [bin, ...path, "--help"])).stdout;
    const id = ["realtimekit-sessions", ...path].join("-");
    sections.push({ id, title: ["realtimekit-sessions", ...path].join(" "), help });
    const commands = [...(help.split("\nCommands:\n")[1] ?? "").matchAll(/^ {2}(\S+)/gm)].map(([, name = ""]) => name);
    for (const command of commands.filter((name) => name !== "help")) await visit([...path, command]);
  };
  await visit([]);
  await mkdir(join(OUT, "cli"), { recursive: true });
  await writeFile(
    join(OUT, "cli/index.html"),
    page(
      "realtimekit-sessions: the command line",
      `
<p><a href="../index.html">Reference</a></p>
<h1>realtimekit-sessions</h1>
<ul>${sections.map(({ id, title }) => `<li><a href="#${id}">${escapeHtml(title)}</a></li>`).join("")}</ul>
${sections.map(({ id, title, help }) => `<h2 id="${id}">${escapeHtml(title)}</h2>\n<pre>${escapeHtml(help)}</pre>`).join("\n")}`,
    ),
  );
}

/** @param {string} title @param {string} body */
function page(title, body) {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>${body}\n</body></html>\n`;
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
