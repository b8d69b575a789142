// What must not compile: the client's types come from the spec, so a query field or enum
// value the spec does not have is a type error, not a runtime surprise.
import {
  type CallOptions,
  createSessionsClient,
  type ListSessionsQuery,
  type Session,
  type SessionsClient,
} from "@realtimekit-sessions/client";
import { assertType, expectTypeOf, test } from "vitest";

declare const client: SessionsClient;

test("listSessions takes only the spec's query fields", () => {
  assertType(client.listSessions({ per_page: 10, sort_by: "createdAt", status: "LIVE" }));
  // @ts-expect-error -- `limit` is not a parameter of listSessions (it is `per_page`)
  assertType(client.listSessions({ limit: 10 }));
  // @ts-expect-error -- `view` belongs to listParticipants, not listSessions
  assertType(client.listSessions({ view: "raw" }));
});

test("enum parameters take only the spec's values", () => {
  // @ts-expect-error -- sort_order is "ASC" or "DESC"
  assertType(client.listSessions({ sort_order: "asc" }));
  // @ts-expect-error -- status is "LIVE" or "ENDED"
  assertType(client.listSessions({ status: "RUNNING" }));
  // @ts-expect-error -- participants sort by "joinedAt" or "duration"
  assertType(client.listParticipants("id", { sort_by: "createdAt" }));
  // @ts-expect-error -- transcripts come as SRT, VTT, JSON or CSV
  assertType(client.getTranscriptDownload("id", { format: "TXT" }));
  // @ts-expect-error -- filters has a fixed set of report sections
  assertType(client.getPeerReport("id", { filters: "everything" }));
  expectTypeOf<ListSessionsQuery["sort_by"]>().toEqualTypeOf<"minutesConsumed" | "createdAt" | undefined>();
});

test("parameters have the spec's types", () => {
  // @ts-expect-error -- per_page is a number
  assertType(client.listSessions({ per_page: "10" }));
  // @ts-expect-error -- include_breakout_rooms is a boolean
  assertType(client.getSession("id", { include_breakout_rooms: "yes" }));
});

test("path ids are required arguments", () => {
  // @ts-expect-error -- getParticipant needs the session id and the participant id
  assertType(client.getParticipant("session-id"));
  // @ts-expect-error -- operations without a query take the call options second
  assertType(client.getChatDownload("id", { format: "CSV" }));
});

test("per-call options and client options are checked", () => {
  expectTypeOf<CallOptions["signal"]>().toEqualTypeOf<AbortSignal | undefined>();
  // @ts-expect-error -- retries is a number
  assertType(createSessionsClient({ apiToken: "t", retries: "2" }));
  // @ts-expect-error -- the option is apiToken, not token
  assertType(createSessionsClient({ token: "t" }));
});

test("results carry the spec's response types", () => {
  expectTypeOf(client.getSession).returns.resolves.toEqualTypeOf<Session>();
  expectTypeOf<Session["status"]>().toEqualTypeOf<"LIVE" | "ENDED">();
  expectTypeOf<Session["type"]>().toEqualTypeOf<"meeting" | "livestream" | "participant">();
});
