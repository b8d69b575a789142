const { createFakeApi } = await import("@realtimekit-sessions/testing");
const list = async (fake) => {
  const r = await fake.fetch(`${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions`, {
    headers: { authorization: "Bearer t" },
  });
  await r.arrayBuffer();
};
const warm = createFakeApi({ sessions: 10, seed: 9, apiToken: "t" });
await list(warm);
const n = Number(process.argv[2]);
const t1 = performance.now();
const fake = createFakeApi({ sessions: n, seed: 1, apiToken: "t" });
const t2 = performance.now();
await list(fake);
const t3 = performance.now();
console.log(`${n}: create ${(t2 - t1).toFixed(1)} + first list ${(t3 - t2).toFixed(1)} = ${(t3 - t1).toFixed(1)} ms`);
