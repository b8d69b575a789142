// Checks a request's parameters the way the spec declares them (the generated operation table),
// answering as the service does: 400 for a value of the wrong type, 422 for one it cannot accept.
import type { OperationSpec, ParameterSpec } from "./operation-table.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 3339 date-time, as JSON Schema's `format: date-time` means it.
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface Invalid {
  status: 400 | 422;
  message: string;
}

/** Path parameters by name, and the query's values by name (the first of repeated ones). */
export type Values = Record<string, string>;

export function invalidParameter(operation: OperationSpec, path: Values, query: URLSearchParams): Invalid | undefined {
  for (const parameter of operation.parameters) {
    const value = parameter.in === "path" ? path[parameter.name] : query.get(parameter.name);
    // page_no and per_page allow an empty value, which means "not given"; for the others, an
    // empty value is a value, checked like any other (`filters=` is not a section).
    if (value === undefined || value === null || (value === "" && parameter.schema.type === "number")) {
      if (parameter.required) return { status: 400, message: `Missing required ${where(parameter)}` };
      continue;
    }
    const problem = problemOf(parameter, value);
    if (problem)
      return { status: problem.status, message: `Invalid value for ${where(parameter)}: ${problem.message}` };
  }
  return undefined;
}

function where(parameter: ParameterSpec): string {
  return `${parameter.in} parameter "${parameter.name}"`;
}

function problemOf(parameter: ParameterSpec, value: string): Invalid | undefined {
  const { schema } = parameter;
  if (schema.type === "number") {
    const number = Number(value);
    if (!Number.isFinite(number)) return { status: 400, message: "must be a number" };
    if (schema.minimum !== undefined && number < schema.minimum) {
      return { status: 422, message: `must be at least ${schema.minimum}` };
    }
    // A page number or size past what a page offset can count: the service refuses it.
    if (number > Number.MAX_SAFE_INTEGER) return { status: 422, message: `must be at most ${Number.MAX_SAFE_INTEGER}` };
    return undefined;
  }
  if (schema.type === "boolean") {
    return value === "true" || value === "false" ? undefined : { status: 400, message: "must be true or false" };
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return { status: 422, message: `must be one of ${schema.enum.join(", ")}` };
  }
  if (schema.format === "uuid" && !UUID_RE.test(value)) return { status: 422, message: "must be a UUID" };
  if (schema.format === "date-time" && !(DATE_TIME_RE.test(value) && Number.isFinite(Date.parse(value)))) {
    return { status: 422, message: "must be an ISO 8601 date-time, for example 2026-11-01T00:00:00Z" };
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    return { status: 422, message: `must be at most ${schema.maxLength} characters` };
  }
  if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) {
    return { status: 422, message: `must match ${schema.pattern}` };
  }
  return undefined;
}

// Each pattern of the spec, compiled once rather than on every request.
const PATTERNS = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = PATTERNS.get(source);
  if (!pattern) {
    pattern = new RegExp(source, "u");
    PATTERNS.set(source, pattern);
  }
  return pattern;
}
