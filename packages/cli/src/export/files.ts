// `export --files`: each session's chat, transcript and summary, saved through the client's
// downloads (timeouts, a renewed link when one expired, typed errors), each file written whole
// or not at all.
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { RealtimeKitApiError } from "@realtimekit-sessions/client";
import type { DownloadFile, Downloads } from "@realtimekit-sessions/client/downloads";
import { fileError } from "../files.js";

const FILES: [DownloadFile, string][] = [
  ["chat", "chat.csv"],
  ["transcript", "transcript.csv"],
  ["summary", "summary.md"],
];

export async function createFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true }).catch((error) => {
    throw fileError(error, "create the folder", folder);
  });
}

/** Saves the files `sessionId` has; a session without one of them (a 404) just has no such file. */
export async function saveFiles(downloads: Downloads, sessionId: string, folder: string, signal: AbortSignal) {
  for (const [file, suffix] of FILES) {
    const path = join(folder, `${sessionId}.${suffix}`);
    const partial = `${path}.partial`;
    try {
      await pipeline(Readable.from(downloads.downloadFile(sessionId, file, { signal })), createWriteStream(partial), {
        signal,
      });
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof RealtimeKitApiError && error.status === 404) continue;
      throw fileError(error, "write", path);
    }
    await rename(partial, path).catch((error) => {
      throw fileError(error, "write", path);
    });
  }
}
