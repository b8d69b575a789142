import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { generateRequired, generateTypes, REQUIRED_URL, TYPES_URL } from "../scripts/generate-types.js";

test("the committed generated types are what the spec generates", async () => {
  const committed = await readFile(TYPES_URL, "utf8");
  // On failure: run `pnpm generate` and commit src/generated/schema.ts.
  expect(committed === (await generateTypes()), "src/generated/schema.ts is stale: run `pnpm generate`").toBe(true);
});

test("the committed required fields are what the spec requires", async () => {
  const committed = await readFile(REQUIRED_URL, "utf8");
  expect(committed === (await generateRequired()), "src/generated/required.ts is stale: run `pnpm generate`").toBe(
    true,
  );
});
