/**
 * Turns a tape's rows (cells as read from CSV or XLSX) into checked loans, one
 * row at a time, so a reader can stream a file of any length: every problem is
 * kept with its row and column, and the loans only when no problem was found.
 */
import { civilDate, daysInMonth, isCivilDate, monthsBetween, type CivilDate } from "../../core/civil-date.js";
import { DEFAULT_COLUMN_MAP, type TapeColumnMap } from "./column-map.js";
import { fieldForHeading, normalizeHeading, TAPE_FIELD, TAPE_FIELDS, type TapeFieldName } from "./fields.js";
import { MAX_LISTED_PROBLEMS, TapeError, type TapeProblem } from "./problems.js";

/** One loan of an imported tape, checked and resolved (ages and first resets in months at the Cut-off Date). */
export interface TapeLoan {
  /** The row of the file it came from. */
  readonly row: number;
  readonly loanId: string;
  readonly group: string;
  readonly currentBalance: number;
  readonly originalBalance?: number;
  readonly noteRate: number;
  readonly servicingFee?: number;
  readonly originalTerm: number;
  readonly remainingTerm: number;
  readonly age: number;
  readonly ioTerm: number;
  /** As written ("5/1 ARM"), or "Fixed"/"ARM" when the tape has no product column. */
  readonly product: string;
  readonly arm?: TapeLoanArm;
  /** Normalized: current, 30, 60, 90+, FC, REO, BK (as written when not one of these). */
  readonly delinquency?: string;
  readonly state?: string;
  readonly fico?: number;
  readonly ltv?: number;
}

export interface TapeLoanArm {
  readonly index: string;
  readonly margin: number;
  /** Loan age (months) at the first reset. */
  readonly firstResetAge: number;
  readonly resetFrequency: number;
  readonly initialCap: number;
  readonly periodicCap: number;
  /** Over the start rate (the Mortgage Rate at the Cut-off Date). */
  readonly lifetimeCap: number;
  readonly floor: number;
  readonly rounding: number;
  readonly roundingMethod: "nearest" | "up" | "down";
}

export interface ImportedTape {
  readonly file: string;
  readonly loans: readonly TapeLoan[];
  /** Heading of the file → the field it was read as. */
  readonly columns: Readonly<Partial<Record<TapeFieldName, string>>>;
  /** Headings the tape has that no field reads. */
  readonly ignoredColumns: readonly string[];
  readonly cutoffDate?: CivilDate;
}

export interface TapeReadOptions {
  readonly map?: TapeColumnMap;
  /** Measures ages from first payment dates (and first resets from next reset dates); overrides the map's. */
  readonly cutoffDate?: CivilDate;
  /** The most loans read before the tape is refused (bounds memory). Default 1,000,000. */
  readonly maxLoans?: number;
}

export const DEFAULT_MAX_LOANS = 1_000_000;

/** A cell as a reader gives it: text from CSV; text, number, Date or nothing from XLSX. */
export type TapeCell = string | number | Date | boolean | null | undefined;

const REQUIRED: readonly TapeFieldName[] = ["loanId", "currentBalance", "noteRate", "originalTerm"];

export class TapeBuilder {
  private readonly map: TapeColumnMap;
  private readonly cutoff?: CivilDate;
  private readonly maxLoans: number;
  private positions: Partial<Record<TapeFieldName, number>> = {};
  private headings: string[] = [];
  private headed = false;
  private readonly loans: TapeLoan[] = [];
  private readonly problems: TapeProblem[] = [];
  private unlisted = 0;
  private rows = 0;
  private readonly seen = new Map<string, number>();
  private ignored: string[] = [];
  /** Set when the tape is refused outright (no headings, too many rows): reading stops. */
  fatal = false;

  constructor(
    readonly file: string,
    options: TapeReadOptions = {},
  ) {
    this.map = options.map ?? DEFAULT_COLUMN_MAP;
    this.cutoff = options.cutoffDate ?? this.map.cutoffDate;
    this.maxLoans = options.maxLoans ?? DEFAULT_MAX_LOANS;
  }

  get loanCount(): number {
    return this.loans.length;
  }

  private problem(row: number, column: string, message: string): void {
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ row, column, message });
    else this.unlisted++;
  }

  /** The heading row (row 1 of the file, or the row given). */
  header(cells: readonly TapeCell[], row = 1): void {
    this.headed = true;
    this.headings = cells.map((c) => (c === null || c === undefined ? "" : String(c).trim()));
    const byNormal = new Map<string, number>();
    this.headings.forEach((h, i) => {
      if (h !== "" && !byNormal.has(normalizeHeading(h))) byNormal.set(normalizeHeading(h), i);
    });
    const taken = new Set<number>();
    // Mapped headings first: they win over the usual names.
    for (const [name, heading] of Object.entries(this.map.columns) as [TapeFieldName, string][]) {
      const i = byNormal.get(normalizeHeading(heading));
      if (i === undefined) {
        this.problem(row, heading, `the column map names this column for ${name}, but the tape has no such column (columns: ${this.headings.filter((h) => h).join(", ")})`);
        continue;
      }
      this.positions[name] = i;
      taken.add(i);
    }
    this.headings.forEach((h, i) => {
      if (h === "" || taken.has(i)) return;
      const name = fieldForHeading(h);
      if (name !== undefined && this.positions[name] === undefined) {
        this.positions[name] = i;
        taken.add(i);
      }
    });
    this.ignored = this.headings.filter((h, i) => h !== "" && !taken.has(i));
    for (const name of REQUIRED) {
      if (this.positions[name] === undefined && this.map.columns[name] === undefined) {
        this.problem(row, "", `missing column ${name} (${TAPE_FIELD[name].description}); name it in a column map (columns: {${name}: "Your heading"})`);
      }
    }
    const has = (n: TapeFieldName) => this.positions[n] !== undefined;
    if (!has("age") && !has("firstPaymentDate") && !has("remainingTerm")) {
      this.problem(row, "", "missing column age, firstPaymentDate or remainingTerm: the tape must say how old each loan is");
    }
    if (!has("group") && this.map.group === undefined) {
      // One group: every loan is in group "1" unless the map says otherwise.
    }
    if (this.problems.length) this.fatal = true;
  }

  private cell(cells: readonly TapeCell[], name: TapeFieldName): TapeCell {
    const i = this.positions[name];
    if (i === undefined) return undefined;
    const v = cells[i];
    if (typeof v === "string") {
      const t = v.trim();
      return t === "" ? undefined : t;
    }
    return v ?? undefined;
  }

  private heading(name: TapeFieldName): string {
    const i = this.positions[name];
    return i === undefined ? name : this.headings[i];
  }

  /** A data row; `row` is its 1-based row in the file. */
  add(cells: readonly TapeCell[], row: number): void {
    if (!this.headed) throw new Error("TapeBuilder: header() first");
    if (this.fatal) return;
    if (cells.every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""))) return;
    // Rows, not loans kept: after a problem no loan is kept, but every row's id still is (duplicates).
    if (++this.rows > this.maxLoans) {
      this.fatal = true;
      this.problem(row, "", `the tape has more than ${this.maxLoans.toLocaleString("en-US")} loans; it was not read further (a larger limit: --max-loans)`);
      return;
    }
    const before = this.problems.length + this.unlisted;
    const bad = (name: TapeFieldName, message: string) => this.problem(row, this.heading(name), message);
    const text = (name: TapeFieldName): string | undefined => {
      const v = this.cell(cells, name);
      if (v === undefined) return undefined;
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      return String(v);
    };
    const num = (name: TapeFieldName): number | undefined => {
      const v = this.cell(cells, name);
      if (v === undefined) return undefined;
      if (typeof v === "number") return Number.isFinite(v) ? v : (bad(name, `${v} is not a number`), undefined);
      if (typeof v !== "string") return bad(name, `${String(v)} is not a number`), undefined;
      const cleaned = v.replace(/[$,%\s]/g, "");
      const negative = /^\(.*\)$/.test(cleaned);
      const n = Number(negative ? cleaned.slice(1, -1) : cleaned);
      if (cleaned === "" || !Number.isFinite(n)) return bad(name, `"${v}" is not a number`), undefined;
      return negative ? -n : n;
    };
    const int = (name: TapeFieldName): number | undefined => {
      const n = num(name);
      if (n === undefined) return undefined;
      if (!Number.isInteger(n)) return bad(name, `${n} is not a whole number`), undefined;
      return n;
    };
    const date = (name: TapeFieldName): CivilDate | undefined => {
      const v = this.cell(cells, name);
      if (v === undefined) return undefined;
      if (v instanceof Date) return civilDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
      const d = parseDate(String(v), this.map.dateFormat);
      if (d === undefined) {
        bad(name, `"${String(v)}" is not a date in ${this.map.dateFormat}${this.map.dateFormat === "YYYY-MM-DD" ? " (a tape with other dates: dateFormat: MM/DD/YYYY or DD/MM/YYYY in the column map)" : ""}`);
      }
      return d;
    };
    const range = (name: TapeFieldName, v: number | undefined, lo: number, hi: number, what: string) => {
      if (v !== undefined && !Number.isNaN(v) && !(v >= lo && v <= hi)) bad(name, `${v} is out of range: ${what} between ${lo} and ${hi}`);
    };

    const loanId = text("loanId");
    if (loanId === undefined) bad("loanId", "is blank: every loan needs an id");
    else {
      const first = this.seen.get(loanId);
      if (first !== undefined) bad("loanId", `duplicate loan id "${loanId}" (first at row ${first})`);
      else this.seen.set(loanId, row);
    }
    const group = text("group") ?? this.map.group ?? "1";
    const currentBalance = num("currentBalance");
    if (this.cell(cells, "currentBalance") === undefined) bad("currentBalance", "is blank");
    range("currentBalance", currentBalance, 0, 1e9, "a balance in dollars");
    const originalBalance = num("originalBalance");
    range("originalBalance", originalBalance, 0, 1e9, "a balance in dollars");
    const noteRate = num("noteRate");
    if (this.cell(cells, "noteRate") === undefined) bad("noteRate", "is blank");
    range("noteRate", noteRate, 0, 30, "a rate in percent");
    const servicingFee = num("servicingFee");
    range("servicingFee", servicingFee, 0, 5, "a fee rate in percent");
    const originalTerm = int("originalTerm");
    if (this.cell(cells, "originalTerm") === undefined) bad("originalTerm", "is blank");
    range("originalTerm", originalTerm, 1, 600, "months");
    let remainingTerm = int("remainingTerm");
    range("remainingTerm", remainingTerm, 1, 600, "months");
    let age = int("age");
    range("age", age, 0, 600, "months");
    const firstPaymentDate = date("firstPaymentDate");
    if (age === undefined && firstPaymentDate !== undefined) {
      if (this.cutoff === undefined) bad("firstPaymentDate", "an age from the first payment date needs the Cut-off Date (--cutoff, the map's cutoffDate, or the deal's)");
      else {
        // The Cut-off Date balance is after the payments due on or before it.
        age = monthsBetween(firstPaymentDate, this.cutoff) + 1;
        if (age < 0) bad("firstPaymentDate", `${firstPaymentDate} is more than a month after the Cut-off Date ${this.cutoff}`);
      }
    }
    if (originalTerm !== undefined) {
      if (age === undefined && remainingTerm !== undefined) age = originalTerm - remainingTerm;
      if (remainingTerm === undefined && age !== undefined) remainingTerm = originalTerm - age;
      if (age !== undefined && age > originalTerm) bad("age", `${age} months is past the original term of ${originalTerm}`);
      if (remainingTerm !== undefined && remainingTerm > originalTerm) bad("remainingTerm", `${remainingTerm} is longer than the original term of ${originalTerm}`);
      if (remainingTerm !== undefined && remainingTerm < 1) bad(this.positions.remainingTerm !== undefined ? "remainingTerm" : "age", "the loan has no months left");
    }
    if (age === undefined && remainingTerm === undefined && this.cell(cells, "firstPaymentDate") === undefined) {
      bad(this.positions.age !== undefined ? "age" : this.positions.firstPaymentDate !== undefined ? "firstPaymentDate" : "remainingTerm", "is blank: the loan's age is unknown");
    }
    const ioTerm = int("ioTerm") ?? 0;
    range("ioTerm", ioTerm, 0, 600, "months");

    const productText = text("product");
    const armIndex = text("armIndex");
    const isArm = armIndex !== undefined || (productText !== undefined && /\barm\b|adjustable|hybrid|\d+\s*\/\s*\d+/i.test(productText));
    let arm: TapeLoanArm | undefined;
    if (isArm) {
      const need = (name: TapeFieldName, v: number | undefined): number => {
        if (v === undefined && this.cell(cells, name) === undefined) bad(name, `is blank: an ARM (${productText ?? "index " + armIndex}) needs its ${TAPE_FIELD[name].description}`);
        return v ?? NaN;
      };
      if (armIndex === undefined) bad("armIndex", `is blank: an ARM (${productText}) needs its index`);
      const margin = need("margin", num("margin"));
      range("margin", margin, 0, 20, "a margin in percent");
      const initialCap = need("initialCap", num("initialCap"));
      const periodicCap = need("periodicCap", num("periodicCap"));
      const lifeRaw = need("lifetimeCap", num("lifetimeCap"));
      const lifetimeCap = this.map.lifetimeCap === "rate" && noteRate !== undefined ? lifeRaw - noteRate : lifeRaw;
      if (Number.isFinite(lifetimeCap) && lifetimeCap < 0) bad("lifetimeCap", this.map.lifetimeCap === "rate" ? `maximum rate ${lifeRaw} is below the note rate ${noteRate}` : `${lifeRaw} is negative (a maximum rate? lifetimeCap: rate in the column map)`);
      for (const [n, v] of [["initialCap", initialCap], ["periodicCap", periodicCap]] as const) if (v < 0) bad(n, `${v} is negative`);
      const floor = num("floor") ?? margin;
      const hybrid = productText === undefined ? null : /(\d+)\s*\/\s*(\d+)/.exec(productText);
      let resetFrequency = int("resetFrequency");
      if (resetFrequency === undefined && hybrid) resetFrequency = Number(hybrid[2]) === 1 ? 12 : Number(hybrid[2]);
      if (resetFrequency === undefined && this.cell(cells, "resetFrequency") === undefined) bad("resetFrequency", `is blank: an ARM (${productText ?? armIndex}) needs its months between resets`);
      if (resetFrequency !== undefined && resetFrequency < 1) bad("resetFrequency", `${resetFrequency} must be at least 1 month`);
      const nextReset = date("nextResetDate");
      let firstResetAge: number | undefined;
      if (nextReset !== undefined) {
        if (this.cutoff === undefined) bad("nextResetDate", "a first reset from the next reset date needs the Cut-off Date (--cutoff, the map's cutoffDate, or the deal's)");
        else if (age !== undefined) {
          const ahead = monthsBetween(this.cutoff, nextReset);
          if (ahead < 0) bad("nextResetDate", `${nextReset} is before the Cut-off Date ${this.cutoff}`);
          else firstResetAge = age + Math.max(ahead, 1);
        }
      } else if ((firstResetAge = int("firstResetAge")) !== undefined) range("firstResetAge", firstResetAge, 1, 600, "months");
      else if (hybrid) firstResetAge = Number(hybrid[1]) * 12;
      else if (this.cell(cells, "nextResetDate") === undefined) bad("nextResetDate", `is blank: an ARM (${productText ?? armIndex}) needs its next reset date (or a product such as 5/1 ARM)`);
      arm = {
        index: armIndex ?? "",
        margin,
        firstResetAge: firstResetAge ?? NaN,
        resetFrequency: resetFrequency ?? NaN,
        initialCap,
        periodicCap,
        lifetimeCap,
        floor,
        rounding: this.map.rounding,
        roundingMethod: this.map.roundingMethod,
      };
    }
    const state = text("state")?.toUpperCase();
    if (state !== undefined && !/^[A-Z]{2}$/.test(state)) bad("state", `"${state}" is not a two-letter state code`);
    const fico = int("fico");
    range("fico", fico, 300, 850, "a FICO score");
    const ltv = num("ltv");
    range("ltv", ltv, 0, 200, "an LTV in percent");
    const dq = text("delinquency");

    if (this.problems.length + this.unlisted > before) return;
    if (this.problems.length + this.unlisted > 0) {
      // A bad row earlier: keep checking, but hold no loans.
      return;
    }
    this.loans.push({
      row,
      loanId: loanId!,
      group,
      currentBalance: currentBalance!,
      ...(originalBalance === undefined ? {} : { originalBalance }),
      noteRate: noteRate!,
      ...(servicingFee === undefined ? {} : { servicingFee }),
      originalTerm: originalTerm!,
      remainingTerm: remainingTerm!,
      age: age!,
      ioTerm,
      product: productText ?? (arm ? "ARM" : "Fixed"),
      ...(arm ? { arm } : {}),
      ...(dq === undefined ? {} : { delinquency: normalizeDelinquency(dq) }),
      ...(state === undefined ? {} : { state }),
      ...(fico === undefined ? {} : { fico }),
      ...(ltv === undefined ? {} : { ltv }),
    });
  }

  /** The tape, or a TapeError listing every problem (no headings: the file was empty). */
  finish(): ImportedTape {
    if (!this.headed) throw new TapeError(this.file, [{ row: 0, column: "", message: "the tape is empty: no heading row" }]);
    if (this.problems.length === 0 && this.unlisted === 0 && this.loans.length === 0) this.problem(0, "", "the tape has headings but no loans");
    if (this.problems.length || this.unlisted) throw new TapeError(this.file, this.problems, "loan tape", this.unlisted);
    const columns: Partial<Record<TapeFieldName, string>> = {};
    for (const f of TAPE_FIELDS) {
      const i = this.positions[f.name];
      if (i !== undefined) columns[f.name] = this.headings[i];
    }
    return { file: this.file, loans: this.loans, columns, ignoredColumns: this.ignored, ...(this.cutoff ? { cutoffDate: this.cutoff } : {}) };
  }
}

function parseDate(text: string, format: string): CivilDate | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  if (format === "YYYY-MM-DD") {
    const x = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!x) return undefined;
    [y, m, d] = [Number(x[1]), Number(x[2]), Number(x[3])];
  } else {
    const x = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (!x) return undefined;
    y = Number(x[3]);
    [m, d] = format === "MM/DD/YYYY" ? [Number(x[1]), Number(x[2])] : [Number(x[2]), Number(x[1])];
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  const out = civilDate(y, m, d);
  return isCivilDate(out) ? out : undefined;
}

function normalizeDelinquency(text: string): string {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "0" || t === "c" || t === "current" || t === "curr") return "current";
  if (/^(30|30-59|1)$/.test(t)) return "30";
  if (/^(60|60-89|2)$/.test(t)) return "60";
  if (/^(90|90\+|90-119|120|120\+|3|4)$/.test(t)) return "90+";
  if (/^(fc|foreclosure|f)$/.test(t)) return "FC";
  if (/^(reo|r)$/.test(t)) return "REO";
  if (/^(bk|bankruptcy|b)$/.test(t)) return "BK";
  return text.trim();
}
