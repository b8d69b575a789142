/** `testTimeout` and `hookTimeout` that only a hang reaches; see vitest.js. */
export declare const HANG_GUARD: { readonly testTimeout: number; readonly hookTimeout: number };
