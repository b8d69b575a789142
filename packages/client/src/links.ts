// Opening the file behind a short-lived download link: fetched with the client's fetch, timeout
// and deadline but never with its credentials or headers, which are for the API alone; a link
// that expired, or that the storage host refuses, renewed once.
import { type AttemptPolicy, anyOf, attempt, failureOf, startDeadline, within } from "./attempt.js";
import { csvBatches } from "./csv.js";
import { RealtimeKitConnectionError, RealtimeKitError, RealtimeKitFormatError } from "./errors.js";
import { loggable } from "./log.js";
import { type CallOptions, policyOf, type Settings } from "./options.js";

/** A download link and when it stops working (ISO 8601). */
export interface Link {
  url: string;
  expiry: string;
}

/** The storage host behind a download link refused it, even after the link was renewed. */
export class RealtimeKitDownloadError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitDownloadError";
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** An open download: the storage host's answer, and ways to read its body that fail only with a RealtimeKitError. */
export interface Download {
  response: Response;
  read<T>(reader: (response: Response) => Promise<T>): Promise<T>;
  /** The CSV records of the body, in batches. */
  batches(): AsyncGenerator<string[][], void, undefined>;
  /** The body's bytes as they arrive. */
  chunks(): AsyncGenerator<Uint8Array, void, undefined>;
}

// What S3-style storage answers for an expired or otherwise refused signature.
const REFUSED_LINK = new Set([400, 401, 403, 410]);

/**
 * Opens the file behind the link `getLink` gives: renewed first when it has expired, and once
 * more when the storage host refuses it. `options.deadlineMs` runs from here to the end of the
 * body; redirects of the storage host are followed, as nothing secret goes with the request.
 */
export async function openLink(
  settings: Settings,
  operation: string,
  getLink: () => Promise<Link>,
  options: CallOptions,
): Promise<Download> {
  const policy = policyOf(settings, operation, options);
  const deadline = startDeadline(policy.deadlineMs);
  policy.deadline = deadline;
  try {
    let link = await getLink();
    let renewed = false;
    // An expiry that is not a time (none was given) does not count as passed.
    if (Date.parse(link.expiry) <= Date.now()) {
      link = await getLink();
      renewed = true;
    }
    for (;;) {
      const origin = linkOrigin(operation, link.url);
      const started = Date.now();
      const init = { method: "GET", headers: {}, redirect: "follow" } as const;
      const { response } = await attempt(settings.fetch, link.url, init, policy, 1, false);
      if (policy.settings.log.debugging) {
        const line = `GET ${loggable(link.url)} -> ${response.status} in ${Date.now() - started} ms`;
        policy.settings.log.debug(line, policy.secrets);
      }
      if (response.ok) return downloadOf(operation, response, origin, policy);
      await response.body?.cancel().catch(() => {});
      if (renewed || !REFUSED_LINK.has(response.status)) {
        throw new RealtimeKitDownloadError(
          `${operation}: the storage host answered HTTP ${response.status} for the download link${renewed ? ", also after it was renewed" : ""}`,
          response.status,
        );
      }
      link = await getLink();
      renewed = true;
    }
  } catch (error) {
    deadline?.clear();
    throw error;
  }
}

/** The origin of a download link, which errors may name; the link itself carries a signature. */
function linkOrigin(operation: string, url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new RealtimeKitFormatError(`${operation}: the API's download link is not an http(s) URL`);
  }
  return parsed.origin;
}

/**
 * Wraps the storage host's answer so that reading its body fails only with a
 * `RealtimeKitError`: the caller's abort, the deadline, or the connection breaking off
 * half-way. The download's deadline ends with its body.
 */
function downloadOf(operation: string, response: Response, origin: string, policy: AttemptPolicy): Download {
  // The body must end by the deadline or the caller's abort, even if the stream ignores them.
  const stop = anyOf([policy.signal, policy.deadline?.signal]);
  const until = <T>(promise: Promise<T>) => within(promise, stop);
  const failure = (cause: unknown): RealtimeKitError => {
    const error = failureOf(policy, cause, 1, false);
    return error instanceof RealtimeKitConnectionError && !(cause instanceof RealtimeKitError)
      ? new RealtimeKitConnectionError(`${operation}: the download from ${origin} broke off before its end`, { cause })
      : error;
  };
  return {
    response,
    async read(reader) {
      try {
        return await until(reader(response));
      } catch (cause) {
        throw failure(cause);
      } finally {
        policy.deadline?.clear();
      }
    },
    async *batches() {
      try {
        yield* csvBatches(operation, response, until);
      } catch (cause) {
        throw failure(cause);
      } finally {
        policy.deadline?.clear();
      }
    },
    async *chunks() {
      const reader = response.body?.getReader();
      try {
        for (;;) {
          const chunk = reader && (await until(reader.read()));
          if (!chunk || chunk.done) return;
          yield chunk.value;
        }
      } catch (cause) {
        throw failure(cause);
      } finally {
        policy.deadline?.clear();
        await reader?.cancel().catch(() => {});
      }
    },
  };
}
