#!/usr/bin/env node
// The only module that touches `process`: it turns argv, the environment, the standard streams
// and the signals into an `Io`, runs the command line, and exits with its code.
import { EXIT_INTERRUPTED } from "./errors.js";
import { type Io, type Output, OutputError, systemClock } from "./io.js";

declare const __CLI_VERSION__: string;

const argv = process.argv.slice(2);
// `--version` alone prints what the build knows, loading nothing: the rest of the CLI (commander,
// the commands) is imported below only for a command line that needs it.
if (argv.length === 1 && argv[0] === "--version") {
  process.stdout.write(`${__CLI_VERSION__}\n`);
  process.exit(0);
}

/** How long an interrupted command may take to stop and say so before the process ends anyway. */
const GRACE_MS = 3_000;

function outputOf(stream: NodeJS.WriteStream, name: "standard output" | "standard error"): Output {
  let failure: OutputError | undefined;
  // Without a listener, a closed pipe or a full disk is an uncaught 'error' event and a stack trace.
  stream.on("error", (error: NodeJS.ErrnoException) => {
    failure ??= new OutputError(name, error.code);
  });
  return {
    isTTY: Boolean(stream.isTTY),
    columns: stream.isTTY ? stream.columns : undefined,
    write(text) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        stream.write(text, (error) => {
          if (!error) return resolve();
          failure ??= new OutputError(name, (error as NodeJS.ErrnoException).code);
          reject(failure);
        });
      });
    },
  };
}

const controller = new AbortController();
let interrupts = 0;
const interrupt = () => {
  // A second Ctrl-C, or a command that does not stop in time, ends the process at once.
  if (++interrupts > 1) process.exit(EXIT_INTERRUPTED);
  controller.abort(new Error("Interrupted"));
  setTimeout(() => process.exit(EXIT_INTERRUPTED), GRACE_MS).unref();
};
process.on("SIGINT", interrupt);
process.on("SIGTERM", interrupt);

const io: Io = {
  stdout: outputOf(process.stdout, "standard output"),
  stderr: outputOf(process.stderr, "standard error"),
  env: process.env,
  clock: systemClock,
  fetch: (request) => globalThis.fetch(request),
  signal: controller.signal,
};

const { runCli } = await import("./main.js");
const code = await runCli(argv, io);
// Every write has been taken by now; exiting does not wait for requests the command abandoned.
process.exit(code);
