// A Worker that runs the mirror's convergence scenario in workerd: `createMirror` from the
// package's Workers entry, the fake of the API in the same isolate (its `fetch` injected into
// the client), and the mirror on D1 or on Postgres through Hyperdrive with the `postgres`
// driver. POST a scenario and an engine: it answers both mirrors' tables, to compare; POST an
// engine alone: it answers what the basics saw (./basics.ts). `Env` is
// what `wrangler types` generates from wrangler.jsonc.
import postgres from "postgres";
import { fromD1, fromPostgres, type MirrorDatabase } from "../../src/common.js";
import { createMirror } from "../../src/worker.js";
import { basics } from "../basics.js";
import { run, type Scenario } from "../scenario.js";
import { dropMirror } from "../tables.js";

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { engine, scenario } = (await request.json()) as {
      engine: "d1" | "hyperdrive";
      /** A convergence scenario to play, or none for the basics. */
      scenario?: Scenario;
    };
    const sqls: postgres.Sql[] = [];
    const fresh = async (name: string): Promise<MirrorDatabase> => {
      if (engine === "d1") return dropMirror(fromD1(name === "main" ? env.MAIN : env.BACKFILL, `D1 ${name}`));
      const hyperdrive = name === "main" ? env.HYPERDRIVE_MAIN : env.HYPERDRIVE_BACKFILL;
      // One connection: a Worker's requests each open their own, as Hyperdrive pools behind them.
      const sql = postgres(hyperdrive.connectionString, { max: 1, onnotice: () => {}, fetch_types: false });
      sqls.push(sql);
      return dropMirror(fromPostgres(sql, `Hyperdrive ${name}`, false));
    };
    try {
      return Response.json(
        scenario ? await run(createMirror, fresh, scenario) : await basics(createMirror, await fresh("main")),
      );
    } catch (error) {
      return Response.json({ error: (error as Error).stack ?? String(error) }, { status: 500 });
    } finally {
      for (const sql of sqls) await sql.end({ timeout: 1 });
    }
  },
} satisfies ExportedHandler<Env>;
