// The client's log: off unless asked for; what it writes never carries a credential.
import { refusal } from "./arguments.js";
import { redact } from "./errors.js";

/**
 * Where the client logs: anything with console's `debug`, such as `console` itself, pino,
 * winston or a test spy. The client writes only debug lines today.
 */
export interface Logger {
  /** One line per request attempt, at `logLevel: "debug"`: method, path, status, time; never a credential. */
  debug(message: string): void;
}

/** How much the client logs: `"debug"` writes a line per request attempt; anything else, nothing today. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/** The client's log: lines below its level are never built, and every line is redacted. */
export interface Log {
  readonly debugging: boolean;
  debug(line: string, secrets: readonly string[]): void;
}

export function createLog(logger: Logger, level: LogLevel): Log {
  const debugging = level === "debug";
  if (debugging && typeof (logger as Partial<Logger> | null)?.debug !== "function") {
    throw refusal("logger", "an object with a debug() method");
  }
  return {
    debugging,
    debug(line, secrets) {
      if (debugging) logger.debug(`[realtimekit-sessions] ${redact(line, secrets)}`);
    },
  };
}

// Query parameters that sign or authorise a URL, such as a download link's X-Amz-Signature.
const SECRET_PARAMETER_RE = /sig|token|key|credential|secret|auth/i;

/** A URL as a log line may show it: path and query, with signing parameters' values redacted. */
export function loggable(url: string): string {
  const { pathname, searchParams, host } = new URL(url);
  for (const name of [...searchParams.keys()]) {
    if (SECRET_PARAMETER_RE.test(name)) searchParams.set(name, "[redacted]");
  }
  const query = searchParams.toString().replaceAll("%5Bredacted%5D", "[redacted]");
  return `${host}${pathname}${query ? `?${query}` : ""}`;
}
