// Runs one command line against an `Io` and returns the exit code: 0 success, 1 the API, the
// network or the file system failed, 2 bad usage, 3 the mirror's database failed, 130
// interrupted. Whatever goes wrong ends as at most a line of error and a line of advice on
// standard error, never a stack trace.
import { CommanderError } from "@commander-js/extra-typings";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./errors.js";
import { type Io, OutputError } from "./io.js";
import { createProgram, PROGRAM } from "./program.js";

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const pending: Promise<void>[] = [];
  // Commander writes synchronously; what it wrote is awaited before the code is returned.
  const written = (output: Io["stdout"]) => (text: string) => {
    pending.push(output.write(text));
  };
  let usage: string | undefined;
  let errorHelp = "";
  const program = createProgram(io, {
    writeOut: written(io.stdout),
    writeErr: (text) => {
      errorHelp += text;
    },
    outputError: (text) => {
      usage ??= text;
    },
  });
  let code: number;
  try {
    await program.parseAsync([...argv], { from: "user" });
    code = EXIT_OK;
  } catch (error) {
    code = await settle(error, io, { usage, errorHelp, pending, command: commandPath(program, argv) });
  }
  try {
    await Promise.all(pending);
  } catch (error) {
    code = await outputFailed(error, io, code);
  }
  return code;
}

async function settle(
  error: unknown,
  io: Io,
  state: { usage: string | undefined; errorHelp: string; pending: Promise<void>[]; command: string },
): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT_OK;
    // A command group run without a command (`sessions`, or nothing at all): its help, as asked.
    if (error.code === "commander.help") {
      state.pending.push(io.stdout.write(state.errorHelp));
      return EXIT_OK;
    }
    const line = (state.usage ?? error.message).trim().replace(/\s*\n\s*/g, " ");
    await say(io, `${oneLine(line)}\nSee '${[PROGRAM, state.command].filter(Boolean).join(" ")} --help'.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof OutputError) return outputFailed(error, io, EXIT_OK);
  const { failureOf } = await import("./fail.js");
  const failure = failureOf(error, io.signal.aborted);
  if (failure.line) await say(io, `${oneLine(failure.line)}\n`);
  return failure.code;
}

interface Named {
  name(): string;
  readonly commands: readonly Named[];
}

/** The words of `argv` that name a command and its subcommands (`sessions list`), flags between them skipped. */
function commandPath(program: Named, argv: readonly string[]): string {
  const path: string[] = [];
  let commands = program.commands;
  for (const word of argv) {
    if (commands.length === 0) break;
    const command = commands.find((candidate) => candidate.name() === word);
    if (!command) continue;
    path.push(word);
    commands = command.commands;
  }
  return path.join(" ");
}

/** A closed pipe ends the program quietly, with `code`; any other failure to write is one line. */
async function outputFailed(error: unknown, io: Io, code: number): Promise<number> {
  if (!(error instanceof OutputError)) throw error;
  if (error.closed) return code;
  await say(io, `error: ${error.message}\n`);
  return EXIT_FAILED;
}

// Whatever a server or the system put in a message, the user gets one line of it.
const LINE_BREAKS_RE = /[\r\n\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/g;
const MAX_LINE = 1_000;

function oneLine(text: string): string {
  const line = text.replace(LINE_BREAKS_RE, " ").replace(CONTROL_RE, "");
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

/** Writes to standard error, which may itself be gone: then there is nobody left to tell. */
async function say(io: Io, text: string): Promise<void> {
  await io.stderr.write(text).catch(() => {});
}
