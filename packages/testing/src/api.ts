// The API's side of the fake, in the order the real service decides: an injected fault, the
// rate limit, the gateway's credentials, the route, the parameters, the account and app, and
// then the operation's answer, in the gateway's or the service's envelope.
import type { OperationName } from "@realtimekit-sessions/client/operations";
import { type Body, defaultError, gatewayError, serviceError, success } from "./envelopes.js";
import type { Faults } from "./faults.js";
import type { Mount } from "./mount.js";
import type { RateLimiter } from "./rate-limit.js";
import { authenticated, routeOf } from "./router.js";
import type { Handler } from "./routes.js";
import { invalidParameter } from "./validate.js";

export interface ApiOptions {
  routes: Record<OperationName, Handler>;
  faults: Faults;
  limiter: RateLimiter | undefined;
  accountId: string;
  appId: string;
  apiToken: string | undefined;
}

export interface Api {
  /** Answers `request`, sent to `mount`; `routed` learns the operation as soon as it is known. */
  serve(
    request: Request,
    url: URL,
    mount: Mount,
    routed: (operation: OperationName | undefined) => void,
  ): Promise<Response>;
}

export function createApi({ routes, faults, limiter, accountId, appId, apiToken }: ApiOptions): Api {
  let rays = 0;
  const answer = (status: number, body: Body | string | null, headers: Record<string, string> = {}): Response => {
    const json = body !== null && typeof body !== "string";
    return new Response(json ? JSON.stringify(body) : body, {
      status,
      headers: {
        ...(json ? { "content-type": "application/json" } : {}),
        "cf-ray": `${(++rays).toString(16).padStart(16, "0")}-FAKE`,
        ...headers,
      },
    });
  };
  const unrouted = (path: string, headers: Record<string, string>) =>
    answer(404, gatewayError(7003, `Could not route to ${path}, perhaps your object identifier is invalid?`), headers);

  // The path of each base URL (such as `/client/v4`), worked out once per mount.
  const basePaths = new WeakMap<Mount, number>();
  const basePathLength = (mount: Mount) => {
    let length = basePaths.get(mount);
    if (length === undefined) {
      length = new URL(mount.baseUrl).pathname.replace(/\/$/, "").length;
      basePaths.set(mount, length);
    }
    return length;
  };

  return {
    async serve(request, url, mount, routed) {
      const path = url.pathname.slice(basePathLength(mount));
      const route = routeOf(request.method, path);
      routed(route?.name);

      const fault = route && faults.take(route.name);
      if (fault?.network) {
        throw new TypeError("fetch failed", { cause: new Error("connection reset (injected with fake.fail)") });
      }
      const limit = limiter?.take();
      const limitHeaders = limit?.headers ?? {};
      if (fault) {
        const status = fault.status ?? 500;
        const body = fault.body === undefined ? defaultError(status) : fault.body;
        return answer(status, typeof body === "string" ? body : (body as Body), {
          ...limitHeaders,
          ...(fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {}),
          ...fault.headers,
        });
      }
      if (limit && !limit.allowed) return answer(429, defaultError(429), limitHeaders);
      if (!authenticated(request.headers, apiToken)) {
        return answer(401, gatewayError(10000, "Authentication error"), limitHeaders);
      }
      if (!route) return unrouted(path, limitHeaders);
      const params = route.paramsOf(path);
      const invalid = invalidParameter(route.operation, params, url.searchParams);
      if (invalid) return answer(invalid.status, serviceError(invalid.status, invalid.message), limitHeaders);
      if (params.account_id !== accountId) return unrouted(`/accounts/${params.account_id}/realtime/kit`, limitHeaders);
      if (params.app_id !== appId) {
        return answer(403, serviceError(403, "You do not have access to this app"), limitHeaders);
      }
      const result = routes[route.name](params, url.searchParams, mount.storageUrl);
      return "error" in result
        ? answer(result.error.status, serviceError(result.error.status, result.error.message), limitHeaders)
        : answer(200, success(result.data, result.extra), limitHeaders);
    },
  };
}
