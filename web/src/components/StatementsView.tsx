import { useEffect, useState } from "react";
import { ApiCallError } from "../api.js";
import type { Statement } from "../../../src/admin/statement/statement.js";
import { DataTable } from "./DataTable.js";
import { formatMoney } from "../format.js";

interface StatementIndexEntry {
  postingId: number;
  period: number;
  distributionDate: string;
  revision: number;
  postedAt: string;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiCallError(res.status, body?.error?.code ?? "error", body?.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

/** Statement amounts are integer cents; the screen shows dollars. */
const $ = (cents: number) => cents / 100;

/** Statements (§4.06) of the Distribution Dates posted to this server's store. */
export function StatementsView({ dealId }: { dealId: string }) {
  const [index, setIndex] = useState<StatementIndexEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [statement, setStatement] = useState<Statement | null>(null);

  useEffect(() => {
    setIndex(null);
    setError(null);
    setStatement(null);
    getJson<{ statements: StatementIndexEntry[] }>(`/api/deals/${encodeURIComponent(dealId)}/statements`)
      .then((r) => {
        setIndex(r.statements);
        setSelected(r.statements.length ? r.statements[r.statements.length - 1].distributionDate : null);
      })
      .catch((e: ApiCallError) =>
        setError(e.status === 404 && e.code === "not_found" ? "This server has no administration store (start it with tranche serve --db FILE)." : e.message),
      );
  }, [dealId]);

  useEffect(() => {
    if (!selected) return;
    setStatement(null);
    getJson<Statement>(`/api/deals/${encodeURIComponent(dealId)}/statements/${selected}`)
      .then(setStatement)
      .catch((e: Error) => setError(e.message));
  }, [dealId, selected]);

  if (error) return <p className="banner error" data-testid="statements-error">{error}</p>;
  if (!index) return <p className="muted">Loading statements…</p>;
  if (index.length === 0)
    return (
      <p className="muted" data-testid="statements-empty">
        No remittance has been posted for this deal yet. Post one with <code>POST /api/deals/{dealId}/remittances</code> (bearer token), see <a href="/docs#postRemittances">/docs</a>.
      </p>
    );
  return (
    <div className="view" data-testid="statements-view">
      <div className="class-picker">
        <span className="muted">Distribution Date:</span>
        {index.map((s) => (
          <button key={s.distributionDate} type="button" className={s.distributionDate === selected ? "chip active" : "chip"} onClick={() => setSelected(s.distributionDate)}>
            {s.distributionDate}
            {s.revision > 1 ? ` (rev ${s.revision})` : ""}
          </button>
        ))}
      </div>
      {statement ? (
        <>
          <div className="cards">
            <div className="card">
              <div className="card-label">Distribution Date</div>
              <div className="card-value">{statement.distributionDate}</div>
              <div className="muted">
                period {statement.period} · revision {statement.revision} · remittance {statement.remittanceSha256.slice(0, 12)}…
              </div>
            </div>
            <div className="card">
              <div className="card-label">Sources = uses</div>
              <div className="card-value">${formatMoney($(statement.totalSources))}</div>
              <div className={statement.totalSources === statement.totalUses ? "ok" : "error"}>
                uses ${formatMoney($(statement.totalUses))} {statement.totalSources === statement.totalUses ? "✓ to the cent" : "✗"}
              </div>
            </div>
            <div className="card">
              <div className="card-label">Pool vs classes</div>
              <div className="card-value">${formatMoney($(statement.balanceCheck.poolBalance))}</div>
              <div className={statement.balanceCheck.ties ? "ok" : "error"}>
                classes ${formatMoney($(statement.balanceCheck.classBalances))} {statement.balanceCheck.ties ? "✓ ties" : "✗ does not tie"}
              </div>
            </div>
            <div className="card">
              <div className="card-label">Cumulative Realized Losses</div>
              <div className="card-value">${formatMoney($(statement.cumulativeRealizedLosses))}</div>
              <div className="muted">{statement.depletion.depleted ? `depleted ${statement.depletion.seniorCreditSupportDepletionDate}` : "subordinates outstanding"}</div>
            </div>
          </div>
          <DataTable
            id="statement-classes"
            title="Distributions by class"
            maxHeight="none"
            columns={[
              { key: "classId", label: "Class", format: "text" },
              { key: "passThroughRate", label: "Rate %", format: "pct" },
              { key: "beginningBalance", label: "Beginning balance", format: "money" },
              { key: "interest", label: "Interest", format: "money" },
              { key: "principal", label: "Principal", format: "money" },
              { key: "realizedLosses", label: "Realized losses", format: "money" },
              { key: "endingBalance", label: "Ending balance", format: "money" },
              { key: "totalDistribution", label: "Total distribution", format: "money" },
            ]}
            rows={statement.classes.map((c) => ({
              classId: c.classId,
              passThroughRate: c.passThroughRate,
              beginningBalance: $(c.beginningBalance),
              interest: $(c.interest),
              principal: $(c.principal),
              realizedLosses: $(c.realizedLosses),
              endingBalance: $(c.endingBalance),
              totalDistribution: $(c.totalDistribution),
            }))}
          />
          <DataTable
            id="statement-pool"
            title="Collateral"
            maxHeight="none"
            columns={[
              { key: "group", label: "Group", format: "text" },
              { key: "beginningBalance", label: "Beginning balance", format: "money" },
              { key: "scheduledPrincipal", label: "Scheduled principal", format: "money" },
              { key: "payoffs", label: "Payoffs", format: "money" },
              { key: "curtailments", label: "Curtailments", format: "money" },
              { key: "realizedLosses", label: "Realized losses", format: "money" },
              { key: "interestCollected", label: "Interest collected", format: "money" },
              { key: "availableFunds", label: "Available Funds", format: "money" },
              { key: "endingBalance", label: "Ending balance", format: "money" },
              { key: "delinquent60Plus", label: "60+ delinquent", format: "money" },
            ]}
            rows={statement.pool.map((p) => ({
              group: p.group,
              beginningBalance: $(p.beginningBalance),
              scheduledPrincipal: $(p.scheduledPrincipal),
              payoffs: $(p.payoffs),
              curtailments: $(p.curtailments),
              realizedLosses: $(p.realizedLosses),
              interestCollected: $(p.interestCollected),
              availableFunds: $(p.availableFunds),
              endingBalance: $(p.endingBalance),
              delinquent60Plus: $(p.delinquent60Plus),
            }))}
          />
          <DataTable
            id="statement-triggers"
            title="Triggers"
            maxHeight="none"
            wrap
            columns={[
              { key: "name", label: "Test", format: "text" },
              { key: "citation", label: "Section", format: "text" },
              { key: "value", label: "Value", format: "text" },
              { key: "threshold", label: "Threshold", format: "text" },
              { key: "result", label: "Result", format: "text" },
            ]}
            rows={statement.triggers}
          />
          <div className="grid2">
            <DataTable
              id="statement-sources"
              title="Sources"
              maxHeight="none"
              wrap
              columns={[
                { key: "label", label: "Item", format: "text" },
                { key: "amount", label: "Amount", format: "money" },
              ]}
              rows={[...statement.sources.map((l) => ({ label: l.label, amount: $(l.amount) })), { label: "Total sources", amount: $(statement.totalSources), total: true }]}
              rowClass={(r) => ((r as { total?: boolean }).total ? "total" : undefined)}
            />
            <DataTable
              id="statement-uses"
              title="Uses"
              maxHeight="none"
              wrap
              columns={[
                { key: "label", label: "Item", format: "text" },
                { key: "amount", label: "Amount", format: "money" },
              ]}
              rows={[...statement.uses.map((l) => ({ label: l.label, amount: $(l.amount) })), { label: "Total uses", amount: $(statement.totalUses), total: true }]}
              rowClass={(r) => ((r as { total?: boolean }).total ? "total" : undefined)}
            />
          </div>
        </>
      ) : (
        <p className="muted">Loading the statement…</p>
      )}
    </div>
  );
}
