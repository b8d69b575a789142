// `chat`: a session's chat messages.
import type { Context, ContextOf } from "../context.js";
import { note, printTable, when } from "../output.js";
import type { Parent } from "./options.js";

export function addChat(program: Parent, context: ContextOf): void {
  program
    .command("chat")
    .description("print a session's chat messages")
    .argument("<session-id>")
    .action((sessionId, _, command) => showChat(context(command), sessionId));
}

export async function showChat(context: Context, sessionId: string): Promise<void> {
  const { io, json } = context;
  const client = await context.client();
  const { createDownloads } = await import("@realtimekit-sessions/client/downloads");
  const rows: string[][] = [];
  try {
    for await (const row of createDownloads(client).downloadChat(sessionId, { signal: io.signal })) {
      if (json) await io.stdout.write(`${JSON.stringify(row)}\n`);
      else rows.push([when(row.createdAt), row.displayName, row.payloadType, row.payload]);
    }
  } catch (error) {
    const { explainMissing } = await import("./missing.js");
    await explainMissing(error, client, sessionId, "chat", io.signal);
  }
  if (json) return;
  if (rows.length === 0) return note(io, `The chat of session ${sessionId} is empty.`);
  await printTable(io, ["sent", "from", "type", "message"], rows);
}
