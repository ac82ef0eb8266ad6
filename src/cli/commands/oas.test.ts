/** `tranche oas` through the CLI: the JSON shape of the issue, byte-identical reruns, errors. */
import { describe, expect, it } from "vitest";
import { tranche } from "../../../test/support/cli.js";

describe("tranche oas", () => {
  it("JSON has {deal, curve, model, paths, seed, classes: {ID: {price, oas, oasStandardError, zSpread, oad, oac, averageLife}}, corridors, runSeconds}", async () => {
    const { code, stdout, stderr } = await tranche("oas", "cwalt-2007-12t1", "--price", "A-3=99-16,PO=60", "--paths", "8", "--format", "json", "--quiet");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    for (const k of ["deal", "curve", "model", "paths", "seed", "classes", "corridors", "runSeconds"]) expect(r).toHaveProperty(k);
    expect(r.paths).toBe(8);
    expect(r.classes["A-3"].price).toBe(99.5);
    for (const k of ["price", "oas", "oasStandardError", "zSpread", "oad", "oac", "averageLife"]) expect(typeof r.classes.PO[k]).toBe("number");
    expect(Object.keys(r.corridors[0])).toEqual(expect.arrayContaining(["id", "monteCarloValue", "standardError", "analyticValue"]));
  });

  it("the same seed prints byte-identical tables and CSV; another seed other figures", async () => {
    const args = ["oas", "cwalt-2007-12t1", "--price", "A-4=98", "--paths", "8", "--shift", "0", "--quiet"];
    const a = await tranche(...args);
    const b = await tranche(...args);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/A-4\s+98\.0000/);
    const c = await tranche(...args, "--seed", "2");
    expect(c.stdout).not.toBe(a.stdout);
    const csv = await tranche(...args, "--format", "csv");
    expect(csv.stdout.split("\n")[0]).toBe("class,price,full_price,oas_bp,oas_se_bp,z_spread_bp,oad,oad_se,oac,oac_se,avg_life");
  });

  it("names bad flags", async () => {
    const odd = await tranche("oas", "cwalt-2007-12t1", "--price", "A-4=98", "--paths", "7");
    expect(odd.stderr).toContain("--paths: expected an even number");
    const none = await tranche("oas", "cwalt-2007-12t1");
    expect(none.stderr).toContain("--price: give the classes to value");
    const bad = await tranche("oas", "cwalt-2007-12t1", "--price", "Q=98");
    expect(bad.stderr).toContain('has no class "Q"');
    const vol = await tranche("oas", "cwalt-2007-12t1", "--price", "A-4=98", "--vol", "x");
    expect(vol.stderr).toContain("--vol: expected a number from 0 to 20");
  });
});
