/** Internal: an async iterator fed by pushes (one per live subscription), bounded so a slow client cannot grow memory. */
export interface PushIterator<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
}

/** `onClose` runs once when the consumer stops (client unsubscribes or disconnects). */
export function createPushIterator<T>(onClose: () => void, maxQueued = 1_000): PushIterator<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let closed = false;
  const close = (): IteratorResult<T> => {
    if (!closed) {
      closed = true;
      onClose();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return { value: undefined, done: true };
  };
  return {
    push(value) {
      if (closed) return;
      if (waiting) {
        waiting({ value, done: false });
        waiting = undefined;
        return;
      }
      queue.push(value);
      if (queue.length > maxQueued) queue.shift();
    },
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
      if (closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => Promise.resolve(close()),
    throw: (error) => {
      close();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
