/**
 * The loan tape's fields: what a servicer's tape says about each loan, by our
 * name, with the column headings servicers usually give them. A column map
 * (`--map MAP.yaml`, or `loanTape.map` in a deal file) names other headings.
 */

export type TapeFieldKind = "text" | "number" | "integer" | "date";

export interface TapeField {
  readonly name: TapeFieldName;
  readonly kind: TapeFieldKind;
  readonly description: string;
  /** Headings recognized without a map (compared without case, spaces, `_`, `-`, `.`, `#`, `%`). */
  readonly aliases: readonly string[];
}

export const TAPE_FIELD_NAMES = [
  "loanId",
  "group",
  "currentBalance",
  "originalBalance",
  "noteRate",
  "servicingFee",
  "originalTerm",
  "remainingTerm",
  "age",
  "firstPaymentDate",
  "product",
  "armIndex",
  "margin",
  "initialCap",
  "periodicCap",
  "lifetimeCap",
  "floor",
  "nextResetDate",
  "firstResetAge",
  "resetFrequency",
  "ioTerm",
  "delinquency",
  "state",
  "fico",
  "ltv",
] as const;

export type TapeFieldName = (typeof TAPE_FIELD_NAMES)[number];

const field = (name: TapeFieldName, kind: TapeFieldKind, description: string, aliases: string[]): TapeField => ({
  name,
  kind,
  description,
  aliases: [name, ...aliases],
});

export const TAPE_FIELDS: readonly TapeField[] = [
  field("loanId", "text", "loan identifier (unique in the tape)", ["loan_id", "loan number", "loan no", "loan", "id"]),
  field("group", "text", "loan group (a group id of the deal)", ["loan group", "group id", "pool"]),
  field("currentBalance", "number", "Stated Principal Balance at the Cut-off Date, dollars", ["current_balance", "current balance", "cur bal", "upb", "current upb", "scheduled balance", "balance"]),
  field("originalBalance", "number", "original principal balance, dollars", ["original_balance", "orig bal", "original upb", "orig upb"]),
  field("noteRate", "number", "Mortgage Rate at the Cut-off Date, percent", ["note_rate", "note rate", "rate", "coupon", "gross rate", "mortgage rate", "current rate"]),
  field("servicingFee", "number", "servicing fee rate, percent", ["servicing_fee", "servicing fee", "serv fee", "servicing fee rate"]),
  field("originalTerm", "integer", "original term, months", ["original_term", "orig term", "original term", "term"]),
  field("remainingTerm", "integer", "remaining term at the Cut-off Date, months", ["remaining_term", "rem term", "remaining term", "stated remaining term", "wam"]),
  field("age", "integer", "loan age at the Cut-off Date, months", ["loan age", "seasoning"]),
  field("firstPaymentDate", "date", "first payment date (the age follows from it and the Cut-off Date)", ["first_payment_date", "first payment date", "first pay date", "fpd"]),
  field("product", "text", "product: Fixed, ARM, 5/1 ARM, 7/1 ARM, ... (an ARM when it says ARM or has an index)", ["product type", "loan type", "amortization type"]),
  field("armIndex", "text", "ARM index name (e.g. LIBOR_1Y); blank for a fixed-rate loan", ["arm_index", "arm index", "index"]),
  field("margin", "number", "ARM gross margin, percent", ["gross margin", "arm margin"]),
  field("initialCap", "number", "initial rate cap, percent", ["initial_cap", "initial cap", "first cap", "initial rate cap"]),
  field("periodicCap", "number", "periodic rate cap, percent", ["periodic_cap", "periodic cap", "subsequent cap", "periodic rate cap"]),
  field("lifetimeCap", "number", "lifetime cap over the start rate, percent (the map's `lifetimeCap: rate` reads it as the maximum rate)", ["lifetime_cap", "lifetime cap", "life cap"]),
  field("floor", "number", "lifetime floor on the Mortgage Rate, percent (default: the margin)", ["rate floor", "life floor"]),
  field("nextResetDate", "date", "next rate reset date", ["next_reset_date", "next reset date", "next rate change date", "next adjustment date"]),
  field("firstResetAge", "integer", "loan age at the first reset, months (instead of a next reset date: 60 for a 5/1)", ["first reset age", "months to first reset from origination"]),
  field("resetFrequency", "integer", "months between resets after the first", ["reset_frequency", "reset frequency", "rate reset frequency", "adjustment frequency"]),
  field("ioTerm", "integer", "interest-only months from origination (0 or blank: amortizing)", ["io_term", "io term", "io months", "interest only term"]),
  field("delinquency", "text", "delinquency status: current, 30, 60, 90, FC, REO, BK", ["delinquency status", "dq status", "status", "mba status"]),
  field("state", "text", "property state (two-letter code)", ["property state", "prop state", "st"]),
  field("fico", "integer", "borrower FICO score", ["fico score", "credit score", "fico at origination"]),
  field("ltv", "number", "loan-to-value ratio, percent", ["original ltv", "orig ltv", "cltv", "ltv ratio"]),
];

export const TAPE_FIELD: Readonly<Record<TapeFieldName, TapeField>> = Object.fromEntries(TAPE_FIELDS.map((f) => [f.name, f])) as Record<
  TapeFieldName,
  TapeField
>;

/** A heading without case, spaces and punctuation: "Loan #" → "loan", "Current_UPB" → "currentupb". */
export function normalizeHeading(heading: string): string {
  return heading.toLowerCase().replace(/[\s_\-.#%()/$]+/g, "");
}

const aliasIndex = new Map<string, TapeFieldName>();
for (const f of TAPE_FIELDS) for (const a of f.aliases) aliasIndex.set(normalizeHeading(a), f.name);

/** The field a heading names without a map, if any. */
export function fieldForHeading(heading: string): TapeFieldName | undefined {
  return aliasIndex.get(normalizeHeading(heading));
}
