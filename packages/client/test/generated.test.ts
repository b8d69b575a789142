import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { generateTypes, TYPES_URL } from "../scripts/generate-types.js";

test("the committed generated types are what the spec generates", async () => {
  const committed = await readFile(TYPES_URL, "utf8");
  // On failure: run `pnpm generate` and commit src/generated/schema.ts.
  expect(committed === (await generateTypes()), "src/generated/schema.ts is stale: run `pnpm generate`").toBe(true);
});
