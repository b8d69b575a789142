// What a call failed with, as a value a test can assert on: a test of a failure fails loudly
// when the call does not fail at all.

/**
 * The reason `promise` rejected with; throws when it resolved instead, or, given a class, when
 * the reason is not an instance of it (the reason is then typed as one).
 */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown>;
export async function rejectionOf<T>(
  promise: PromiseLike<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T>;
export async function rejectionOf(
  promise: PromiseLike<unknown>,
  type?: abstract new (...args: never[]) => unknown,
): Promise<unknown> {
  const settled = await Promise.resolve(promise).then(
    (value) => ({ rejected: false as const, value }),
    (reason: unknown) => ({ rejected: true as const, reason }),
  );
  if (!settled.rejected) throw new Error(`expected a rejection, but it resolved with ${describe(settled.value)}`);
  if (type && !(settled.reason instanceof type)) {
    throw new Error(`expected a rejection with a ${type.name}, but got ${String(settled.reason)}`, {
      cause: settled.reason,
    });
  }
  return settled.reason;
}

/** What `run` threw; throws when it returned instead. */
export function thrownBy(run: () => unknown): unknown {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    return error;
  }
  throw new Error(`expected a throw, but it returned ${describe(value)}`);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
