// Checks an API answer against spec/openapi.yaml with a real JSON Schema validator (Ajv,
// 2020-12, formats included). The operation is found from the request's method and path by the
// spec's own path templates, not by whatever produced the answer, so a routing mistake there
// cannot hide itself. Used by the fake's tests and by the contract tests run against it.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type Json, type JsonObject, object, operationsOf, responseOf, spec } from "./spec.js";

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats.default(ajv);
ajv.addSchema(spec as object, "spec");

const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

const OPERATIONS = operationsOf(spec).map((operation) => ({
  ...operation,
  regex: new RegExp(`^${operation.path.replace(/\{\w+\}/g, "[^/]+")}$`),
  literalFirst: operation.path.split("/").map((segment) => !segment.startsWith("{")),
}));
// Where two templates match one path, the one with a literal where the other has a parameter.
OPERATIONS.sort((a, b) => {
  const index = a.literalFirst.findIndex((literal, position) => literal !== b.literalFirst[position]);
  return index === -1 ? 0 : a.literalFirst[index] ? -1 : 1;
});

const validators = new Map<string, ValidateFunction>();

/** The documented response of an operation for a status (an exact one, or its `5XX` range). */
function documented(operation: (typeof OPERATIONS)[number], status: number): { ref: string; headers: JsonObject } {
  const responses = object(operation.definition.responses);
  const key = String(status) in responses ? String(status) : `${String(status)[0]}XX`;
  const response = object(responses[key] as Json);
  if (Object.keys(response).length === 0) throw new Error(`${operation.operationId} documents no ${status}`);
  const base =
    typeof response.$ref === "string"
      ? response.$ref.slice(1)
      : `/${pointer("paths", operation.path, operation.method, "responses", key)}`;
  return {
    ref: `spec#${base}/content/application~1json/schema`,
    headers: object(responseOf(spec, operation, key).headers),
  };
}

export interface Checked {
  operationId: string;
  status: number;
}

/** What is wrong with an API answer by the spec, as readable lines; empty when nothing is. */
export async function problemsOf(
  request: Request,
  response: Response,
): Promise<{ checked?: Checked; problems: string[] }> {
  const path = new URL(request.url).pathname.replace(/^\/client\/v4/, "");
  const operation = OPERATIONS.find(
    (candidate) => candidate.method === request.method.toLowerCase() && candidate.regex.test(path),
  );
  if (!operation) return { problems: [`${request.method} ${path} is no operation of the spec`] };
  const { status } = response;
  const problems: string[] = [];
  let ref: string;
  let headers: JsonObject;
  try {
    ({ ref, headers } = documented(operation, status));
  } catch (error) {
    return { problems: [(error as Error).message] };
  }
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  const where = `${operation.operationId} ${status}`;
  const json = response.headers.get("content-type") === "application/json";
  // The spec allows the edge's empty or HTML bodies on a failure, never on a success.
  if (!json && status < 400) problems.push(`${where}: content-type ${response.headers.get("content-type")}`);
  const body: unknown = json ? await response.clone().json() : undefined;
  if (json && !validate(body)) {
    problems.push(...(validate.errors ?? []).map((error) => `${where}: body${error.instancePath} ${error.message}`));
  }
  for (const name of response.headers.keys()) {
    const declared = Object.keys(headers).find((header) => header.toLowerCase() === name);
    if (/^(ratelimit|retry-after)/.test(name) && !declared) problems.push(`${where}: header ${name} is not documented`);
  }
  return { checked: { operationId: operation.operationId, status }, problems };
}

/** The problems of a webhook delivery's payload against the spec's `webhooks` entry for `event` (none when it is valid). */
export function webhookProblems(event: string, payload: unknown): string[] {
  const ref = `spec#/${pointer("webhooks", event, "post", "requestBody", "content", "application/json", "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`the spec has no webhook ${event}`);
    validators.set(ref, validate);
  }
  return validate(payload)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message}`);
}
