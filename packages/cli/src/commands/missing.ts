// A 404 from a chat, transcript or summary link means one of two things: the session does not
// exist, or it has no such file. The user is told which, and what to do about it.
import { RealtimeKitApiError, type SessionsClient } from "@realtimekit-sessions/client";
import { CommandError } from "../errors.js";

/** Rethrows `error`, explained when it is a 404 of `sessionId`'s `file`. */
export async function explainMissing(
  error: unknown,
  client: SessionsClient,
  sessionId: string,
  file: "chat" | "transcript" | "summary",
  signal: AbortSignal,
): Promise<never> {
  if (!(error instanceof RealtimeKitApiError) || error.status !== 404) throw error;
  try {
    await client.getSession(sessionId, {}, { signal });
  } catch (lookup) {
    // The session itself is missing: the API's own 404 says so best.
    if (lookup instanceof RealtimeKitApiError && lookup.status === 404) throw lookup;
    throw error;
  }
  throw new CommandError(`Session ${sessionId} has no ${file}${ADVICE[file]}`);
}

const ADVICE = {
  chat: ": nobody wrote in its chat, or the chat is not ready yet (it is available once the session ends).",
  transcript:
    ": transcription was off for its meeting, or the transcript is not ready yet (it is available once the session ends).",
  summary: ` yet: start one with "realtimekit-sessions summary <session-id> --generate", or generate and wait for it with --wait (with --fake, only --wait works: each command starts a new fake).`,
};
