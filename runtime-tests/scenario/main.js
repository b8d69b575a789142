// The scenario as a program, for Node.js, Bun and Deno: its result as one line of JSON.
// The loopback origin of the served fake comes as the first argument.
import { runScenario } from "./scenario.js";

const runtime = /** @type {{ Deno?: { args: string[] } }} */ (/** @type {unknown} */ (globalThis));
const [networkUrl] = runtime.Deno ? runtime.Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await runScenario({ networkUrl })));
