/**
 * `POST /api/pool`: `tranche pool` over HTTP. The standard cash flow with
 * defaults of one generic level-pay pool (SIFMA SF-17 to SF-22, STANDARDS.md
 * §4) and, with `pricing`, a pass-through of it priced (SF-43 to SF-55,
 * `pricePool`). The body is the CLI's flags as JSON; the answer is what
 * `tranche pool --format json` prints. Runs in the worker pool like every run.
 */
import { z } from "zod";
import { poolSpec } from "../../engine/pool-request.js";
import type { PoolReport } from "../../engine/pool-request.js";
import type { PoolYieldTable } from "../../engine/tables/pool-yield-table.js";
import { compute, type ApiContext } from "../context.js";
import { named } from "../openapi.js";
import { route, type RouteSpec } from "../route.js";
import { vector, type DeepReadonly, type Same } from "../schemas.js";

const percentVector = (what: string, max?: number) =>
  vector.refine((v) => v.every((x) => x >= 0 && (max === undefined || x <= max)), max === undefined ? `${what} cannot be negative` : `${what} is a percent from 0 to ${max}`);

/** When a pass-through of the pool settles and is paid: `poolPricingTerms`'s fields. */
const settlementFields = {
  delayDays: z
    .number()
    .int()
    .min(0)
    .max(90)
    .optional()
    .describe("Actual delay, days past the accrual month's end: GNMA I 14, GNMA II 19, FNMA 24, FHLMC 44 (default 0: paid on the 1st)"),
  settleDays: z
    .number()
    .int()
    .min(0)
    .max(29)
    .optional()
    .describe("Settle this many 30/360 days after the accrual start (default 0: on the accrual start, no accrued interest); with dated, the settlement date is dated + settleDays"),
  dated: z
    .string()
    .regex(/^\d{4}-\d{2}-01$/, "the first day of a month, YYYY-MM-01")
    .optional()
    .describe("First day of the pool's first accrual month (YYYY-MM-01): gives the receipts calendar dates (no default)"),
  settlement: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
    .optional()
    .describe("Settlement date in the first accrual month (needs dated; not with settleDays)"),
};

const poolPricingSchema = z
  .strictObject({
    price: z.number().positive().finite().optional().describe("Clean price per 100 of current face (the starting balance), decimal: 99-16 is 99.5"),
    yield: z.number().finite().optional().describe("Or a bond-equivalent (semiannual) yield, percent, to solve the price for"),
    ...settlementFields,
  })
  .refine((p) => (p.price === undefined) !== (p.yield === undefined), { message: "give either price or yield (one of them)" })
  .describe("Price a pass-through of the pool at its net rate (SIFMA conventions), per 100 of its starting balance");

/** The pool's terms before its prepayment speed. */
const poolHeadFields = {
  balance: z.number().positive().finite().describe("Pool balance at the start, dollars"),
  wac: z.number().finite().min(0).lt(100).describe("Gross (mortgage) rate, percent: sets the level payment"),
  net: z.number().finite().min(0).optional().describe("Net (pass-through) rate, percent, at most the WAC: the interest columns and the pass-through's coupon (default: the WAC)"),
  term: z.number().int().min(1).max(600).describe("Original term, months"),
  age: z.number().int().min(0).optional().describe("Loan age at the start, months, below the term (default 0)"),
};
/** The pool's terms after its prepayment speed: defaults and losses. */
const poolTailFields = {
  default: z
    .strictObject({ unit: z.enum(["mdr", "cdr", "sda"]), values: percentVector("default rates") })
    .optional()
    .describe("Defaults: MDR, CDR or SDA, a vector by month (default 0 CDR)"),
  severity: z
    .union([z.number().finite().min(0).max(100), percentVector("severity", 100)])
    .optional()
    .describe("Loss severity, percent of the balance at default: a number or a vector by month of liquidation (default 0)"),
  lag: z.number().int().min(0).max(600).optional().describe("Months from default to liquidation (default 0)"),
  advancing: z
    .boolean()
    .optional()
    .describe("The servicer advances P&I on defaulted loans until liquidation (default true); false: their interest is lost and they do not amortize"),
};

export const poolRequestSchema = named(
  "PoolRequest",
  z.strictObject({
    ...poolHeadFields,
    prepayment: z
      .strictObject({ unit: z.enum(["smm", "cpr", "psa"]), values: percentVector("prepayment rates") })
      .optional()
      .describe("Voluntary prepayments: SMM, CPR or PSA, a vector by month (last value held), e.g. {unit: psa, values: [150]} (default 0 CPR)"),
    ...poolTailFields,
    pricing: poolPricingSchema.optional(),
  }),
  { io: "input" },
);

export const poolYieldTableRequestSchema = named(
  "PoolYieldTableRequest",
  z.strictObject({
    ...poolHeadFields,
    unit: z.enum(["smm", "cpr", "psa"]).describe("The speeds' unit: voluntary prepayments at a constant SMM, CPR or PSA"),
    speeds: z
      .array(z.number().finite().min(0))
      .min(1)
      .max(20)
      .describe("Constant prepayment speeds in unit, one column each, e.g. [0, 100, 150, 200, 300] PSA (SMM and CPR at most 100)"),
    ...poolTailFields,
    quotes: z
      .strictObject({
        kind: z.enum(["price", "yield"]).describe("price: clean prices per 100 of current face (a yield table); yield: bond-equivalent yields, percent (a price table)"),
        values: z.array(z.number().finite()).min(1).max(20).describe("The quotes, one row each; the middle one (the lower middle of an even count) is the modified duration's"),
      })
      .refine((q) => q.kind !== "price" || q.values.every((v) => v > 0), { message: "prices must be positive", path: ["values"] })
      .describe("The table's rows: prices (a yield table) or yields (a price table)"),
    ...settlementFields,
  }),
  { io: "input" },
);

const n = z.number();
const poolRow = z.object({
  month: z.number().int(),
  performingBalance: n.describe("Performing balance at the end of the month (after its defaults, prepayments and amortization), SIFMA performing(i)"),
  newDefaults: n,
  inForeclosure: n.describe("Balance in foreclosure at the end of the month (defaulted, not yet liquidated)"),
  expectedAmortization: n,
  voluntaryPrepayments: n,
  amortizationFromDefaults: n,
  actualAmortization: n,
  expectedInterest: n.describe("At the net rate"),
  lostInterest: n,
  actualInterest: n,
  principalRecovery: n,
  principalLoss: n,
  adb: n.describe("Balance of the defaulted loans liquidated this month"),
});
const poolTotals = z.object({
  month: z.null(),
  performingBalance: z.null(),
  newDefaults: n,
  inForeclosure: z.null(),
  expectedAmortization: n,
  voluntaryPrepayments: n,
  amortizationFromDefaults: n,
  actualAmortization: n,
  expectedInterest: n,
  lostInterest: n,
  actualInterest: n,
  principalRecovery: n,
  principalLoss: n,
  adb: n,
});

const poolAnalyticsSchema = named(
  "PoolAnalytics",
  z.object({
    quotedBy: z.enum(["price", "yield"]),
    price: n.describe("Clean price per 100 of current face"),
    fullPrice: n,
    accruedInterest: n,
    yield: n.describe("Bond-equivalent (semiannual) yield, percent"),
    mortgageYield: n.describe("Monthly-compounded equivalent, percent"),
    averageLife: n.nullable(),
    macaulayDuration: n,
    modifiedDuration: n,
    convexity: n,
    settlementDate: z.string().optional().describe("With dated: the settlement date"),
    accrualStartDate: z.string().optional().describe("With dated: the first day of the first accrual month"),
    accruedDays: n.describe("30/360 days from the accrual start to settlement"),
    delayDays: n,
    coupon: n.describe("The pass-through (net) rate, percent"),
  }),
  { description: "A pass-through of the pool priced (SIFMA SF-43 to SF-55): per 100 of current face, yields in percent, times in years" },
);

const poolCashFlowSchema = named(
  "PoolCashFlow",
  z.object({
    pool: z.object({
      balance: n,
      wac: n,
      net: n,
      term: n,
      age: n,
      prepayment: z.object({ unit: z.enum(["ppc", "cpr", "psa", "smm"]), values: z.array(n) }),
      default: z.object({ unit: z.enum(["cdr", "mdr", "sda"]), values: z.array(n) }),
      severity: z.array(n),
      lag: n,
      advancing: z.boolean(),
      interestRate: z.literal("net"),
    }),
    rows: z.array(poolRow),
    totals: poolTotals.describe("Sums of the flow columns; the balance columns are null"),
    analytics: poolAnalyticsSchema.optional().describe("With pricing"),
  }),
  { description: "The standard cash flow with defaults of one pool, month by month (SIFMA SF-17 to SF-22), as `tranche pool --format json` prints it" },
);

// The mirror must describe exactly what the engine returns.
const poolMirrorsEngine: Same<DeepReadonly<z.infer<typeof poolCashFlowSchema>>, DeepReadonly<PoolReport>> extends true ? true : never = true;
void poolMirrorsEngine;

const poolYieldTableSchema = named(
  "PoolYieldTable",
  z.object({
    pool: z
      .object({
        balance: n,
        wac: n,
        net: n,
        term: n,
        age: n,
        default: z.object({ unit: z.enum(["cdr", "mdr", "sda"]), values: z.array(n) }),
        severity: z.array(n),
        lag: n,
        advancing: z.boolean(),
      })
      .describe("The pool without its speed: each column supplies one"),
    coupon: n.describe("The pass-through (net) rate, percent"),
    delayDays: n,
    accruedDays: n.describe("30/360 days from the accrual start to settlement"),
    settlementDate: z.string().optional().describe("With dated: the settlement date"),
    accrualStartDate: z.string().optional().describe("With dated: the first day of the first accrual month"),
    unit: z.enum(["smm", "cpr", "psa"]),
    speeds: z.array(n),
    quotedBy: z.enum(["price", "yield"]),
    rows: z.array(z.object({ quote: n, cells: z.array(poolAnalyticsSchema).describe("One per speed") })).describe("One per quote"),
    referenceQuote: n.describe("The quote the modified duration per speed is taken at: the middle one (the lower middle of an even count)"),
    bySpeed: z.array(
      z.object({
        speed: n,
        label: z.string().describe('"150% PSA", "6 CPR"'),
        averageLife: n.nullable().describe("Years from settlement to the receipt of principal"),
        modifiedDuration: n.describe("At the reference quote"),
        firstPrincipalMonth: n.nullable().describe("The first month (1 = the first accrual month) paying principal; null if none"),
        lastPrincipalMonth: n.nullable(),
      }),
    ),
  }),
  {
    description:
      "A pass-through's yield (or price) table, as `tranche pool --prices … --speeds … --format json` prints it: quotes down, speeds across, each cell the pass-through priced (per 100 of current face), with WAL, Mod dur at the middle quote and the principal window per speed",
  },
);

const poolYieldTableMirrorsEngine: Same<DeepReadonly<z.infer<typeof poolYieldTableSchema>>, DeepReadonly<PoolYieldTable>> extends true ? true : never = true;
void poolYieldTableMirrorsEngine;

const EXAMPLE = {
  balance: 1_000_000,
  wac: 9.5,
  net: 9,
  term: 360,
  prepayment: { unit: "psa", values: [150] },
  pricing: { price: 99.5, delayDays: 14 },
};

const YIELD_TABLE_EXAMPLE = {
  balance: 1_000_000,
  wac: 9.5,
  net: 9,
  term: 360,
  unit: "psa",
  speeds: [0, 100, 150, 200, 300],
  quotes: { kind: "price", values: [98, 99.5, 100, 101] },
  delayDays: 14,
};

export function poolRoutes(ctx: ApiContext): RouteSpec<any, any, any>[] {
  return [
    route({
      method: "POST",
      url: "/api/pool",
      operationId: "poolCashFlow",
      summary: "The standard cash flow with defaults of a generic pool (SIFMA SF-17 to SF-22), month by month; with pricing, a pass-through of it priced",
      description:
        "`tranche pool` over HTTP: a level-pay fixed-rate pool projected by the same kernel a deal runs, interest at the net rate. " +
        "With `pricing` (price or yield) a pass-through at the net rate is priced per 100 of its starting balance, settling in the first accrual month " +
        "(on its first day by default, `settleDays` 30/360 days in, or on `settlement` with `dated`), the holder paid `delayDays` after each accrual month's end. " +
        "Terms the engine refuses (net above the WAC, age not below the term, a settlement outside the first accrual month, a quote no yield satisfies) answer 422 naming the field.",
      tags: ["runs"],
      body: poolRequestSchema,
      example: EXAMPLE,
      responses: {
        200: { description: "The pool's cash flow (and pricing)", schema: poolCashFlowSchema },
        422: { description: "The engine refuses the terms: the message (and `details[0].path`) names the field" },
        503: { description: "The server is busy; retry after the Retry-After seconds" },
        504: { description: "The run took longer than the server's limit and was stopped" },
      },
      handler: async ({ body, reply }) => {
        const { pricing, ...pool } = body;
        const spec = poolSpec(pool);
        if (!pricing) return compute(ctx, { kind: "pool", spec }, reply);
        const { price, yield: y, ...settlement } = pricing;
        const quote = price !== undefined ? { price } : { yield: y as number };
        return compute(ctx, { kind: "pool", spec, pricing: { quote, ...settlement } }, reply);
      },
    }),
    route({
      method: "POST",
      url: "/api/pool/yield-table",
      operationId: "poolYieldTable",
      summary: "A pass-through's yield (or price) table on a generic pool: quotes × constant speeds, with WAL and Mod dur",
      description:
        "`tranche pool --prices … --speeds …` over HTTP: the pool of `POST /api/pool` run once per constant speed (`unit`, `speeds`), " +
        "and a pass-through at its net rate priced at each quote (`quotes`: prices for a yield table, yields for a price table) and speed, " +
        "as SIFMA publishes a GNMA pass-through's. Settlement and delay as `POST /api/pool`'s `pricing` takes them. " +
        "Terms the engine refuses (net above the WAC, a settlement outside the first accrual month, a quote no yield satisfies at some speed) answer 422 naming the field.",
      tags: ["runs"],
      body: poolYieldTableRequestSchema,
      example: YIELD_TABLE_EXAMPLE,
      responses: {
        200: { description: "The table", schema: poolYieldTableSchema },
        422: { description: "The engine refuses the terms: the message (and `details[0].path`) names the field" },
        503: { description: "The server is busy; retry after the Retry-After seconds" },
        504: { description: "The run took longer than the server's limit and was stopped" },
      },
      handler: async ({ body, reply }) => {
        const { unit, speeds, quotes, delayDays, settleDays, dated, settlement, ...pool } = body;
        const { prepayment: _none, ...spec } = poolSpec(pool);
        const terms = { delayDays, settleDays, dated, settlement };
        return compute(ctx, { kind: "poolYieldTable", pool: spec, unit, speeds, quotes, settlement: terms }, reply);
      },
    }),
  ];
}
