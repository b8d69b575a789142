// The scenario as a Worker, for workerd: the result of one run for each request.
import { runScenario } from "./scenario.js";

export default {
  /** @param {Request} _request @param {{ NETWORK_URL: string }} env */
  async fetch(_request, env) {
    return Response.json(await runScenario({ networkUrl: env.NETWORK_URL }));
  },
};
