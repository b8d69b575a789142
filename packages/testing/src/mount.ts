// Where else a fake answers, beside its own `baseUrl` and `storageUrl`: a server that serves it
// (`serveFakeApi`) registers its own pair, and the links the fake answers a request with point
// at the storage URL of the pair the request came through. Not part of the fake's public type:
// a method under a registered symbol, so that a fake made by one build of this package (its ES
// module) can be served by another (its CommonJS build).

export const MOUNT: unique symbol = Symbol.for("@realtimekit-sessions/testing.mount") as never;

export interface Mount {
  baseUrl: string;
  storageUrl: string;
}

/** A fake, seen by what serves it. */
export interface Mountable {
  /** Answers at `mount` too, until the returned function is called. */
  [MOUNT]?: (mount: Mount) => () => void;
}
