// What live mode saw, one line per operation, gathered across the run and printed at its end.
import { appendFileSync, existsSync, readFileSync } from "node:fs";

export interface Observation {
  operation: string;
  /** HTTP status the proxy answered, or why the operation was not called. */
  status: number | string;
  /** Prism's findings on the exchange, each naming the place in the request or answer. */
  violations: string[];
}

export function record(file: string, observation: Observation): void {
  appendFileSync(file, `${JSON.stringify(observation)}\n`);
}

export function readReport(file: string): Observation[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Observation);
}

export function formatReport(upstream: string, observations: Observation[]): string {
  const width = Math.max(9, ...observations.map((entry) => entry.operation.length));
  const lines = observations.map(({ operation, status, violations }) => {
    const head = `  ${operation.padEnd(width)}  ${String(status).padEnd(6)}`;
    if (violations.length === 0) return `${head}  no violations`;
    return [`${head}  ${violations.length} violation(s):`, ...violations.map((text) => `      - ${text}`)].join("\n");
  });
  const failed = observations.filter((entry) => entry.violations.length > 0).length;
  return [
    `Live contract report: ${upstream}, through prism proxy --errors`,
    `  ${"operation".padEnd(width)}  status  result`,
    ...lines,
    failed === 0
      ? `${observations.length} operations checked, no violations.`
      : `${failed} of ${observations.length} operations broke the spec.`,
  ].join("\n");
}
