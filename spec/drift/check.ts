// Our spec against the committed copy of the official document, with the allow-list applied.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { official, spec } from "../tools/spec.js";
import { type AllowedDifference, checkDifferences, diffDocuments } from "./differ.js";

export const ALLOW_LIST_PATH: string = new URL("../upstream/allowed-differences.yaml", import.meta.url).pathname;

export function loadAllowList(path: string = ALLOW_LIST_PATH): AllowedDifference[] {
  return parse(readFileSync(path, "utf8")) as AllowedDifference[];
}

export function driftOfSpec(allowed: AllowedDifference[] = loadAllowList()) {
  const differences = diffDocuments(spec, official);
  return { differences, ...checkDifferences(differences, allowed) };
}
