/**
 * Writes a remittance (cents) as the files `readRemittance` reads: JSON with one
 * loan per line (so a problem's line is the loan's row), or CSV. Amounts are
 * written exactly, as dollars with two decimals. Deterministic: the same
 * remittance always gives the same bytes.
 */
import type { Cents } from "../../core/money.js";
import { csvLine } from "./csv.js";
import { LOAN_CSV_COLUMNS, LOAN_MONEY_FIELDS, type LoanRemittance, type Remittance } from "./schema.js";

/** Exact dollars text of an amount in cents: 123456 → "1234.56". */
export function dollarsText(amount: Cents | number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const MONEY = new Set<string>(LOAN_MONEY_FIELDS);
const LOAN_COLUMNS = Object.keys(LOAN_CSV_COLUMNS) as (keyof LoanRemittance)[];

function jsonValue(key: string, value: unknown): string {
  if (MONEY.has(key)) return dollarsText(value as number);
  return JSON.stringify(value);
}

export function remittanceToJson(remittance: Remittance): string {
  const h = remittance.header;
  const totals = Object.entries(h.totals)
    .map(([k, v]) => `      ${JSON.stringify(k)}: ${k === "loanCount" ? String(v) : dollarsText(v)}`)
    .join(",\n");
  const fixings = Object.entries(h.indexFixings)
    .map(([k, v]) => `${JSON.stringify(k)}: ${v}`)
    .join(", ");
  const loans = remittance.loans
    .map((loan) => `    {${LOAN_COLUMNS.map((k) => `${JSON.stringify(k)}: ${jsonValue(k, loan[k])}`).join(", ")}}`)
    .join(",\n");
  return [
    "{",
    '  "header": {',
    `    "format": ${JSON.stringify(h.format)},`,
    `    "dealId": ${JSON.stringify(h.dealId)},`,
    `    "distributionDate": ${JSON.stringify(h.distributionDate)},`,
    `    "servicer": ${JSON.stringify(h.servicer)},`,
    `    "indexFixings": {${fixings}},`,
    '    "totals": {',
    totals,
    "    }",
    "  },",
    '  "loans": [',
    loans,
    "  ]",
    "}",
    "",
  ].join("\n");
}

export function remittanceToCsv(remittance: Remittance): string {
  const h = remittance.header;
  const rows: string[] = [csvLine(["field", "value"])];
  rows.push(csvLine(["format", h.format]), csvLine(["dealId", h.dealId]), csvLine(["distributionDate", h.distributionDate]), csvLine(["servicer", h.servicer]));
  for (const [k, v] of Object.entries(h.indexFixings)) rows.push(csvLine([`indexFixings.${k}`, String(v)]));
  for (const [k, v] of Object.entries(h.totals)) rows.push(csvLine([`totals.${k}`, k === "loanCount" ? String(v) : dollarsText(v)]));
  rows.push("");
  rows.push(csvLine(LOAN_COLUMNS));
  for (const loan of remittance.loans) {
    rows.push(
      csvLine(
        LOAN_COLUMNS.map((k) => {
          const v = loan[k];
          if (MONEY.has(k)) return dollarsText(v as number);
          if (v === null) return "";
          return String(v);
        }),
      ),
    );
  }
  return rows.join("\n") + "\n";
}
