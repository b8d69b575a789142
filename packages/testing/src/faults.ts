// Faults a test asks for with `fake.fail()`: per operation, a queue of the next answers to
// give instead of the real ones (a status, a body, a broken connection).
import type { OperationName } from "@realtimekit-sessions/client/operations";
import { ROUTES } from "./generated/operations.js";

/** The failures `fake.fail(operation, options)` queues for the next calls of an operation. */
export interface FaultOptions {
  /** The status to answer with (200 to 599); ignored with `network`. @default 500 */
  status?: number | undefined;
  /** How many of the next calls fail. @default 1 */
  times?: number | undefined;
  /** A `Retry-After` header, in seconds. */
  retryAfter?: number | undefined;
  /**
   * The body: an object or array is sent as JSON, a string as it is (an HTML page, as the
   * edge sometimes sends), `null` as no body at all. @default the API's envelope for the status
   */
  body?: unknown;
  /** More response headers. */
  headers?: Record<string, string> | undefined;
  /** Fail like a broken connection: `fetch` rejects with a `TypeError`, and no answer comes. */
  network?: boolean | undefined;
}

export interface Fault extends FaultOptions {
  left: number;
}

export interface Faults {
  /** Queues `fault` for the next calls of `operation`, after checking it. */
  add(operation: OperationName, fault: FaultOptions): void;
  /** The fault for this call of `operation`, if one is queued. */
  take(operation: OperationName): Fault | undefined;
}

export function createFaults(): Faults {
  const queues = new Map<string, Fault[]>();
  return {
    add(operation, fault) {
      if (!Object.hasOwn(ROUTES, operation)) {
        throw new TypeError(
          `fake.fail(): unknown operation ${JSON.stringify(operation)}; one of ${Object.keys(ROUTES).join(", ")}`,
        );
      }
      const status = fault.status ?? 500;
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        throw new TypeError(`fake.fail(): status must be a whole number from 200 to 599, not ${status}`);
      }
      const times = fault.times ?? 1;
      if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
        throw new TypeError(`fake.fail(): times must be a whole number above 0, or Infinity, not ${times}`);
      }
      const queue = queues.get(operation) ?? [];
      queue.push({ ...fault, left: times });
      queues.set(operation, queue);
    },
    take(operation) {
      const queue = queues.get(operation);
      const fault = queue?.[0];
      if (!queue || !fault) return undefined;
      if (--fault.left <= 0) queue.shift();
      return fault;
    },
  };
}
