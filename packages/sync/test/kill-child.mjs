// A sync that kills its own process with SIGKILL at database statement `killAt`: what a crash,
// the OOM killer or `kill -9` does, at a point the test chooses. Run by kill.test.ts as
// `node kill-child.mjs <database> <killAt> <sessions> <now>`.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { createMirror, openDatabase } from "../dist/index.js";

const [database, killAt, sessions, now] = process.argv.slice(2);
const fake = createFakeApi({ sessions: Number(sessions), now: Number(now) });
const client = createSessionsClient({ apiToken: "kill-test-token", ...fake, retries: 0 });
let statements = 0;
const step = () => {
  if (statements++ === Number(killAt)) process.kill(process.pid, "SIGKILL");
};
/** @param {import("../src/index.js").Queryable} target @returns {import("../src/index.js").Queryable} */
const on = (target) => ({
  /** @type {import("../src/index.js").Queryable["query"]} */
  async query(text, params) {
    step();
    return target.query(text, params);
  },
  /** @param {string} text */
  async exec(text) {
    step();
    await target.exec(text);
    // Once more after a migration's statements ran, before they are committed.
    step();
  },
});
const opened = await openDatabase(String(database));
/** @type {import("../src/index.js").MirrorDatabase} */
const dying = { ...opened, ...on(opened), transaction: (work) => opened.transaction((tx) => work(on(tx))) };
const mirror = await createMirror({
  client,
  database: dying,
  include: ["participants", "chat", "transcript", "summary", "peer_reports"],
});
await mirror.sync();
await mirror.close();
console.log(`finished after ${statements} statements`);
