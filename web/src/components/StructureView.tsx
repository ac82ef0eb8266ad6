import { useMemo, useState } from "react";
import type { Deal, DealDetail } from "../api.js";
import { DataTable } from "./DataTable.js";
import { formatMoney } from "../format.js";

type Coupon = Deal["classes"][number]["coupon"];
type Rule = Deal["rules"][number];

function couponText(c: Coupon): string {
  switch (c.kind) {
    case "fixed":
      return `${c.rate.toFixed(3)}% fixed`;
    case "floater":
      return `${c.index} + ${c.margin}% (floor ${c.floor}%, cap ${c.cap}%)`;
    case "inverseFloater":
      return `${c.constant}% − ${c.multiplier === 1 ? "" : `${c.multiplier}×`}${c.index} (floor ${c.floor}%, cap ${c.cap}%)`;
    case "premiumStrip":
      return "premium strip (Σ non-discount net rate − Required Coupon)";
    case "none":
      return "none (principal only)";
    case "groupNetWac":
      return `Group ${c.group} net WAC`;
    case "subordinateNetWac":
      return "subordinate net WAC";
  }
}

function ruleText(r: Rule): string {
  switch (r.kind) {
    case "seniorInterest":
      return `Group ${r.group}: interest to ${r.classes.join(", ")} pro rata`;
    case "poPrincipal":
      return `Group ${r.group}: PO Formula Principal Amount to ${r.class}`;
    case "seniorPrincipal":
      return `Group ${r.group}: ${r.sequence
        .map((p, i) => `${i + 1}. ${p.classes.join(" & ")}${p.share === "proRata" ? " pro rata" : ""}${p.limit === "priorityAmount" ? " (Priority Amount)" : " to zero"}`)
        .join("; ")}`;
    case "seniorPrincipalAfterDepletion":
      return "after the Senior Credit Support Depletion Date: seniors concurrently, pro rata by balance";
    case "poDeferred":
      return `Group ${r.group}: Class PO Deferred Amounts to ${r.class}`;
    case "crossCollateralization":
      return "Transfer Payments to an Undercollateralized Group";
    case "subordinates":
      return `${r.classes.join(", ")}: interest, then principal, in order`;
    case "residual":
      return `remainder to ${r.class}`;
    default:
      return (r as { kind: string }).kind;
  }
}

export function StructureView({ detail }: { detail: DealDetail }) {
  const { deal, summary } = detail;
  const [filter, setFilter] = useState("");
  const support = new Map(detail.creditSupport.map((r) => [r.class, r]));
  const provenanceOf = useMemo(() => new Map(detail.provenance.map((p) => [p.path, p])), [detail]);
  const pool = deal.collateral.groups.reduce((s, g) => s + g.repLines.reduce((t, l) => t + l.statedPrincipalBalance, 0), 0);

  const classRows = deal.classes.map((c) => ({
    class: c.id,
    types: c.types.join(", "),
    group: c.group ?? "all",
    initialBalance: c.notional ? null : c.initialBalance,
    notional: c.notional ? (c.notional.of === "class" ? `notional: ${c.notional.class}` : "notional: non-discount loans") : "",
    coupon: couponText(c.coupon),
    accrual: `${c.accrual.period === "calendarMonth" ? "calendar month" : "25th–24th"}, ${c.accrual.delayDays}d delay`,
    percentOfPool: support.get(c.id)?.percentOfPool || null,
    creditSupport: support.get(c.id)?.creditSupport || null,
    offered: c.offered ? "yes" : "no",
    source: provenanceOf.get(`classes[${c.id}].initialBalance`)?.kind ?? "",
  }));

  const repLines = deal.collateral.groups.flatMap((g) =>
    g.repLines.map((l) => ({
      group: g.id,
      repLine: l.id,
      balance: l.statedPrincipalBalance,
      rate: l.mortgageRate,
      netRate: l.mortgageRate - deal.collateral.masterServicingFeeRate - deal.collateral.trusteeFeeRate,
      term: `${l.originalTerm}/${l.remainingTerm}`,
      age: l.age,
      io: l.interestOnlyMonths,
      product: l.arm ? `${l.arm.firstResetAge / 12}/1 ARM on ${l.arm.index} + ${l.arm.margin}%` : "fixed",
      loans: l.loanCount,
    })),
  );

  const rules = deal.rules.map((r, i) => ({ order: i + 1, section: r.section, title: r.title, kind: r.kind, detail: ruleText(r) }));
  const provenance = detail.provenance.filter(
    (p) => filter === "" || `${p.path} ${p.kind} ${p.source}`.toLowerCase().includes(filter.toLowerCase()),
  );

  return (
    <div className="view" data-testid="structure-view">
      <div className="cards">
        <div className="card">
          <div className="card-label">Deal</div>
          <div className="card-value">{deal.name}</div>
          <div className="muted">
            closing {deal.dates.closingDate} · cut-off {deal.dates.cutoffDate} · first distribution {deal.dates.firstDistributionDate}
          </div>
        </div>
        <div className="card">
          <div className="card-label">Pool at cut-off</div>
          <div className="card-value">${formatMoney(pool)}</div>
          <div className="muted">{deal.collateral.groups.length} group(s) · expense fee {(deal.collateral.masterServicingFeeRate + deal.collateral.trusteeFeeRate).toFixed(3)}%</div>
        </div>
        <div className="card">
          <div className="card-label">Offered certificates</div>
          <div className="card-value">${formatMoney(deal.offeredAmount)}</div>
          <div className="muted">pricing speed {summary.pricingScenario} · clean-up call at {deal.optionalTermination.cleanUpPercent}%</div>
        </div>
        <div className="card">
          <div className="card-label">Parties</div>
          <div className="small-text">
            {Object.entries(deal.parties)
              .slice(0, 4)
              .map(([k, v]) => (
                <div key={k}>
                  <span className="muted">{k}: </span>
                  {Array.isArray(v) ? v.join("; ") : v}
                </div>
              ))}
          </div>
        </div>
      </div>

      <DataTable
        id="classes"
        title="Certificates"
        maxHeight={360}
        note="Credit support: the Original Applicable Credit Support Percentage — balances junior to the class over the non-PO pool."
        columns={[
          { key: "class", label: "Class", format: "text" },
          { key: "types", label: "Type", format: "text" },
          { key: "group", label: "Group", format: "text" },
          { key: "initialBalance", label: "Initial balance", format: "money" },
          { key: "notional", label: "Notional", format: "text" },
          { key: "coupon", label: "Pass-Through Rate", format: "text" },
          { key: "accrual", label: "Accrual", format: "text" },
          { key: "percentOfPool", label: "% of pool", format: "pct" },
          { key: "creditSupport", label: "Credit support %", format: "pct" },
          { key: "offered", label: "Offered", format: "text" },
          { key: "source", label: "Provenance", format: "text" },
        ]}
        rows={classRows}
      />
      <DataTable
        id="collateral-lines"
        title="Collateral (rep lines)"
        maxHeight={240}
        columns={[
          { key: "group", label: "Group", format: "text" },
          { key: "repLine", label: "Rep line", format: "text" },
          { key: "balance", label: "Stated Principal Balance", format: "money" },
          { key: "rate", label: "Mortgage Rate %", format: "pct" },
          { key: "netRate", label: "Net rate %", format: "pct" },
          { key: "term", label: "Orig/rem term", format: "text" },
          { key: "age", label: "Age", format: "int" },
          { key: "io", label: "IO months", format: "int" },
          { key: "product", label: "Product", format: "text" },
          { key: "loans", label: "Loans", format: "int" },
        ]}
        rows={repLines}
      />
      <DataTable
        id="rules"
        title="Distribution rules (§4.02), in order"
        maxHeight={320}
        columns={[
          { key: "order", label: "#", format: "int" },
          { key: "section", label: "PSA section", format: "text" },
          { key: "title", label: "Title", format: "text" },
          { key: "detail", label: "What it pays", format: "text" },
        ]}
        rows={rules}
      />
      {summary.amendments.length ? (
        <section className="table-block">
          <h3>Amendments</h3>
          <ul>
            {summary.amendments.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong> — signed {a.dateSigned}, effective {a.effectiveDate}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="table-block">
        <div className="table-head">
          <h3>Provenance</h3>
          <span className="muted">
            {detail.provenance.filter((p) => p.kind === "filed").length} filed · {detail.provenance.filter((p) => p.kind === "modeled").length} modeled
          </span>
          <span className="spacer" />
          <input className="filter" placeholder="filter: path, filed, modeled, source…" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="provenance-filter" />
        </div>
      </section>
      <DataTable
        id="provenance"
        title="Where every value comes from"
        maxHeight={300}
        columns={[
          { key: "path", label: "Field", format: "text" },
          { key: "kind", label: "Kind", format: "text" },
          { key: "source", label: "Source / note", format: "text" },
        ]}
        rows={provenance}
        rowClass={(r) => ((r as { kind?: string }).kind === "filed" ? "filed" : undefined)}
      />
    </div>
  );
}
