// Runs Prism as its own child, and ends it when the process that started the mock goes away,
// however that process went: its end closes this process's standard input (a pipe it held),
// even when it was killed by a signal no handler could catch.
import { spawn } from "node:child_process";

const STOP_GRACE_MS = 5_000;
const [prismBin = "", ...args] = process.argv.slice(2);
const prism = spawn(process.execPath, [prismBin, ...args], { stdio: ["ignore", "inherit", "inherit"] });

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  prism.kill("SIGTERM");
  setTimeout(() => prism.kill("SIGKILL"), STOP_GRACE_MS).unref();
}

process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, stop);
prism.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
