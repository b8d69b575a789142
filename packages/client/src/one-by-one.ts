// Handing out a file's rows one at a time, cheaply. A row already in hand costs one resolved
// promise; a chain of async generators costs a promise, a result and a resumption per row in
// every generator between the file and the caller. At a million rows that garbage is what the
// collector spends its time on, copying the batch being handed out at every collection.

/**
 * The items of `batches`, one at a time, with the behaviour of an async generator: calls of
 * `next()` are answered in order, `return()` and `throw()` end the source (releasing what it
 * holds, such as a download), and after a failure or the end every call reports done.
 */
export function oneByOne<T>(
  batches: AsyncGenerator<readonly T[], void, undefined>,
): AsyncGenerator<T, void, undefined> {
  let batch: readonly T[] = [];
  let index = 0;
  let finished = false;
  // The pull or close in flight: every call after it waits its turn.
  let busy: Promise<unknown> | undefined;

  const done = (): IteratorReturnResult<void> => ({ value: undefined, done: true });
  const pull = async (): Promise<IteratorResult<T, void>> => {
    while (index >= batch.length) {
      if (finished) return done();
      try {
        const next = await batches.next();
        if (next.done) finished = true;
        else [batch, index] = [next.value, 0];
      } catch (error) {
        finished = true;
        throw error;
      }
    }
    return { value: batch[index++] as T, done: false };
  };
  const close = async (): Promise<IteratorReturnResult<void>> => {
    const wasOpen = !finished;
    [finished, batch] = [true, []];
    if (wasOpen) await batches.return();
    return done();
  };
  /** Runs `step` after whatever is in flight, and marks it in flight until it settles. */
  const inTurn = <R>(step: () => Promise<R>): Promise<R> => {
    const turn = busy ? busy.then(step, step) : step();
    busy = turn;
    const clear = () => {
      if (busy === turn) busy = undefined;
    };
    turn.then(clear, clear);
    return turn;
  };

  const iterator: AsyncGenerator<T, void, undefined> = {
    next() {
      // The fast path: nothing in flight and the item already here.
      if (!busy && index < batch.length) return Promise.resolve({ value: batch[index++] as T, done: false });
      return inTurn(pull);
    },
    return() {
      return inTurn(close);
    },
    throw(error: unknown) {
      return inTurn(async () => {
        await close();
        throw error;
      });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  // `await using rows = ...` ends the source too, where the runtime has explicit resource management.
  const asyncDispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
  if (asyncDispose) Object.defineProperty(iterator, asyncDispose, { value: () => iterator.return() });
  return iterator;
}
