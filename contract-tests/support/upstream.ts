// A stand-in for the real API on 127.0.0.1: it answers every operation of the spec at the
// spec's paths (base path /client/v4 included) with the spec's first 200 example, unless an
// override says otherwise. Live mode is proven against it.
import type { ServerResponse } from "node:http";
import { examplesOf, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { send, startServer, type TestServer } from "@realtimekit-sessions/test-kit";

export type Override = (response: ServerResponse) => void;

export interface Upstream extends Omit<TestServer, "url"> {
  /** The upstream's API root, `http://127.0.0.1:<port>/client/v4`. */
  url: string;
}

const routes = operationsOf(spec).map((operation) => ({
  operation,
  method: operation.method.toUpperCase(),
  pattern: new RegExp(`^/client/v4${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  example: examplesOf(operation, "200")[0]?.value,
}));

export function json(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, body);
}

export async function startUpstream(overrides: Record<string, Override> = {}): Promise<Upstream> {
  const server = await startServer((response, request) => {
    const path = new URL(request.url, "http://upstream").pathname;
    const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(path));
    if (!route) return json(response, 404, { success: false, errors: [{ code: 7003, message: "No route" }] });
    const override = overrides[route.operation.operationId];
    if (override) return override(response);
    json(response, 200, route.example);
  });
  return { ...server, url: `${server.url}/client/v4` };
}
