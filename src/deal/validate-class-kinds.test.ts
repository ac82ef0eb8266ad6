import { describe, expect, it } from "vitest";
import { loadDeal } from "./load-deal.js";
import type { Deal } from "./schema.js";
import { validateDeal } from "./validate.js";

const { deal } = loadDeal("cwalt-2007-xpz");
const messages = (d: Deal) => validateDeal(d).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("validation of PAC/TAC schedules, accrual and exchangeable classes", () => {
  it("the bundled deal is valid", () => {
    expect(messages(deal)).toEqual([]);
  });

  it("a schedule that stops above zero does not cover the class's life", () => {
    const principalSchedules = deal.principalSchedules.map((x, i) => (i === 0 ? { ...x, plannedBalances: x.plannedBalances.slice(0, 10) } : x));
    expect(messages({ ...deal, principalSchedules })).toEqual([expect.stringMatching(/^principalSchedules\.0\.plannedBalances\.9\.balance: .*does not cover the life of P-1/)]);
  });

  it("a schedule with a gap, and a payee naming an unknown schedule", () => {
    const principalSchedules = deal.principalSchedules.map((x, i) => (i === 0 ? { ...x, plannedBalances: [x.plannedBalances[0], ...x.plannedBalances.slice(2)] } : x));
    expect(messages({ ...deal, principalSchedules }).join("\n")).toMatch(/plannedBalances\.1\.date: .*does not follow/);
    const rules = deal.rules.map((r) => (r.kind === "seniorPrincipal" ? { ...r, sequence: r.sequence.map((p) => (p.schedule === "P-1-planned" ? { ...p, schedule: "nope" } : p)) } : r));
    expect(messages({ ...deal, rules }).join("\n")).toMatch(/rules\.3\.sequence\.1\.schedule: .*unknown principal schedule "nope"/);
  });

  it("an exchange combination whose proportions do not match the classes' balances", () => {
    const exchangeableClasses = [{ ...deal.exchangeableClasses[0], components: [{ class: "C-1", proportion: 0.5 }, { class: "C-2", proportion: 0.5 }] }];
    expect(messages({ ...deal, exchangeableClasses }).join("\n")).toMatch(/exchangeableClasses\.0\.components\.0\.proportion: .*C-1 is 60\.000000% .*proportions do not match/);
  });

  it("an accrual class with no directed class", () => {
    const rules = deal.rules.filter((r) => r.kind !== "accrualDistribution");
    expect(messages({ ...deal, rules }).join("\n")).toMatch(/classes\.6\.coupon\.accrual: accrual class Z has no accretion-directed class/);
  });

  it("an exchange combination whose components accrue differently, and a REMIC class typed exchangeable", () => {
    const classes = deal.classes.map((c) => (c.id === "C-2" ? { ...c, accrual: { ...c.accrual, delayDays: 0 } } : c.id === "C-1" ? { ...c, types: [...c.types, "exchangeable" as const] } : c));
    const all = messages({ ...deal, classes }).join("\n");
    expect(all).toMatch(/exchangeableClasses\.0\.components: exchangeable class E-1: its components accrue differently \(C-1 calendarMonth accrual, 24-day delay; C-2 calendarMonth accrual, 0-day delay\)/);
    expect(all).toMatch(/classes\.4\.types\.3: class C-1: "exchangeable" is the type of an exchangeableClasses entry/);
  });
});
