import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { generateOperations, OPERATIONS_URL } from "../scripts/generate-parameters.js";

test("the committed operation table is what the spec produces (run `pnpm generate` if not)", async () => {
  expect(await readFile(OPERATIONS_URL, "utf8")).toBe(await generateOperations());
});
