// The export's output file is its own record of what is done: a line per session, written once
// everything of it is saved. Beside it, `<out>.export.json` holds the arguments the export was
// started with, so that a run with other arguments never appends to it. Reading the ids back is
// streamed, so memory does not grow with the file.
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, stat, truncate, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import type { ListSessionsQuery } from "@realtimekit-sessions/client";
import { CommandError, UsageError } from "../errors.js";
import { fileError } from "../files.js";

export interface Resumed {
  /** The query the export was started with, when resumed: its relative times as they resolved then. */
  query: ListSessionsQuery | undefined;
  /** Ids of the sessions already in the file. */
  done: Set<string>;
  /** Appends to the file. */
  append(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function openOutput(
  out: string,
  fingerprint: string,
  query: ListSessionsQuery,
  say: (line: string) => Promise<void>,
): Promise<Resumed> {
  const statePath = `${out}.export.json`;
  const exists = await stat(out).then(
    (info) => {
      if (info.isDirectory()) throw new UsageError(`--out ${out} is a folder: give a file name.`);
      return true;
    },
    () => false,
  );
  let done = new Set<string>();
  let started: ListSessionsQuery | undefined;
  if (!exists) {
    await mkdir(dirname(out), { recursive: true }).catch((error) => {
      throw fileError(error, "create the folder of", out);
    });
    await writeFile(statePath, `${JSON.stringify({ fingerprint, query })}\n`).catch((error) => {
      throw fileError(error, "write", out);
    });
  } else {
    const state = await readFile(statePath, "utf8").then(
      (text) => JSON.parse(text) as { fingerprint?: unknown; query?: ListSessionsQuery },
      () => undefined,
    );
    if (state?.fingerprint !== fingerprint) {
      throw new UsageError(
        `${out} exists and was not written by an export with these arguments: choose another --out, or delete it to start over.`,
      );
    }
    started = state.query;
    done = await completedIds(out);
    await say(`Resuming the export into ${out}: ${done.size} sessions are already there.`);
  }
  const handle = await open(out, "a").catch((error) => {
    throw fileError(error, "write", out);
  });
  return {
    query: started,
    done,
    append: (text) =>
      handle.write(text).then(
        () => {},
        (error) => {
          throw fileError(error, "write", out);
        },
      ),
    close: () => handle.close(),
  };
}

/** The ids in `out`, after cutting off a line a killed run left half-written. */
async function completedIds(out: string): Promise<Set<string>> {
  try {
    await truncate(out, await completeLength(out));
    const ids = new Set<string>();
    let number = 0;
    for await (const line of createInterface({ input: createReadStream(out), crlfDelay: Number.POSITIVE_INFINITY })) {
      number++;
      if (!line) continue;
      const id = idOf(line);
      if (id === undefined)
        throw new CommandError(
          `${out} line ${number} is not a session written by an export: delete the file to start over.`,
        );
      ids.add(id);
    }
    return ids;
  } catch (error) {
    throw fileError(error, "read", out);
  }
}

function idOf(line: string): string | undefined {
  try {
    const { id } = JSON.parse(line) as { id?: unknown };
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes up to and including the last line break: what whole lines the file holds. */
async function completeLength(path: string): Promise<number> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const chunk = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(10);
      if (newline >= 0) return start + newline + 1;
      end = start;
    }
    return 0;
  } finally {
    await handle.close();
  }
}
