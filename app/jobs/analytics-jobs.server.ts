// Customer analytics jobs (recompute, daily refresh): job name → handler, merged into jobHandlers.
import type { JobHandlers } from "./worker.server.ts";

export const analyticsJobHandlers: JobHandlers = {};
