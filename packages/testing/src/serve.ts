// The fake over loopback HTTP, for what cannot take a `fetch`: a subprocess, another runtime,
// another language, a browser, an example pointed at it with an environment variable. Node.js
// (and Bun and Deno, through node:http) only: its own entry, so the fake stays web-standard.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CONTROL_PATH, fakeControls } from "./control.js";
import type { FakeApi } from "./fake.js";
import { MOUNT, type Mountable } from "./mount.js";
import { WEBHOOK_KEY_PATH } from "./webhooks.js";

export {
  CONTROL_PATH,
  type ControlMount,
  type FakeDescription,
  fakeControls,
  type SignedDelivery,
} from "./control.js";

/** The fake served over HTTP on loopback, for a runtime or a process that cannot call it in place. */
export interface ServedFakeApi {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The API root to give a client, the fake's own path under `url` (such as `/client/v4`). */
  readonly baseUrl: string;
  /** Where the download links of answers served here point: `<url>/storage`. */
  readonly storageUrl: string;
  /**
   * Where the key the fake signs webhook deliveries with is served: give it to a verifier (a
   * Worker's `REALTIMEKIT_WEBHOOK_KEY_URL`) as `keyUrl`.
   */
  readonly keyUrl: string;
  /** Stops serving, dropping open connections. */
  close(): Promise<void>;
  /** `close()`, for `await using served = await serveFakeApi(fake)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** How `serveFakeApi` serves the fake. */
export interface ServeOptions {
  /** Answers each request instead of `fake.fetch`: a wrapper that delays or rewrites its answers. */
  handle?: ((request: Request) => Promise<Response>) | undefined;
  /** @default 0, any free port */
  port?: number | undefined;
}

/**
 * Serves `fake` on a loopback port: its API under `baseUrl`, its download links and its webhook
 * key under `storageUrl`, and its controls under `<url>/__fake` (`GET` describes it; `POST
 * /__fake/sessions/<id>/end` ends a session; `POST /__fake/deliveries` with `{ event, session }`
 * signs a delivery). A fault injected with `network` drops the connection, as a real one would.
 *
 * @example
 * await using served = await serveFakeApi(createFakeApi({ sessions: 3 }));
 * // CLOUDFLARE_BASE_URL=${served.baseUrl} node my-script.js
 */
export async function serveFakeApi(fake: FakeApi, options: ServeOptions = {}): Promise<ServedFakeApi> {
  const register = (fake as FakeApi & Mountable)[MOUNT];
  if (!register) throw new TypeError("serveFakeApi(): serves a fake made by createFakeApi()");
  const api = options.handle ?? ((request: Request) => fake.fetch(request));
  let controls: ReturnType<typeof fakeControls> | undefined;
  const handle = async (request: Request) => {
    const { pathname } = new URL(request.url);
    return controls && (pathname === CONTROL_PATH || pathname.startsWith(`${CONTROL_PATH}/`))
      ? controls(request, pathname.slice(CONTROL_PATH.length))
      : api(request);
  };
  const server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Readable.toWeb(req);
    try {
      const response = await handle(
        new Request(`http://${req.headers.host}${req.url}`, {
          method: req.method ?? "GET",
          headers,
          ...(body ? { body: body as ReadableStream, duplex: "half" } : {}),
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) await pipeline(Readable.fromWeb(response.body as never), res);
      else res.end();
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mount = { baseUrl: `${url}${new URL(fake.baseUrl).pathname.replace(/\/$/, "")}`, storageUrl: `${url}/storage` };
  const unmount = register(mount);
  controls = fakeControls(fake, mount);
  const close = () =>
    new Promise<void>((resolve, reject) => {
      unmount();
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { url, ...mount, keyUrl: `${mount.storageUrl}${WEBHOOK_KEY_PATH}`, close, [Symbol.asyncDispose]: close };
}
