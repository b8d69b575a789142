// The command line as a commander program: the global flags, and each command from the module
// that declares it. Declaring loads nothing a command needs to run (the client, the fake, the
// table printer): `--version` and `--help` cost only commander.
import { Command, Option } from "@commander-js/extra-typings";
import { addChat } from "./commands/chat.js";
import { addExport } from "./commands/export.js";
import { addFake } from "./commands/fake.js";
import { seconds, unusedFlags } from "./commands/options.js";
import { addParticipants } from "./commands/participants.js";
import { addPeerReport } from "./commands/peer-report.js";
import { addSessions } from "./commands/sessions.js";
import { addSummary } from "./commands/summary.js";
import { addSync } from "./commands/sync.js";
import { addTranscript } from "./commands/transcript.js";
import { addUsage } from "./commands/usage.js";
import { addWebhooks } from "./commands/webhooks.js";
import { type ContextOf, contextOf, type GlobalOptions } from "./context.js";
import type { Io } from "./io.js";

declare const __CLI_VERSION__: string;

export const PROGRAM = "realtimekit-sessions";

export interface OutputConfiguration {
  writeOut(text: string): void;
  writeErr(text: string): void;
  outputError(text: string): void;
}

export function createProgram(io: Io, output: OutputConfiguration) {
  const program = new Command(PROGRAM)
    .description("The Cloudflare RealtimeKit Sessions API from the command line.")
    .version(__CLI_VERSION__, "--version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .addOption(new Option("--token <token>", "API token (default: CLOUDFLARE_API_TOKEN)"))
    .addOption(new Option("--account <id>", "Cloudflare account id (default: CLOUDFLARE_ACCOUNT_ID)"))
    .addOption(new Option("--app <id>", "RealtimeKit app id (default: REALTIMEKIT_APP_ID)"))
    .addOption(new Option("--base-url <url>", "API root (default: CLOUDFLARE_BASE_URL, else Cloudflare's API)"))
    .addOption(
      new Option("--timeout <seconds>", "give up on a request after this long").argParser(seconds("--timeout")),
    )
    .option("--json", "machine output: JSON, or NDJSON for lists (the default when piped)")
    .option("--verbose", "log every request to standard error, credentials redacted")
    .option(
      "--fake",
      "run against an in-process fake of the API with generated data (a new one each command): no account needed",
    )
    .exitOverride()
    .configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      outputError: output.outputError,
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  const context: ContextOf = (command) => contextOf(io, command.optsWithGlobals() as GlobalOptions);
  addSessions(program, context);
  addParticipants(program, context);
  addPeerReport(program, context);
  addChat(program, context);
  addTranscript(program, context);
  addSummary(program, context);
  addExport(program, context);
  addWebhooks(program, context);
  addSync(program, context);
  addUsage(program, context);
  addFake(program, context);
  // A flag a command would ignore is refused before it runs: it was given for a reason.
  program.hook("preAction", (_, command) => {
    const unused = unusedFlags(command, program.opts() as GlobalOptions);
    if (unused.length > 0) {
      const path = [];
      for (let at: typeof command.parent = command; at?.parent; at = at.parent) path.unshift(at.name());
      command.error(`error: ${path.join(" ")} does not use ${unused.join(" or ")}.`, {
        code: "realtimekit.unusedFlag",
        exitCode: 2,
      });
    }
  });
  return program;
}

export type Program = ReturnType<typeof createProgram>;
