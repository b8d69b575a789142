// Which operation a request is for: each path template of the spec as a regex, the literal
// templates before the ones with a parameter where they overlap, and the credentials the
// gateway accepts. The fake's routing, apart from its answers (routes.ts) and its checks of
// parameters (validate.ts).
import type { OperationName } from "@realtimekit-sessions/client/operations";
import { ROUTES } from "./generated/operations.js";
import type { OperationSpec } from "./operation-table.js";

export interface Route {
  name: OperationName;
  operation: OperationSpec;
  /** The path's parameters, decoded. */
  paramsOf(path: string): Record<string, string>;
}

const MATCHERS = (Object.keys(ROUTES) as OperationName[])
  .map((name) => ({ name, operation: ROUTES[name], ...matcherOf(ROUTES[name].path) }))
  // A literal segment before a parameter: `/sessions/peer-report/{peer_id}` before `/sessions/{session_id}/chat`.
  .sort((a, b) => bySpecificity(a.operation.path, b.operation.path));

/** The operation for `method` and `path` (below the base URL), if any. */
export function routeOf(method: string, path: string): Route | undefined {
  return MATCHERS.find((matcher) => matcher.regex.test(path) && matcher.operation.method === method);
}

/** A Bearer token (the expected one, when set), or the legacy e-mail and key pair. */
export function authenticated(headers: Headers, expected: string | undefined): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (token) return expected === undefined || token === expected;
  return expected === undefined && headers.has("x-auth-email") && headers.has("x-auth-key");
}

/** A regex for a path template, and how to read its parameters out of a matching path. */
function matcherOf(template: string) {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const regex = new RegExp(`^${source}/?$`);
  return {
    regex,
    paramsOf(path: string): Record<string, string> {
      const match = regex.exec(path) ?? [];
      return Object.fromEntries(names.map((name, index) => [name, decoded(match[index + 1] ?? "")]));
    },
  };
}

/** A path segment decoded, or as it is when it is not valid percent-encoding. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Orders path templates so that, at the first segment where they differ in kind, a literal comes first. */
function bySpecificity(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const literalA = !left[index]?.startsWith("{");
    const literalB = !right[index]?.startsWith("{");
    if (literalA !== literalB) return literalA ? -1 : 1;
  }
  return 0;
}
