// The time limits every package's vitest.config.ts spreads into its `test` options.
//
// A limit that a slow test can reach measures the machine, not the code: the same run that
// passes on an idle laptop fails on a CI runner whose cores are busy. So no test carries its
// own limit; this one is far above anything a loaded machine makes of a passing test, and only
// ends a test (or a hook: starting Prism, packing and installing the packages) that hangs.
// What a test promises about time (a call settles by its deadline, a pacer waits for the window)
// it asserts on a captured or virtual clock (the test kit's), never on elapsed wall time.
//
// A file at the root, imported by relative path, rather than a module of the test kit: vitest
// bundles a config's relative imports, but leaves a linked package's to Node.js, which cannot
// load TypeScript.
const HANG_MS = 15 * 60_000;

export const HANG_GUARD = { testTimeout: HANG_MS, hookTimeout: HANG_MS } as const;
