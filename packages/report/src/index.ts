// @realtimekit-sessions/report: the usage report and one session's page, from the mirror's data
// (`usageReport()` and `sessionReport()` of @realtimekit-sessions/sync), as self-contained HTML.
export { renderSessionReport } from "./session-page.js";
export { renderUsageReport } from "./usage-page.js";
