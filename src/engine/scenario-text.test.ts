import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { formatScenarioText, parseScenarioText, ScenarioTextError } from "./scenario-text.js";

function errorOf(text: string): ScenarioTextError {
  try {
    parseScenarioText(text);
  } catch (e) {
    if (e instanceof ScenarioTextError) return e;
    throw e;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe("parseScenarioText", () => {
  it("reads the analysts' standard line", () => {
    expect(parseScenarioText("100 PPC, 2 CDR, 40 sev, 12 lag")).toEqual({
      ...DEFAULT_SCENARIO,
      prepayment: { unit: "ppc", values: [100] },
      default: { unit: "cdr", values: [2] },
      severity: [40],
      recoveryLag: 12,
    });
  });

  it.each([
    ["8 CPR", { unit: "cpr", values: [8] }],
    ["150 psa", { unit: "psa", values: [150] }],
    ["0.5 SMM", { unit: "smm", values: [0.5] }],
    ["25cpr", { unit: "cpr", values: [25] }],
  ])("prepayment %s", (text, prepayment) => {
    expect(parseScenarioText(text).prepayment).toEqual(prepayment);
  });

  it.each([
    ["3 CDR", { unit: "cdr", values: [3] }],
    ["0.25 MDR", { unit: "mdr", values: [0.25] }],
    ["200 SDA", { unit: "sda", values: [200] }],
  ])("defaults %s", (text, dflt) => {
    expect(parseScenarioText(text).default).toEqual(dflt);
  });

  it("expands vectors written without spaces, and keeps clause commas apart", () => {
    const s = parseScenarioText("6,8,10x3,20 CPR, 1,2 CDR, 35% sev");
    expect(s.prepayment).toEqual({ unit: "cpr", values: [6, 8, 10, 10, 10, 20] });
    expect(s.default).toEqual({ unit: "cdr", values: [1, 2] });
    expect(s.severity).toEqual([35]);
  });

  it("maps the bare word LIBOR to the deal's LIBOR and keeps named indices", () => {
    expect(parseScenarioText("LIBOR 5.5").indices).toEqual({ LIBOR_1M: { values: [5.5] } });
    expect(parseScenarioText("libor 4,5x2", { liborIndex: "LIBOR_1Y" }).indices).toEqual({
      LIBOR_1Y: { values: [4, 5, 5] },
    });
    expect(parseScenarioText("LIBOR_1Y 3.25").indices).toEqual({ LIBOR_1Y: { values: [3.25] } });
  });

  it("reads flags in both spellings", () => {
    const s = parseScenarioText("25 CPR call no-advance");
    expect(s.optionalTermination).toBe(true);
    expect(s.advancing).toBe(false);
    const t = parseScenarioText("25 CPR; no call; no advance");
    expect(t.optionalTermination).toBe(false);
    expect(t.advancing).toBe(false);
  });

  it("reads shortfall assumptions", () => {
    const s = parseScenarioText("100 PPC, 50 PIS, 0.1 relief");
    expect(s.prepaymentInterestShortfall).toBe(50);
    expect(s.reliefActReduction).toBe(0.1);
  });

  it("fills what the text leaves out from the base", () => {
    const base: Scenario = {
      ...DEFAULT_SCENARIO,
      prepayment: { unit: "cpr", values: [25] },
      indices: { LIBOR_1Y: { values: [5.3] } },
    };
    const s = parseScenarioText("2 CDR", { base });
    expect(s.prepayment).toEqual({ unit: "cpr", values: [25] });
    expect(s.indices).toEqual({ LIBOR_1Y: { values: [5.3] } });
    expect(s.default).toEqual({ unit: "cdr", values: [2] });
    expect(base.indices).toEqual({ LIBOR_1Y: { values: [5.3] } });
  });

  it("the empty text is the base", () => {
    expect(parseScenarioText("  ")).toEqual(DEFAULT_SCENARIO);
  });

  it.each([
    ["100 PPC, 200 PSA", /prepayment is given twice \(column 1 and column 10\)/, 9],
    ["2 XYZ", /unknown unit "XYZ"/, 2],
    ["100", /needs a unit after it/, 0],
    ["6, 8, 10 CPR", /write vectors without spaces/, 0],
    ["CDR 2", /CDR needs a number before it/, 0],
    ["120 CPR", /CPR 120 is out of range: use 0 to 100/, 0],
    ["-1 CDR", /CDR -1 is out of range/, 0],
    ["101 sev", /severity 101 is out of range/, 0],
    ["2.5 lag", /lag must be whole months/, 0],
    ["400 lag", /lag must be whole months from 0 to 360/, 0],
    ["LIBOR", /LIBOR needs a rate after it/, 0],
    ["100 PPC, foo", /unknown word "foo"/, 9],
    ["100 PPC @", /unexpected "@" at column 9/, 8],
    ["10x0 CPR", /repeat count/, 0],
  ])("rejects %j saying what to fix", (text, message, column) => {
    const e = errorOf(text);
    expect(e.message).toMatch(message);
    expect(e.column).toBe(column);
  });
});

describe("formatScenarioText", () => {
  it("writes the canonical line", () => {
    expect(formatScenarioText(parseScenarioText("100 ppc,2 cdr,40 SEV,12 LAG"))).toBe("100 PPC, 2 CDR, 40 sev, 12 lag");
    expect(formatScenarioText(DEFAULT_SCENARIO)).toBe("100 PPC, 0 CDR, 0 sev, 0 lag");
    expect(
      formatScenarioText(parseScenarioText("6,8,10x12,20 CPR, 1 MDR, call, no-advance, LIBOR 5.5, 25 PIS")),
    ).toBe("6,8,10x12,20 CPR, 1 MDR, 0 sev, 0 lag, LIBOR_1M 5.5, call, no-advance, 25 PIS");
  });

  it("round-trips any scenario", () => {
    const vec = (max: number) =>
      fc.array(fc.oneof(fc.integer({ min: 0, max }), fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true })), {
        minLength: 1,
        maxLength: 30,
      });
    const scenario: fc.Arbitrary<Scenario> = fc.record({
      prepayment: fc.record({ unit: fc.constantFrom("ppc" as const, "cpr" as const, "psa" as const, "smm" as const), values: vec(100) }),
      default: fc.record({ unit: fc.constantFrom("cdr" as const, "mdr" as const, "sda" as const), values: vec(100) }),
      severity: vec(100),
      recoveryLag: fc.integer({ min: 0, max: 360 }),
      advancing: fc.boolean(),
      indices: fc.dictionary(fc.constantFrom("LIBOR_1M", "LIBOR_1Y", "SOFR_30D"), fc.record({ values: vec(20) })),
      optionalTermination: fc.boolean(),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        expect(parseScenarioText(formatScenarioText(s))).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe("INDEX history[,VECTOR]", () => {
  /** A resolver that records what it was asked: the path is [index length, ...after]. */
  const calls: { index: string; after: readonly number[] }[] = [];
  const history = (index: string, after: readonly number[]) => {
    calls.push({ index, after });
    if (index === "SOFR_30D") throw new Error("no published fixings for SOFR_30D");
    return { values: [index.length, ...after] };
  };

  it("asks the resolver for the deal's LIBOR, with the vector joined by a comma and no spaces", () => {
    calls.length = 0;
    const s = parseScenarioText("100 PPC, LIBOR history,5.5x2,6, 2 CDR", { liborIndex: "LIBOR_1Y", history });
    expect(calls).toEqual([{ index: "LIBOR_1Y", after: [5.5, 5.5, 6] }]);
    expect(s.indices.LIBOR_1Y.values).toEqual([8, 5.5, 5.5, 6]);
    expect(s.default).toEqual({ unit: "cdr", values: [2] });
    const plain = parseScenarioText("LIBOR_1M history; 150 PPC", { history });
    expect(plain.indices.LIBOR_1M.values).toEqual([8]);
    expect(plain.prepayment).toEqual({ unit: "ppc", values: [150] });
  });

  it("a comma followed by a space starts the next clause", () => {
    const s = parseScenarioText("LIBOR history, 100 PPC", { history });
    expect(s.indices.LIBOR_1M.values).toEqual([8]);
    expect(s.prepayment.values).toEqual([100]);
  });

  it("errors say what to fix, at the clause", () => {
    const at = (text: string, options = { history }) => {
      try {
        parseScenarioText(text, options);
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioTextError);
        const err = e as ScenarioTextError;
        return { message: err.message, span: text.slice(err.column, err.column + err.length) };
      }
      throw new Error(`no error for ${text}`);
    };
    expect(at("LIBOR history, 2 CDR", {} as never)).toEqual({ message: "LIBOR history needs the published fixings and the deal; this caller has neither", span: "LIBOR history" });
    expect(at("2 CDR, SOFR_30D history,4")).toEqual({ message: "SOFR_30D history: no published fixings for SOFR_30D", span: "SOFR_30D history,4" });
    expect(at("LIBOR history,100 PPC").message).toMatch(/reads 100 as the rates after the published series; to start a new clause put a space after the comma \("history, 100 PPC"\)/);
    expect(at("LIBOR history,100 PPC").span).toBe("100");
    expect(at("LIBOR history,x5")).toMatchObject({ span: "x5", message: expect.stringMatching(/unknown word "x5"/) });
    expect(at("history").message).toMatch(/"history" follows an index: write "LIBOR history"/);
    expect(at("LIBOR history, LIBOR 5").message).toMatch(/index LIBOR_1M is given twice/);
    expect(at("LIBOR history,200").message).toMatch(/out of range/);
  });
});
