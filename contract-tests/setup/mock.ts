// Starts one Prism mock of the spec, with --errors, for the whole run.
import { startMockServer } from "@realtimekit-sessions/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMockServer({ errors: true });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
