#!/usr/bin/env node
// The command as installed. This file exists before any build, so that pnpm links the command in
// a fresh clone without a warning; the program is the build's dist/cli.js.
import { existsSync } from "node:fs";

const program = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(program)) {
  process.stderr.write("realtimekit-sessions is not built yet: run `pnpm cli` from the repository's root.\n");
  process.exit(1);
}
await import(program.href);
