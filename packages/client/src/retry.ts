// The retry loop and its delay policy: attempts until an answer is accepted or a failure is
// final, waiting between attempts as the server asks or with a backoff.
import { anyOf, attempt, failureOf, permissionRefused, sleep, startDeadline } from "./attempt.js";
import { createApiError, RealtimeKitAbortError, RealtimeKitArgumentError, type RealtimeKitError } from "./errors.js";
import type { Policy } from "./options.js";
import { type Accepted, parseLoosely } from "./parse.js";
import { retryAfterMs } from "./rate-limit.js";

/**
 * Attempts `method url` until `accept` takes a 2xx answer, or a failure is final: a status
 * other than 408, 429 or 5xx (but 501), `policy.retries` retries spent, the caller's abort or
 * the deadline. Each attempt gets its own timer; waits follow `Retry-After` or an exponential
 * backoff with jitter, never above `maxRetryDelayMs`. Resolves to what `accept` took, once
 * `answered.response` is the answer it took it from.
 */
export async function send<T>(
  fetch: ((request: Request) => Promise<Response>) | undefined,
  policy: Policy,
  method: string,
  url: string,
  accept: (text: string | undefined) => Accepted<T>,
  answered: { response: Response },
): Promise<T> {
  const { operation, signal, secrets } = policy;
  const { log, pacer } = policy.settings;
  // The call's own policy object, made for it alone: its attempts run under it.
  const deadline = startDeadline(policy.deadlineMs);
  policy.deadline = deadline;
  try {
    for (let attempts = 1; ; attempts++) {
      let started = Date.now();
      let accepted: Accepted<T> | undefined;
      let failure: RealtimeKitError | undefined;
      let response: Response | undefined;
      let paced: ((response: Response | undefined) => void) | undefined;
      try {
        // The wait for a turn ends only by the caller's signal or the deadline: it is no part of
        // the attempt, whose timer starts after it.
        paced = await pacer?.turn(anyOf([signal, deadline?.signal]));
        started = Date.now();
        const answer = await attempt(fetch, url, { method, headers: policy.headers }, policy, attempts, true);
        response = answer.response;
        accepted = response.ok ? accept(answer.text) : undefined;
        if (!(accepted && "value" in accepted)) {
          failure = createApiError(
            operation,
            response,
            parseLoosely(answer.text),
            secrets,
            attempts,
            accepted?.problem,
          );
        }
      } catch (error) {
        failure = failureOf(policy, error, attempts, false);
      }
      paced?.(response);
      if (log.debugging) {
        // An API URL carries no credential (those go in headers); the line is redacted all the same.
        const outcome = response?.status ?? failure?.message;
        log.debug(
          `${method.toUpperCase()} ${url} -> ${outcome} in ${Date.now() - started} ms (attempt ${attempts})`,
          secrets,
        );
      }
      if (!failure) {
        answered.response = response as Response;
        return (accepted as { value: T }).value;
      }
      // Final whatever the retries: the caller's abort, the deadline, a fetch that is not one,
      // and a runtime that refuses the network.
      if (
        failure instanceof RealtimeKitAbortError ||
        failure instanceof RealtimeKitArgumentError ||
        deadline?.signal.aborted ||
        permissionRefused(failure.cause)
      ) {
        throw failure;
      }
      // No answer at all (a connection failure, a timeout) is worth another attempt.
      const retryable = response ? RETRYABLE_STATUS(response.status) : true;
      if (!retryable || attempts > policy.retries) throw failure;
      const delay = retryDelay(attempts, response, policy);
      log.debug(`${operation}: retrying in ${Math.round(delay)} ms`, secrets);
      try {
        await sleep(delay, [signal, deadline?.signal]);
      } catch (cause) {
        throw failureOf(policy, cause, attempts, false);
      }
    }
  } finally {
    deadline?.clear();
  }
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || (status >= 500 && status !== 501);

/** How long to wait before attempt `attempts + 1`: what the server asked for, or a backoff. */
function retryDelay(attempts: number, response: Response | undefined, policy: Policy): number {
  const asked = retryAfterMs(response?.headers);
  const backoff = policy.settings.retryDelayMs * 2 ** (attempts - 1) * (0.5 + Math.random() / 2);
  return Math.min(asked ?? backoff, policy.settings.maxRetryDelayMs);
}
