// A real HTTP server on an ephemeral loopback port, for a test to answer requests as it likes
// and see what came.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request so far, in order. */
  requests: ReceivedRequest[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a server whose `reply` answers every request once its body has arrived. */
export async function startServer(
  reply: (response: ServerResponse, request: ReceivedRequest) => void,
): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers };
    requests.push(recorded);
    req.resume();
    req.on("end", () => reply(res, recorded));
  });
  return listen(server, requests);
}

/** Answers with `body` as JSON (or as text, when it is a string) and `status`. */
export function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Listens on a free loopback port; closing drops open connections, so no test waits on one. */
async function listen(server: Server, requests: ReceivedRequest[]): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { url: `http://127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}
