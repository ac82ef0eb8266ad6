/** What route handlers share: the deal catalog, the compute pool and the server's settings. */
import type { FastifyReply } from "fastify";
import type { Scenario } from "../core/scenario.js";
import { DEFAULT_SCENARIO } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { parseScenarioText, ScenarioTextError } from "../engine/scenario-text.js";
import { shippedHistory } from "../compute/libor-data.js";
import { liborIndexOf, type DealCatalog } from "./catalog.js";
import type { ComputeTask } from "./compute-tasks.js";
import { ApiError } from "./errors.js";
import { PoolBusyError, PoolTimeoutError, TaskFailure, type WorkerPool } from "../compute/worker-pool.js";

export interface ApiContext {
  readonly catalog: DealCatalog;
  readonly pool: WorkerPool;
  readonly runTimeoutMs: number;
}

/** The deal's pricing scenario: its pricing speed, no defaults, the deal's index defaults. */
export function baseScenario(deal: Deal): Scenario {
  return { ...DEFAULT_SCENARIO, prepayment: { unit: deal.collateral.pricingSpeed.unit, values: [deal.collateral.pricingSpeed.value] } };
}

/** A request's scenario (text or object) → a Scenario; omitted parts from the deal's pricing scenario. */
export function resolveScenario(deal: Deal | undefined, input: string | Scenario | undefined, where = "scenario"): Scenario {
  const base = deal ? baseScenario(deal) : DEFAULT_SCENARIO;
  if (input === undefined) return base;
  if (typeof input !== "string") return checkPrepaymentUnit(deal, input, where);
  try {
    const history = deal ? { history: shippedHistory(deal) } : {};
    return checkPrepaymentUnit(deal, parseScenarioText(input, { base, liborIndex: deal ? liborIndexOf(deal) : undefined, ...history }), where, input);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof ScenarioTextError) {
      throw new ApiError(400, "invalid_scenario", `${where}: ${error.message}`, {
        in: "body",
        path: where,
        column: error.column,
        length: error.length,
        text: input,
      });
    }
    throw error;
  }
}

/**
 * PPC is the deal's own Prepayment Assumption: a deal that defines none takes
 * CPR, PSA or SMM. Refused here (400, pointing at the unit in the text) rather
 * than failing inside the run.
 */
function checkPrepaymentUnit(deal: Deal | undefined, scenario: Scenario, where: string, text?: string): Scenario {
  if (!deal || scenario.prepayment.unit !== "ppc" || deal.collateral.prepaymentAssumption) return scenario;
  const at = text === undefined ? null : /\bppc\b/i.exec(text);
  throw new ApiError(
    400,
    "invalid_scenario",
    `${where}: PPC is the deal's Prepayment Assumption, which ${deal.id} does not define; write the speed in CPR, PSA or SMM (its pricing speed is ${deal.collateral.pricingSpeed.value} ${deal.collateral.pricingSpeed.unit.toUpperCase()})`,
    at ? { in: "body", path: where, column: at.index, length: at[0].length, text } : { in: "body", path: `${where}.prepayment.unit` },
  );
}

/**
 * Runs a task on the pool and answers with the worker's JSON text as is,
 * mapping the pool's failures to API errors.
 */
export async function compute(ctx: ApiContext, task: ComputeTask, reply: FastifyReply): Promise<string> {
  try {
    const json = await ctx.pool.run<string>(task, ctx.runTimeoutMs);
    reply.type("application/json; charset=utf-8");
    return json;
  } catch (error) {
    if (error instanceof PoolBusyError) throw new ApiError(503, "busy", error.message, undefined, { "Retry-After": "2" });
    if (error instanceof PoolTimeoutError) throw new ApiError(504, "run_timeout", error.message);
    if (error instanceof TaskFailure) throw new ApiError(error.info.status, error.info.code, error.info.message, error.info.details);
    throw error;
  }
}
