/**
 * The API's request and response shapes as zod schemas: requests are validated
 * with them and `/openapi.json` is generated from them. Shapes owned elsewhere
 * (the deal file, the projection result) are either reused (`dealSchema`) or
 * mirrored here with a compile-time check that the mirror and the owner agree.
 */
import { z } from "zod";
import type { LedgerEntry } from "../core/ledger.js";
import type { Scenario } from "../core/scenario.js";
import { dealSchema } from "../deal/schema.js";
import type { ProjectionResult } from "../engine/result.js";
import { named } from "./openapi.js";

// ---------------------------------------------------------------------------
// Errors

export const errorSchema = named(
  "Error",
  z.object({
    error: z.object({
      status: z.number().int(),
      code: z.string(),
      message: z.string().describe("What went wrong and what to change"),
      details: z.unknown().optional(),
    }),
  }),
);

// ---------------------------------------------------------------------------
// Scenarios

export const vector = z.array(z.number().finite()).min(1).max(1200).describe("By projection period, last value held; percent");

export const scenarioSchema = named(
  "Scenario",
  z.strictObject({
    prepayment: z.strictObject({
      unit: z.enum(["ppc", "cpr", "psa", "smm"]),
      values: vector.refine((v) => v.every((x) => x >= 0), "prepayment rates cannot be negative"),
    }),
    default: z.strictObject({
      unit: z.enum(["cdr", "mdr", "sda"]),
      values: vector.refine((v) => v.every((x) => x >= 0), "default rates cannot be negative"),
    }),
    severity: vector.refine((v) => v.every((x) => x >= 0 && x <= 100), "severity is a percent from 0 to 100"),
    recoveryLag: z.number().int().min(0).max(360),
    advancing: z.boolean(),
    indices: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "index names are upper case, e.g. LIBOR_1M"), z.strictObject({ values: vector })),
    optionalTermination: z.boolean(),
    prepaymentInterestShortfall: z.number().min(0).max(100).optional(),
    reliefActReduction: z.number().min(0).max(100).optional(),
  }),
  { description: "A projection scenario (src/core/scenario.ts)" },
);

export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
const scenarioMirrorsCore: Same<DeepReadonly<z.infer<typeof scenarioSchema>>, DeepReadonly<Scenario>> extends true ? true : never = true;
void scenarioMirrorsCore;

export const scenarioInputSchema = z
  .union([
    z.string().max(10_000).describe('The analysts\' syntax, e.g. "100 PPC, 2 CDR, 40 sev, 12 lag"'),
    scenarioSchema,
  ])
  .describe("Scenario text or a Scenario object; omitted parts take the deal's pricing scenario");

export const scenarioParseResultSchema = named(
  "ScenarioParseResult",
  z.object({
    scenario: scenarioSchema,
    text: z.string().describe("The canonical text of the scenario"),
  }),
);

// ---------------------------------------------------------------------------
// Deals

export const problemSchema = named(
  "DealProblem",
  z.object({
    file: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    path: z.string().describe("Field path, e.g. classes[A-3].initialBalance"),
    message: z.string(),
  }),
);

export const dealSummarySchema = named(
  "DealSummary",
  z.object({
    id: z.string(),
    name: z.string(),
    closingDate: z.string(),
    offeredAmount: z.number(),
    classCount: z.number().int(),
    groups: z.array(z.string()),
    amendments: z.array(z.object({ id: z.string(), title: z.string(), dateSigned: z.string(), effectiveDate: z.string() })),
    pricingScenario: z.string().describe("The deal's pricing scenario in the analysts' syntax"),
    prepaymentUnits: z.array(z.string()).describe("Prepayment units a scenario may use (PPC only when the deal defines a Prepayment Assumption)"),
    prepaymentAssumption: z
      .object({ name: z.string(), startCpr: z.number(), endCpr: z.number(), rampMonths: z.number().int() })
      .nullable()
      .describe("The ramp 100 PPC stands for: CPR at loan month 1 rising to endCpr at rampMonths; null when the deal defines none"),
    liborIndex: z.string().describe("The index the bare word LIBOR stands for in this deal's scenarios"),
  }),
);

export const dealListSchema = named("DealList", z.object({ deals: z.array(dealSummarySchema) }));

export const provenanceRecordSchema = z.object({
  path: z.string(),
  kind: z.enum(["filed", "modeled"]),
  source: z.string(),
});

export const dealDetailSchema = named(
  "DealDetail",
  z.object({
    summary: dealSummarySchema,
    deal: named("Deal", dealSchema, { description: "A deal file as validated (src/deal/schema.ts)" }),
    provenance: z.array(provenanceRecordSchema),
    creditSupport: z.array(
      z.object({
        class: z.string(),
        initialBalance: z.number(),
        percentOfPool: z.number().describe("Initial balance over the pool's non-PO balance, percent"),
        creditSupport: z.number().describe("Original Applicable Credit Support Percentage: the classes junior to it over the non-PO pool, percent"),
      }),
    ),
  }),
);

export const validationResultSchema = named(
  "ValidationResult",
  z.object({
    valid: z.boolean(),
    summary: dealSummarySchema.optional(),
    errors: z.array(problemSchema),
  }),
);

// ---------------------------------------------------------------------------
// Projections

export const amendmentsChoiceSchema = z
  .enum(["signed", "amended"])
  .default("amended")
  .describe('"signed": the PSA as signed; "amended": with every amendment in force (default)');

export const projectionRequestSchema = named(
  "ProjectionRequest",
  z.strictObject({
    scenario: scenarioInputSchema.optional(),
    amendments: amendmentsChoiceSchema,
    ledger: z.boolean().default(false).describe("Include the ledger: every payment with the PSA rule that made it"),
  }),
  { io: "input" },
);

const collateralRow = z.object({
  period: z.number().int(),
  date: z.string(),
  beginBalance: z.number(),
  scheduledPrincipal: z.number(),
  prepayments: z.number(),
  newDefaults: z.number(),
  liquidationPrincipal: z.number(),
  realizedLoss: z.number(),
  interest: z.number(),
  fees: z.number(),
  endBalance: z.number(),
  availableFunds: z.number(),
  distributed: z.number(),
  residual: z.number(),
});

const classFlowRow = z.object({
  period: z.number().int(),
  date: z.string(),
  beginBalance: z.number(),
  interest: z.number(),
  principal: z.number(),
  writedown: z.number(),
  endBalance: z.number(),
  interestShortfall: z.number(),
  accretion: z.number().optional().describe("Accrued interest added to an accrual (Z) class's balance"),
});

const ledgerEntry = z.object({
  period: z.number().int(),
  from: z.string(),
  to: z.string(),
  amount: z.number(),
  rule: z.string(),
  kind: z.enum([
    "interest",
    "principal",
    "writedown",
    "writeup",
    "accretion",
    "fee",
    "corridor",
    "yieldSupplement",
    "release",
    "poDeferred",
    "residual",
    "transfer",
    "termination",
  ]),
});

export const classAnalyticsSchema = named(
  "ClassAnalytics",
  z.object({
    quotedBy: z.enum(["price", "yield"]),
    price: z.number().describe("Clean price per 100 of current face"),
    fullPrice: z.number(),
    accruedInterest: z.number(),
    yield: z.number().describe("Bond-equivalent (semiannual) yield, percent"),
    mortgageYield: z.number(),
    averageLife: z.number().nullable(),
    macaulayDuration: z.number(),
    modifiedDuration: z.number(),
    convexity: z.number(),
    settlementDate: z.string(),
    accrualStartDate: z.string(),
    accruedDays: z.number(),
    coupon: z.number(),
    delayDays: z.number(),
    factor: z.number(),
    firstPaymentPeriod: z.number().int(),
    discountMargin: z.number().optional().describe("Floaters: discount margin over the projected index path (SF-53), percent"),
    spread: z
      .object({ benchmarkYield: z.number(), spreadBp: z.number() })
      .optional()
      .describe("With a benchmark: its yield at the class's average life and the yield spread, bp (none without principal)"),
    effectiveDuration: z.number().optional().describe("With effectiveBp: from repricing with the deal re-projected at index paths ± the shift"),
    effectiveConvexity: z.number().optional(),
    effectiveShiftBp: z.number().optional(),
  }),
  { description: "One class priced at a settlement date (SIFMA SF-43 to SF-55)" },
);

export const projectionResultSchema = named(
  "ProjectionResult",
  z.object({
    deal: z.object({ id: z.string(), name: z.string(), amendments: z.array(z.string()) }),
    scenario: scenarioSchema,
    collateral: z.array(collateralRow),
    classes: z.record(
      z.string(),
      z.object({
        type: z.array(z.string()),
        offered: z.boolean(),
        group: z.string().nullable(),
        notional: z.boolean(),
        initialBalance: z.number(),
        flows: z.array(classFlowRow),
        wal: z.number().nullable(),
      }),
    ),
    depletionPeriod: z.number().int().nullable(),
    terminationPeriod: z.number().int().nullable(),
    corridor: z.array(
      z.object({
        period: z.number().int(),
        date: z.string(),
        notional: z.number(),
        payment: z.number(),
        yieldSupplementPaid: z.number(),
        released: z.number(),
      }),
    ),
    tests: z.array(
      z.object({
        period: z.number().int(),
        date: z.string(),
        group: z.string(),
        seniorPercentage: z.number(),
        seniorPrepaymentPercentage: z.number(),
        delinquencyTest: z.boolean(),
        lossTest: z.boolean(),
        twoTimesTest: z.boolean(),
        depleted: z.boolean(),
        proRataAfterDepletion: z.boolean(),
      }),
    ),
    ledger: z.array(ledgerEntry).optional(),
    analytics: z.record(z.string(), classAnalyticsSchema).optional(),
  }),
  { description: "The result of a projection (src/engine/result.ts)" },
);

// The mirrors above must describe exactly what the engine returns.
type WithoutScenario<T> = Omit<T, "scenario">;
type Keys<T> = { [K in keyof T]-?: T[K] extends readonly (infer E)[] ? [K, keyof E] : [K] }[keyof T];
const resultKeysMirrorEngine: Same<Keys<z.infer<typeof projectionResultSchema>>, Keys<ProjectionResult>> extends true ? true : never = true;
void resultKeysMirrorEngine;
const resultMirrorsEngine: Same<WithoutScenario<z.infer<typeof projectionResultSchema>>, WithoutScenario<ProjectionResult>> extends true
  ? true
  : never = true;
const ledgerMirrorsCore: Same<z.infer<typeof ledgerEntry>, { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] }> extends true
  ? true
  : never = true;
void resultMirrorsEngine;
void ledgerMirrorsCore;

export const dealIdParamsSchema = z.object({
  dealId: z.string().min(1).max(80).describe("Deal id, e.g. cwalt-2007-12t1"),
});

export type ProjectionRequest = z.infer<typeof projectionRequestSchema>;
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;
