export { type VirtualClock, virtualClock } from "./clock.js";
export { ACCOUNT, APP, PARTICIPANT, PEER, SESSION } from "./ids.js";
export { mountTmpfs, type TestMount } from "./mount.js";
export { freePort, startPostgres, type TestPostgres } from "./postgres.js";
export { type ProcessResult, runProcess, runTypeScript } from "./process.js";
export { rejectionOf, thrownBy } from "./rejection.js";
export { type ReceivedRequest, send, startServer, type TestServer } from "./server.js";
export { type CapturedTimers, captureTimers } from "./timers.js";
export { STRICT_EXAMPLES_TSCONFIG } from "./typescript.js";
