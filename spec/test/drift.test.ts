// The drift check: our spec against Cloudflare's document, and the differ, allow-list and
// extractor it is built from.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTypeScript, send, startServer } from "@realtimekit-sessions/test-kit";
import { describe, expect, test } from "vitest";
import { driftOfSpec, loadAllowList } from "../drift/check.js";
import { checkDifferences, diffDocuments, formatDrift } from "../drift/differ.js";
import { extractSessions } from "../drift/extract.js";
import { type JsonObject, official } from "../tools/spec.js";

test("our spec differs from the official document only as the allow-list says, and every entry is used", () => {
  const { differences, unlisted, stale } = driftOfSpec();
  expect(formatDrift(differences, unlisted, stale)).toBe(
    `spec drift: ${differences.length} differences from the official document, ${differences.length} of them allowed.`,
  );
  expect(differences.length).toBeGreaterThan(0);
});

test("every allowed difference gives its reason", () => {
  for (const entry of loadAllowList()) expect(entry.reason?.trim().length, entry.match).toBeGreaterThan(20);
});

/** A one-operation document, in the official document's dialect, to vary one thing at a time. */
function document(): JsonObject {
  return {
    openapi: "3.0.3",
    paths: {
      "/things": {
        get: {
          operationId: "ListThings",
          parameters: [
            { name: "limit", in: "query", schema: { type: "number", minimum: 0, default: 10 } },
            { name: "kind", in: "query", schema: { type: "string", enum: ["a", "b"] } },
            { name: "name", in: "query", schema: { type: "string", maxLength: 32 } },
          ],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      data: {
                        type: "object",
                        required: ["id"],
                        properties: { id: { type: "string" }, note: { type: "string", nullable: true } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

type Change = (operation: JsonObject) => void;
const operationOf = (doc: JsonObject) => ((doc.paths as JsonObject)["/things"] as JsonObject).get as JsonObject;
const parameter = (operation: JsonObject, index: number) => (operation.parameters as JsonObject[])[index] as JsonObject;
const dataSchema = (operation: JsonObject) =>
  (
    (
      (
        (((operation.responses as JsonObject)["200"] as JsonObject).content as JsonObject)[
          "application/json"
        ] as JsonObject
      ).schema as JsonObject
    ).properties as JsonObject
  ).data as JsonObject;

describe("the differ", () => {
  const cases: [string, Change, string[]][] = [
    [
      "a parameter's name",
      (op) => (parameter(op, 0).name = "max"),
      ["parameter missing ListThings query limit", "parameter added ListThings query max"],
    ],
    [
      "a parameter's location",
      (op) => (parameter(op, 1).in = "header"),
      ["parameter missing ListThings query kind", "parameter added ListThings header kind"],
    ],
    [
      "whether a parameter is required",
      (op) => (parameter(op, 1).required = true),
      ["parameter changed ListThings query kind required"],
    ],
    [
      "a parameter's type",
      (op) => ((parameter(op, 0).schema as JsonObject).type = "integer"),
      ["parameter changed ListThings query limit types"],
    ],
    [
      "an enum",
      (op) => ((parameter(op, 1).schema as JsonObject).enum = ["a", "b", "c"]),
      ["parameter changed ListThings query kind enum"],
    ],
    [
      "a bound",
      (op) => ((parameter(op, 0).schema as JsonObject).minimum = 1),
      ["parameter changed ListThings query limit minimum"],
    ],
    [
      "a length bound",
      (op) => ((parameter(op, 2).schema as JsonObject).maxLength = 64),
      ["parameter changed ListThings query name maxLength"],
    ],
    [
      "a default",
      (op) => ((parameter(op, 0).schema as JsonObject).default = 20),
      ["parameter changed ListThings query limit default"],
    ],
    ["a missing parameter", (op) => (op.parameters as JsonObject[]).pop(), ["parameter missing ListThings query name"]],
    [
      "a missing response property",
      (op) => delete (dataSchema(op).properties as JsonObject).note,
      ["response property missing ListThings 200 data.note"],
    ],
    [
      "an added response property",
      (op) => ((dataSchema(op).properties as JsonObject).extra = { type: "number" }),
      ["response property added ListThings 200 data.extra"],
    ],
    [
      "a response property's type",
      (op) => ((dataSchema(op).properties as JsonObject).id = { type: "number" }),
      ["response property type ListThings 200 data.id"],
    ],
    [
      "a property's nullability, across dialects",
      (op) => ((dataSchema(op).properties as JsonObject).note = { type: "string" }),
      ["response property type ListThings 200 data.note"],
    ],
    [
      "whether a property is required",
      (op) => (dataSchema(op).required = []),
      ["response property required ListThings 200 data.id"],
    ],
    [
      "an added response status",
      (op) => ((op.responses as JsonObject)["404"] = { description: "not found" }),
      ["response status added ListThings 404"],
    ],
  ];

  test.each(cases)("finds a difference in %s", (_, change, expected) => {
    const ours = document();
    change(operationOf(ours));
    expect(
      diffDocuments(ours, document())
        .map((difference) => difference.id)
        .sort(),
    ).toEqual([...expected].sort());
  });

  test("finds no difference between equal documents, whatever the dialect says about null", () => {
    const ours = document();
    (dataSchema(operationOf(ours)).properties as JsonObject).note = { type: ["string", "null"] };
    ours.openapi = "3.1.0";
    expect(diffDocuments(ours, document())).toEqual([]);
  });

  test("finds missing and added operations", () => {
    const ours = document();
    (ours.paths as JsonObject)["/other"] = { post: { operationId: "MakeThing", responses: {} } };
    const theirs = document();
    (theirs.paths as JsonObject)["/gone"] = { get: { operationId: "GoneThing", responses: {} } };
    expect(diffDocuments(ours, theirs).map((difference) => difference.id)).toEqual([
      "operation missing GoneThing",
      "operation added MakeThing",
    ]);
  });
});

describe("the allow-list", () => {
  const differences = [
    { id: "response status added ListThings 404", detail: "" },
    { id: "response status added MakeThing 404", detail: "" },
    { id: "parameter changed ListThings query limit minimum", detail: "ours 1, official 0" },
  ];

  test("matches ids, with * for any one word", () => {
    const { unlisted, stale } = checkDifferences(differences, [{ match: "response status added * 404", reason: "r" }]);
    expect(unlisted.map((difference) => difference.id)).toEqual(["parameter changed ListThings query limit minimum"]);
    expect(stale).toEqual([]);
  });

  test("reports entries that no longer match anything", () => {
    const entry = { match: "operation added Nothing", reason: "r" };
    expect(checkDifferences(differences, [entry]).stale).toEqual([entry]);
  });

  test("explains what to do in its report", () => {
    const { unlisted, stale } = checkDifferences(differences, [{ match: "operation added Nothing", reason: "r" }]);
    expect(formatDrift(differences, unlisted, stale)).toBe(
      [
        "spec drift: 3 differences from the official document, 0 of them allowed.",
        "",
        "Not in spec/upstream/allowed-differences.yaml (fix the spec, or list them with a reason):",
        "  - response status added ListThings 404",
        "      ",
        "  - response status added MakeThing 404",
        "      ",
        "  - parameter changed ListThings query limit minimum",
        "      ours 1, official 0",
        "",
        "Allowed differences that no longer occur (remove them):",
        "  - operation added Nothing",
      ].join("\n"),
    );
  });
});

/** Cloudflare's whole document in miniature: our nine operations among others, and unused components. */
function fullDocument(): JsonObject {
  const copy = structuredClone(official);
  (copy.paths as JsonObject)["/accounts/{account_id}/workers/scripts"] = {
    get: { operationId: "ListWorkers", responses: { "200": { $ref: "#/components/responses/workers_List" } } },
  };
  ((copy.components as JsonObject).responses as JsonObject).workers_List = { description: "unrelated" };
  ((copy.components as JsonObject).schemas as JsonObject).unused_Thing = { type: "string" };
  return copy;
}

describe("spec:update-upstream", () => {
  test("extracts the nine operations and exactly the components they reference", () => {
    const extract = extractSessions(fullDocument(), "full.json");
    expect(extract.paths).toEqual(official.paths);
    expect(extract.components).toEqual(official.components);
    expect(extract.security).toEqual(official.security);
  });

  test("names an operation that is gone from the document", () => {
    const full = fullDocument();
    delete (full.paths as JsonObject)["/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/chat"];
    expect(() => extractSessions(full, "full.json")).toThrow(
      "GET /accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/chat is not in full.json",
    );
  });

  test("reads the document from a URL and writes the extract", async () => {
    await using server = await startServer((response) => send(response, 200, fullDocument()));
    const url = `${server.url}/openapi.json`;
    const directory = await mkdtemp(join(tmpdir(), "upstream-"));
    try {
      const out = join(directory, "extract.json");
      const { code, stdout, stderr } = await runTypeScript("drift/update-upstream.ts", [url, "--out", out], {
        cwd: new URL("..", import.meta.url).pathname,
      });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toBe(`wrote ${out}: 9 operations from ${url}\n`);
      const extract = JSON.parse(await readFile(out, "utf8")) as JsonObject;
      expect(extract.paths).toEqual(official.paths);
    } finally {
      await rm(directory, { recursive: true });
    }
  });
});
