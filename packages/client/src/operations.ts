// The nine operations of the Sessions API, once: the client's methods, their result types, the
// contract cases and live mode's list of operations are derived from this table
// (`@realtimekit-sessions/client/operations`); it fails to compile when an entry names a method or
// path the spec does not have, and the contract tests fail when it misses one the spec has.
import { wellFormed } from "./arguments.js";
import type { paths } from "./generated/schema.js";

/** Every operation by the method name the client gives it: its HTTP method and path in the spec. */
export const OPERATIONS = {
  listSessions: { method: "get", path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions" },
  getSession: { method: "get", path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}" },
  listParticipants: {
    method: "get",
    path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants",
  },
  getParticipant: {
    method: "get",
    path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}",
  },
  getPeerReport: { method: "get", path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/peer-report/{peer_id}" },
  getChatDownload: { method: "get", path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/chat" },
  getTranscriptDownload: {
    method: "get",
    path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/transcript",
  },
  generateSummary: {
    method: "post",
    path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/summary",
  },
  getSummaryDownload: {
    method: "get",
    path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/summary",
  },
} as const;
// Fails to compile when an entry names a method or path the spec does not have.
OPERATIONS satisfies Record<string, { method: "get" | "post"; path: keyof paths }>;

/** The client's name of an operation, such as `"listSessions"`. */
export type OperationName = keyof typeof OPERATIONS;

/** The `data` of an operation's success answer, as the spec describes it: tied to the path, not to a name. */
export type OperationData<Name extends OperationName> = NonNullable<
  paths[(typeof OPERATIONS)[Name]["path"]][(typeof OPERATIONS)[Name]["method"]] extends {
    responses: { 200: { content: { "application/json": infer Body } } };
  }
    ? Body extends { data?: infer Data }
      ? Data
      : never
    : never
>;

/** The query of an operation, as the spec describes it. */
export type OperationQuery<Name extends OperationName> = NonNullable<
  paths[(typeof OPERATIONS)[Name]["path"]][(typeof OPERATIONS)[Name]["method"]] extends {
    parameters: { query?: infer Query };
  }
    ? Query
    : never
>;

/**
 * The URL of an operation: `path` under `baseUrl` with its ids filled in, and `query` (every
 * value a string, number or boolean) after it. It serializes exactly as openapi-fetch's
 * `createFinalURL` does with its defaults, which a test proves, without its weight.
 */
export function urlOf(
  baseUrl: string,
  path: string,
  ids: Record<string, string>,
  query: Record<string, unknown>,
): string {
  // From brace to brace, then the query, by hand: every call takes this path, and measured in
  // place (between network events, caches cold) a split at the braces cost 3 µs more a call.
  let url = baseUrl;
  let from = 0;
  for (let open = path.indexOf("{"); open >= 0; open = path.indexOf("{", from)) {
    const close = path.indexOf("}", open);
    url += path.slice(from, open) + encodeURIComponent(ids[path.slice(open + 1, close)] ?? "");
    from = close + 1;
  }
  url += path.slice(from);
  let separator = "?";
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) {
      url += `${separator}${name}=${encodeURIComponent(wellFormed(name, String(value)))}`;
      separator = "&";
    }
  }
  return url;
}
