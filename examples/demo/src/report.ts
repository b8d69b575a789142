// Turns what the client returns into the lines of a readable report.
import type { Participant, Session } from "@realtimekit-sessions/client";

export function table(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, index) => Math.max(max[index] ?? 0, cell.length)),
    [],
  );
  return rows.map((row) => `  ${row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join("  ")}`.trimEnd());
}

export function sessionsTable(sessions: Session[]): string[] {
  return table([
    ["STATUS", "TYPE", "STARTED", "PEAK", "MINUTES", "MEETING"],
    ...sessions.map((session) => [
      session.status,
      session.type,
      when(session.started_at),
      String(session.max_concurrent_participants),
      minutes(session.minutes_consumed),
      session.meeting_display_name,
    ]),
  ]);
}

export function sessionDetails(session: Session): string[] {
  const lines = [
    `  id            ${session.id}`,
    `  meeting       ${session.associated_id}`,
    `  type, status  ${session.type}, ${session.status}`,
    `  started       ${when(session.started_at)}`,
    `  ended         ${session.ended_at ? `${when(session.ended_at)} (${duration(session.started_at, session.ended_at)})` : "still live"}`,
    `  participants  ${session.live_participants} now, ${session.max_concurrent_participants} at most`,
    `  minutes       ${minutes(session.minutes_consumed)}`,
  ];
  const rooms = session.breakout_rooms ?? [];
  lines.push(`  breakouts     ${rooms.length === 0 ? "none" : `${rooms.length} room(s)`}`);
  for (const room of rooms) {
    lines.push(`    - ${room.meeting_display_name}: ${room.status}, ${minutes(room.minutes_consumed)} minutes`);
  }
  return lines;
}

export function participantsTable(participants: Participant[]): string[] {
  return table([
    ["NAME", "PRESET", "JOINED", "LEFT", "MINUTES"],
    ...participants.map((participant) => [
      participant.display_name ?? "(no name)",
      participant.preset_name ?? "",
      participant.joined_at ? when(participant.joined_at) : "",
      participant.left_at ? when(participant.left_at) : "",
      participant.duration === undefined ? "" : minutes(participant.duration),
    ]),
  ]);
}

export function when(timestamp: string): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function duration(from: string, to: string): string {
  const seconds = Math.round((Date.parse(to) - Date.parse(from)) / 1000);
  if (!Number.isFinite(seconds)) return "unknown length";
  const m = Math.floor(seconds / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : `${m}m ${seconds % 60}s`;
}

function minutes(value: number): string {
  return value.toFixed(2);
}
