/** `tranche project --format csv` carries an accretion column when a class accretes, and not otherwise. */
import { describe, expect, it } from "vitest";
import { tranche } from "../../../test/support/cli.js";

describe("tranche project --format csv: accretion", () => {
  it("Z's rows: end = begin + accretion − principal − writedown within a cent, accretion equal to the JSON's", async () => {
    const csv = await tranche("project", "cwalt-2007-xpz", "--ppc", "200", "--format", "csv");
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split("\n").map((l) => l.split(","));
    expect(header.slice(0, 7)).toEqual(["class", "period", "date", "beginBalance", "interest", "accretion", "principal"]);
    const col = (r: string[], n: string) => Number(r[header.indexOf(n)]);
    const json = JSON.parse((await tranche("project", "cwalt-2007-xpz", "--ppc", "200", "--format", "json")).stdout);
    const z = rows.filter((r) => r[0] === "Z");
    expect(z.length).toBe(json.classes.Z.flows.length);
    z.forEach((r, i) => {
      const c = (x: number) => Math.round(x * 100);
      expect(c(col(r, "accretion"))).toBe(c(json.classes.Z.flows[i].accretion));
      // each printed figure is rounded to the cent on its own, so the identity holds within a cent
      expect(Math.abs(c(col(r, "endBalance")) - (c(col(r, "beginBalance")) + c(col(r, "accretion")) - c(col(r, "principal")) - c(col(r, "writedown"))))).toBeLessThanOrEqual(1);
    });
    expect(z.some((r) => col(r, "accretion") > 0)).toBe(true);
  });

  it("a deal without an accrual class has no accretion column", async () => {
    const { stdout } = await tranche("project", "cwalt-2007-12t1", "--format", "csv");
    expect(stdout.split("\n")[0]).not.toContain("accretion");
  });
});
