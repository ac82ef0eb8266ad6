/**
 * The column map of a loan tape (`--map MAP.yaml`): which heading holds which
 * field, how dates are written, the Cut-off Date the ages are measured to.
 *
 *   columns:
 *     loanId: "Loan #"
 *     currentBalance: "Curr UPB"
 *   dateFormat: MM/DD/YYYY       # YYYY-MM-DD (default), MM/DD/YYYY or DD/MM/YYYY
 *   cutoffDate: 2024-06-01        # for ages from first payment dates, resets from next reset dates
 *   group: "1"                    # the group of every loan when the tape has no group column
 *   lifetimeCap: rate             # spread (default: over the start rate) or rate (the maximum rate)
 *   rounding: 0.125               # ARM rounding of index + margin, percent (default 0.125, nearest)
 *   roundingMethod: nearest
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { z } from "zod";
import { isCivilDate, type CivilDate } from "../../core/civil-date.js";
import { TAPE_FIELD_NAMES, type TapeFieldName } from "./fields.js";
import { TapeError } from "./problems.js";

export const DATE_FORMATS = ["YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface TapeColumnMap {
  readonly columns: Partial<Record<TapeFieldName, string>>;
  readonly dateFormat: DateFormat;
  readonly cutoffDate?: CivilDate;
  readonly group?: string;
  readonly lifetimeCap: "spread" | "rate";
  readonly rounding: number;
  readonly roundingMethod: "nearest" | "up" | "down";
}

export const DEFAULT_COLUMN_MAP: TapeColumnMap = { columns: {}, dateFormat: "YYYY-MM-DD", lifetimeCap: "spread", rounding: 0.125, roundingMethod: "nearest" };

const mapSchema = z.strictObject({
  columns: z
    .record(z.string(), z.string().min(1))
    .optional()
    .superRefine((cols, ctx) => {
      for (const k of Object.keys(cols ?? {})) {
        if (!(TAPE_FIELD_NAMES as readonly string[]).includes(k)) ctx.addIssue({ code: "custom", path: [k], message: `not a tape field (fields: ${TAPE_FIELD_NAMES.join(", ")})` });
      }
    }),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  cutoffDate: z
    .string()
    .refine((s) => isCivilDate(s), "must be a date YYYY-MM-DD")
    .optional(),
  group: z.union([z.string().min(1), z.number()]).optional(),
  lifetimeCap: z.enum(["spread", "rate"]).optional(),
  rounding: z.number().positive().optional(),
  roundingMethod: z.enum(["nearest", "up", "down"]).optional(),
});

/** Parses a column map's text; every problem at once, named `file: field: problem`. */
export function parseColumnMap(text: string, fileName: string): TapeColumnMap {
  const doc = parseDocument(text, { schema: "core" });
  if (doc.errors.length) throw new TapeError(fileName, [{ row: 0, column: "", message: `not YAML: ${doc.errors[0].message}` }], "column map");
  // YAML reads an unquoted 2024-06-01 as a string under the core schema; numbers stay numbers.
  const parsed = mapSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new TapeError(
      fileName,
      parsed.error.issues.map((i) => ({ row: 0, column: i.path.join("."), message: i.message })),
      "column map",
    );
  }
  const m = parsed.data;
  return {
    columns: (m.columns ?? {}) as Partial<Record<TapeFieldName, string>>,
    dateFormat: m.dateFormat ?? DEFAULT_COLUMN_MAP.dateFormat,
    ...(m.cutoffDate === undefined ? {} : { cutoffDate: m.cutoffDate as CivilDate }),
    ...(m.group === undefined ? {} : { group: String(m.group) }),
    lifetimeCap: m.lifetimeCap ?? "spread",
    rounding: m.rounding ?? 0.125,
    roundingMethod: m.roundingMethod ?? "nearest",
  };
}

export function readColumnMap(path: string): TapeColumnMap {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new TapeError(path, [{ row: 0, column: "", message: `cannot read the column map: ${(e as Error).message}` }], "column map");
  }
  return parseColumnMap(text, path);
}
