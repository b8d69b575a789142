// `participants` and `participant`.
import type { Context, ContextOf } from "../context.js";
import { duration, note, printJsonLines, printTable, when } from "../output.js";
import type { Parent } from "./options.js";

export function addParticipants(program: Parent, context: ContextOf): void {
  program
    .command("participants")
    .description("list everyone who joined a session")
    .argument("<session-id>")
    .action((sessionId, _, command) => listParticipants(context(command), sessionId));

  program
    .command("participant")
    .description("show one participant of a session")
    .argument("<session-id>")
    .argument("<participant-id>")
    .action((sessionId, participantId, _, command) => getParticipant(context(command), sessionId, participantId));
}

export async function listParticipants(context: Context, sessionId: string): Promise<void> {
  const { io, json } = context;
  const client = await context.client();
  const rows: (string | number)[][] = [];
  for await (const participant of client.iterateParticipants(sessionId, { per_page: 100 }, { signal: io.signal })) {
    if (json) await io.stdout.write(`${JSON.stringify(participant)}\n`);
    else {
      rows.push([
        participant.id ?? "",
        participant.display_name ?? "",
        participant.preset_name ?? "",
        when(participant.joined_at),
        participant.left_at ? when(participant.left_at) : "still in the call",
        duration(participant.duration),
      ]);
    }
  }
  if (json) return;
  if (rows.length === 0) return note(io, `Nobody joined session ${sessionId}.`);
  await printTable(io, ["id", "name", "preset", "joined", "left", "time in call"], rows);
}

export async function getParticipant(context: Context, sessionId: string, participantId: string): Promise<void> {
  const { io, json } = context;
  const client = await context.client();
  const participant = await client.getParticipant(
    sessionId,
    participantId,
    { include_peer_events: true },
    { signal: io.signal },
  );
  if (json) return printJsonLines(io, [participant]);
  await printTable(
    io,
    ["field", "value"],
    [
      ["id", participant.id ?? ""],
      ["name", participant.display_name ?? ""],
      ["custom id", participant.custom_participant_id ?? ""],
      ["preset", participant.preset_name ?? ""],
      ["joined", when(participant.joined_at)],
      ["left", participant.left_at ? when(participant.left_at) : "still in the call"],
      ["time in call", duration(participant.duration)],
      ["peers", [...new Set((participant.peer_events ?? []).map((event) => event.peer_id))].join(", ")],
    ],
  );
}
