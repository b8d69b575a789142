// `pnpm spec:diff`: prints how spec/openapi.yaml differs from Cloudflare's document, and fails
// on any difference that spec/upstream/allowed-differences.yaml does not list with a reason.
import { driftOfSpec } from "./check.js";
import { formatDrift } from "./differ.js";

const { differences, unlisted, stale } = driftOfSpec();
console.log(formatDrift(differences, unlisted, stale));
process.exitCode = unlisted.length > 0 || stale.length > 0 ? 1 : 0;
