// Reading answers: the success envelope, what each method takes from it and what it refuses,
// and the promise every method returns, which `.withResponse()` opens up.
import { isRecord } from "./errors.js";
import { REQUIRED } from "./generated/required.js";
import { type RateLimit, rateLimitOf } from "./rate-limit.js";

/**
 * What a method makes of a 2xx answer's body: the value it resolves to, or a refusal, with
 * the reason when there is one more precise than "not a success envelope".
 */
export type Accepted<T> = { value: T } | { problem?: string | undefined };

type Body = Record<string, unknown>;

/** JSON when `text` is JSON, else `text` itself, so an error can say what came back. */
export function parseLoosely(text: string | undefined): unknown {
  if (!text) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Accepts a success envelope `{ success: true, data: { ... } }` and hands its body and `data`
 * to `take`, which says what the method resolves to. Anything else is refused as a whole.
 */
export function envelope<T>(take: (data: Body, body: Body) => T | string): (text: string | undefined) => Accepted<T> {
  return (text: string | undefined): Accepted<T> => {
    const body = parseLoosely(text);
    if (!isRecord(body) || body.success === false || !isRecord(body.data)) return {};
    const value = take(body.data, body);
    return typeof value === "string" ? { problem: `a success envelope without ${value}` } : { value };
  };
}

/**
 * A page of a list: `data` when `data[key]` is a list of objects each with what the types
 * promise of a `schema`, with its `paging` read from `data.paging` or, failing that, the
 * body's; else the refusal naming the list, or the item and the field.
 */
export function list<T>(key: string, schema: Promised): (text: string | undefined) => Accepted<T> {
  return envelope<T>((data, body) => {
    const items = data[key];
    const problem = Array.isArray(items) ? each(items, schema, `data.${key}`) : `data.${key} (a list of objects)`;
    return problem ?? ({ ...data, paging: [data.paging, body.paging].find(isRecord) } as T);
  });
}

/** An object of an answer whose fields the types promise (spec/openapi.yaml's `required`). */
export type Promised = keyof typeof REQUIRED;

/** Each schema's fields, split once: an answer of 100 sessions checks each against them. */
const FIELDS: Partial<Record<Promised, string[]>> = {};

/**
 * The refusal of `item` when it lacks a field the types promise of a `schema` (a participant's
 * peer events too): where it is (`where`, and `[index]` in a list), and the field
 * (`data.participants[2].user_id`). Nothing is built for an item that has them all.
 */
export function lacking(item: Body, schema: Promised, where: string, index?: number): string | undefined {
  const at = () => (index === undefined ? where : `${where}[${index}]`);
  const fields = FIELDS[schema] ?? REQUIRED[schema].split(" ");
  FIELDS[schema] = fields;
  for (const field of fields) {
    if (item[field] == null) return `${at()}.${field}`;
  }
  const events = item.peer_events;
  return schema !== "Session" && Array.isArray(events) ? each(events, "PeerEvent", `${at()}.peer_events`) : undefined;
}

/** The refusal of the first of `items` that is not an object with what the types promise. */
function each(items: unknown[], schema: Promised, where: string): string | undefined {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const problem = isRecord(item) ? lacking(item, schema, where, index) : `${where} (a list of objects)`;
    if (problem) return problem;
  }
  return undefined;
}

/** `data` when each of `fields` is a string, such as a download link's; else the refusal naming the first that is not. */
export function strings<T>(...fields: string[]): (text: string | undefined) => Accepted<T> {
  return envelope<T>((data) => {
    const absent = fields.find((field) => typeof data[field] !== "string");
    return absent === undefined ? (data as T) : `data.${absent} (a string)`;
  });
}

/** The answer beside the data: for `.withResponse()`. */
export interface WithResponse<T> {
  data: T;
  /** The API's answer, its body already read. `response.headers.get("cf-ray")` names the request. */
  response: Response;
  /** The rate-limit state the answer reported, or undefined when it carried none. */
  rateLimit: RateLimit | undefined;
}

/**
 * What every method returns: a promise of the data, which `.withResponse()` opens up to the
 * answer and its rate-limit state. The call is made once, whichever of the two is awaited.
 */
export interface ApiPromise<T> extends Promise<T> {
  /** The data with the answer it came in, and the rate-limit state that answer reported. */
  withResponse(): Promise<WithResponse<T>>;
}

/**
 * `data` itself, a plain promise that costs nothing more to await, given `.withResponse()`:
 * `answered.response` is the answer `data` came in, set before `data` resolves.
 */
export function apiPromise<T>(data: Promise<T>, answered: { response: Response }): ApiPromise<T> {
  const promise = data as ApiPromise<T>;
  promise.withResponse = () =>
    data.then((value) => ({ data: value, ...answered, rateLimit: rateLimitOf(answered.response.headers) }));
  return promise;
}
