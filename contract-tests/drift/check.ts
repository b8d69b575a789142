// Our spec against the committed copy of the official document, with the allow-list applied.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { official, spec } from "../support/spec.js";
import { type AllowedDifference, checkDifferences, diffDocuments } from "./differ.js";

const require = createRequire(import.meta.url);

export const ALLOW_LIST_PATH: string = require.resolve("@realtimekit-sessions/spec/upstream/allowed-differences.yaml");

export function loadAllowList(path: string = ALLOW_LIST_PATH): AllowedDifference[] {
  return parse(readFileSync(path, "utf8")) as AllowedDifference[];
}

export function driftOfSpec(allowed: AllowedDifference[] = loadAllowList()) {
  const differences = diffDocuments(spec, official);
  return { differences, ...checkDifferences(differences, allowed) };
}
