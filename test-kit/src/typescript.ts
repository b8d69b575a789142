// How a user's strictest project compiles the examples the READMEs show: each README test writes
// these options into the folder of examples it typechecks.

/** `tsconfig.json` for a folder of `.ts` examples, typechecked as a strict NodeNext project would. */
export const STRICT_EXAMPLES_TSCONFIG = {
  compilerOptions: {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    target: "ES2022",
    lib: ["ES2023", "ESNext.Disposable", "DOM", "DOM.AsyncIterable"],
    types: ["node"],
    module: "nodenext",
    moduleResolution: "nodenext",
    skipLibCheck: true,
  },
  include: ["*.ts"],
} as const;
