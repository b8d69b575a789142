// The built reference (docs/dist, made by the build task before this runs) has no broken link:
// every relative href and src names a file that exists, and every #anchor one that the page
// has. TypeDoc has already failed the build on an undocumented export or a broken {@link}.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { expect, test } from "vitest";

const DIST = new URL("../dist/", import.meta.url).pathname;
const LINK_RE = /\s(?:href|src)="([^"]*)"/g;
const ID_RE = /\s(?:id|name)="([^"]*)"/g;
/** Links that leave the reference: other sites, and the pages' scripts' own schemes. */
const EXTERNAL_RE = /^(?:[a-z][a-z+.-]*:|\/\/)/i;

async function pages(): Promise<string[]> {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}

const decode = (text: string) => text.replace(/&amp;/g, "&");

test("the reference has its three parts, each with content", async () => {
  const files = (await pages()).map((file) => relative(DIST, file));
  expect(files).toEqual(
    expect.arrayContaining(["index.html", "api/index.html", "cli/index.html", "reference/index.html"]),
  );
  expect(files.filter((file) => file.startsWith("reference/")).length).toBeGreaterThan(50);
  const api = await readFile(join(DIST, "api/index.html"), "utf8");
  expect(api).toContain("List the sessions of an app");
  const cli = await readFile(join(DIST, "cli/index.html"), "utf8");
  expect(cli).toContain('id="realtimekit-sessions-export"');
});

test("every link between its pages resolves: the file exists, and the anchor is on it", async () => {
  const files = await pages();
  const ids = new Map<string, Set<string>>();
  for (const file of files) {
    ids.set(file, new Set([...(await readFile(file, "utf8")).matchAll(ID_RE)].map(([, id = ""]) => decode(id))));
  }
  const broken: string[] = [];
  let checked = 0;
  for (const file of files) {
    for (const [, link = ""] of (await readFile(file, "utf8")).matchAll(LINK_RE)) {
      if (link === "" || EXTERNAL_RE.test(link)) continue;
      // Redocly's page routes its own root-relative paths (`/sessions`, a tag) in the browser.
      if (link.startsWith("/") && relative(DIST, file) === "api/index.html") continue;
      checked++;
      const [path = "", anchor] = decode(link).split("#");
      const target = path === "" ? file : join(file, "..", decodeURIComponent(path));
      const known = ids.get(target);
      const exists =
        known !== undefined ||
        (await readFile(target).then(
          () => true,
          () => false,
        ));
      // Redocly's page builds its anchors in the browser; only the other pages are checked for theirs.
      const anchored = !anchor || !target.endsWith(".html") || target.includes("/api/") || known?.has(anchor);
      if (!exists || !anchored) broken.push(`${relative(DIST, file)} -> ${link}`);
    }
  }
  expect(checked).toBeGreaterThan(1_000);
  expect(broken).toEqual([]);
});
