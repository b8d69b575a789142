// `fake serve` and `fake end-session`: the fake of the API served on loopback for a Worker (or
// anything else) in development, and what a developer does to it from another terminal. The work
// is in ../fake/, loaded when a command runs.
import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { type ContextOf, FAKE_SESSIONS } from "../context.js";
import { type Parent, uses, whole } from "./options.js";

/** The port `fake serve` listens on: beside wrangler dev's 8787, and the same every run. */
export const FAKE_PORT = 8788;

const port = (value: string): number => {
  const number = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= 0 && number <= 65_535)) {
    throw new InvalidArgumentError(`--port takes a port from 0 (any free one) to 65535, not ${value}.`);
  }
  return number;
};

export function addFake(program: Parent, context: ContextOf): void {
  const fake = program
    .command("fake")
    .description("serve the fake of the API on loopback for your Worker or app in development, and act on it");
  const serve = fake
    .command("serve")
    .description(
      "serve the fake on loopback until Ctrl-C; print (and with --dev-vars write) the variables that point at it",
    )
    .addOption(
      new Option("--port <port>", "the port on 127.0.0.1; 0 for any free one").argParser(port).default(FAKE_PORT),
    )
    .addOption(
      new Option("--sessions <n>", "how many sessions it holds")
        .argParser(whole("--sessions", 100_000))
        .default(FAKE_SESSIONS),
    )
    .addOption(new Option("--seed <n>", "the seed of its data").argParser(whole("--seed", 2 ** 31 - 1)).default(1))
    .option("--dev-vars <file>", "write the variables into this file (a Worker's .dev.vars), keeping its other lines")
    .option("--force", "with --dev-vars, replace an API token in the file that is not a fake's")
    .option(
      "--webhook <url>",
      "deliver its webhooks here, as RealtimeKit does to a registered webhook (after `fake end-session`)",
    )
    .action(async (options, command) => {
      const { serveFake } = await import("../fake/serve.js");
      await serveFake(context(command), options);
    });
  uses(serve, ["json"]);
  const end = fake
    .command("end-session")
    .description("end a live session of the served fake, as its last participant leaving would")
    .argument("<id>", "the session")
    .action(async (id, _, command) => {
      const { endSession } = await import("../fake/control.js");
      await endSession(context(command), id);
    });
  uses(end, ["baseUrl", "json", "timeout"]);
}

export interface ServeFlags {
  port: number;
  sessions: number;
  seed: number;
  devVars?: string | undefined;
  force?: true | undefined;
  webhook?: string | undefined;
}
