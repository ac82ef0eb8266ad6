/** Number formats shared by the statement renderers. */
import type { Cents } from "../../core/money.js";

/** 123456789 cents → "1,234,567.89". */
export function dollars(amount: Cents | number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

/** Exact dollars for CSV: 123456789 cents → "1234567.89". */
export function plainDollars(amount: Cents | number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function rate(value: number | null, digits = 5): string {
  return value === null ? "" : `${value.toFixed(digits)}%`;
}

export function factor(value: number): string {
  return value.toFixed(8);
}

export const CUSIP_PLACEHOLDER = "(not assigned)";
