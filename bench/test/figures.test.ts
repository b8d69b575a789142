// Every figure a README quotes is the one the latest `pnpm bench` run recorded.
import { expect, test } from "vitest";
import { quoted, recordedFigures } from "../src/figures.js";

test("every figure quoted in a README is the recorded run's", async () => {
  const figures = await recordedFigures();
  const spans = await quoted();
  expect(spans.length).toBeGreaterThan(20);
  for (const span of spans)
    expect(`${span.file}: ${span.name} = ${span.text}`).toBe(`${span.file}: ${span.name} = ${figures[span.name]}`);
});
