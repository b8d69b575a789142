// A stand-in for the real API on 127.0.0.1: it answers every operation of the spec at the
// spec's paths (base path /client/v4 included) with the spec's first 200 example, unless an
// override says otherwise. Live mode is proven against it.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { examplesOf, operationsOf, spec } from "./spec.js";

export type Override = (response: ServerResponse) => void;

export interface Upstream {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const routes = operationsOf(spec).map((operation) => ({
  operation,
  method: operation.method.toUpperCase(),
  pattern: new RegExp(`^/client/v4${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  example: examplesOf(operation, "200")[0]?.value,
}));

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startUpstream(overrides: Record<string, Override> = {}): Promise<Upstream> {
  const requests: Upstream["requests"] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://upstream").pathname;
    requests.push({ method: request.method ?? "", path, headers: request.headers });
    request.resume();
    const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(path));
    if (!route) return json(response, 404, { success: false, errors: [{ code: 7003, message: "No route" }] });
    const override = overrides[route.operation.operationId];
    if (override) return override(response);
    json(response, 200, route.example);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/client/v4`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
