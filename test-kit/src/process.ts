// Runs a program as a user would, with the environment a test chooses: the developer's own
// Cloudflare and RealtimeKit variables never reach it, so no test can use a real account by
// accident, and none depends on what a developer has set.
import { execFile } from "node:child_process";

/** Variables a child never inherits: the ones that name credentials, accounts, apps or the API. */
const PRIVATE_VARIABLE_RE = /^(CLOUDFLARE_|REALTIMEKIT_|LIVE_)/;

export interface ProcessResult {
  /** The exit code (1 when the process was killed by a signal). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end and resolves with what it printed; never rejects for a non-zero exit. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ProcessResult> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PRIVATE_VARIABLE_RE.test(name)));
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: { ...inherited, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs a TypeScript file with Node and tsx, as `pnpm` scripts of this repository do. */
export function runTypeScript(
  file: string,
  args: readonly string[] = [],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ProcessResult> {
  return runProcess(process.execPath, ["--import", "tsx", file, ...args], options);
}
