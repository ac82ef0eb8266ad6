/** Display formats. Exports keep full precision; only the screen rounds. */
const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat("en-US", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const years = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export type ColumnFormat = "money" | "pct" | "years" | "int" | "text" | "bool";

export function formatCell(value: unknown, format: ColumnFormat): string {
  if (value === null || value === undefined) return "–";
  switch (format) {
    case "money":
      return money.format(value as number);
    case "pct":
      return pct.format(value as number);
    case "years":
      return years.format(value as number);
    case "int":
      return String(value);
    case "bool":
      return value ? "pass" : "fail";
    case "text":
      return String(value);
  }
}

export const formatMoney = (x: number) => money.format(x);
export const formatCompact = (x: number) => compact.format(x);
