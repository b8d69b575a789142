// Lints openapi.yaml with the rules of redocly.yaml and fails on any problem, warnings
// included: Redocly itself exits 0 when it finds only warnings.
import { spawnSync } from "node:child_process";

const run = spawnSync("redocly", ["lint", "openapi.yaml", "--config", "redocly.yaml", "--format", "json"], {
  encoding: "utf8",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
if (run.error) throw run.error;

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(run.stdout + run.stderr);
  throw new Error("redocly lint did not print a JSON report");
}

for (const problem of report.problems) {
  const where = problem.location[0];
  const position = where?.start ? `${where.start.line}:${where.start.col}` : "";
  console.error(
    `openapi.yaml:${position} ${problem.severity} ${problem.ruleId}: ${problem.message}\n  at ${where?.pointer}`,
  );
}
const { errors, warnings } = report.totals;
console.log(`spec lint: ${errors} errors, ${warnings} warnings`);
process.exitCode = errors + warnings > 0 ? 1 : 0;
