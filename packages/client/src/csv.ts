// Streams the records of a CSV body, batch by batch as it arrives: memory holds one batch, not
// the file. The parsing is papaparse's; this module only cuts the stream where a record ends.
import Papa from "papaparse";
import { RealtimeKitFormatError } from "./errors.js";

// Text gathered before each parse: large enough that per-call costs vanish, small enough that
// memory stays flat whatever the file's size.
const PARSE_BATCH = 256 * 1024;

/**
 * The records of a CSV body, each a list of its fields, the header row (if any) included, in
 * batches of many records (one await per batch, not per record). A malformed file is a
 * `RealtimeKitFormatError` naming the record.
 */
export async function* csvBatches(
  operation: string,
  response: Response,
  until: <T>(read: Promise<T>) => Promise<T> = (read) => read,
): AsyncGenerator<string[][], void, undefined> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let newline: "\n" | "\r\n" | undefined;
  let line = 0;
  try {
    for (;;) {
      const { done, value } = await until(reader.read());
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (!done && pending.length < PARSE_BATCH) continue;
      // Records end the way the first one ends; a quoted field may hold either break.
      newline ??= pending[pending.indexOf("\n") - 1] === "\r" ? "\r\n" : "\n";
      const config = { delimiter: ",", newline, skipEmptyLines: true } as const;
      // Cut at the last line break; only when that break sits inside a quoted field (Papa then
      // finds the field unterminated) is the batch scanned for the last break between records.
      let end = done ? pending.length : pending.lastIndexOf("\n") + 1;
      let parsed = Papa.parse<string[]>(pending.slice(0, end), config);
      if (!done && parsed.errors.some((error) => error.type === "Quotes")) {
        end = lastRecordEnd(pending);
        parsed = Papa.parse<string[]>(pending.slice(0, end), config);
      }
      pending = pending.slice(end);
      const [problem] = parsed.errors;
      if (problem) {
        throw new RealtimeKitFormatError(
          `${operation}: the CSV file is malformed near record ${line + (problem.row ?? 0) + 1}: ${problem.message}`,
        );
      }
      line += parsed.data.length;
      if (parsed.data.length > 0) yield parsed.data;
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Index just past the last line break that ends a record: one outside any quoted field. */
function lastRecordEnd(text: string): number {
  let inQuotes = false;
  let end = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34) inQuotes = !inQuotes;
    else if (code === 10 && !inQuotes) end = index + 1;
  }
  return end;
}
