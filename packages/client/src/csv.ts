// Streams the records of a CSV body, batch by batch as it arrives: memory holds one batch, not
// the file. The parsing is papaparse's core parser (`Papa.Parser`), the one its own streaming
// drives: `Papa.parse()` around it would add a pass over every batch that costs as much again,
// in time and in garbage.
import Papa from "papaparse";
import { RealtimeKitFormatError } from "./errors.js";

// Text gathered before each parse: large enough that per-call costs vanish, small enough that
// memory stays flat whatever the file's size.
const PARSE_BATCH = 32 * 1024;

/**
 * The records of a CSV body, each a list of its fields, the header row (if any) included, in
 * batches of many records (one await per batch, not per record). Empty lines are skipped. A
 * malformed file is a `RealtimeKitFormatError` naming the record.
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
  // Parse once this much text is in hand: a batch, or more when a record is longer than one.
  let enough = PARSE_BATCH;
  let parser: Papa.Parser | undefined;
  let records = 0;
  try {
    for (;;) {
      const { done, value } = await until(reader.read());
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (!done && pending.length < enough) continue;
      // Records end the way the first one ends; a quoted field may hold either break.
      parser ??= new Papa.Parser({
        delimiter: ",",
        newline: pending[pending.indexOf("\n") - 1] === "\r" ? "\r\n" : "\n",
      });
      // Until the body ends, the last record may be cut off: the parser leaves it, and says
      // where the complete records end.
      const parsed: Papa.ParseResult<string[]> = parser.parse(pending, 0, !done);
      pending = pending.slice(parsed.meta.cursor);
      enough = pending.length + PARSE_BATCH;
      const [problem] = parsed.errors;
      if (problem) {
        throw new RealtimeKitFormatError(
          `${operation}: the CSV file is malformed near record ${records + (problem.row ?? 0) + 1}: ${problem.message}`,
        );
      }
      records += parsed.data.length;
      const batch = parsed.data.filter((fields) => fields.length > 1 || fields[0] !== "");
      if (batch.length > 0) yield batch;
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
