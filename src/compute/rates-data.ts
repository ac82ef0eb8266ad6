/**
 * The bundled rate data: a curve per deal pricing date (`data/curves/<deal>.json`)
 * and prepayment models (`data/prepayment-models/<name>.json`). File input for
 * the pure `src/rates` parsers, shared by the CLI and the API's workers.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { installedDirectory } from "../deal/load-deal.js";
import { parseCurveFile, type CurveFile } from "../rates/curve-file.js";
import { parsePrepaymentModel, type PrepaymentModel } from "../rates/prepayment-model.js";

export function curvesDirectory(): string {
  return join(installedDirectory("data"), "curves");
}

export function prepaymentModelsDirectory(): string {
  return join(installedDirectory("data"), "prepayment-models");
}

/** The bundled curve of a deal's pricing date; throws naming the file it looked for. */
export function loadDealCurve(dealId: string): CurveFile {
  const path = join(curvesDirectory(), `${dealId}.json`);
  if (!existsSync(path)) {
    const have = existsSync(curvesDirectory()) ? readdirSync(curvesDirectory()).filter((f) => f.endsWith(".json")).map((f) => basename(f, ".json")) : [];
    throw new RangeError(`no bundled curve for ${dealId} (${path} does not exist; bundled: ${have.join(", ") || "none"}); give --curve TERM=YIELD,...`);
  }
  return parseCurveFile(readFileSync(path, "utf8"), path);
}

export function prepaymentModelNames(): string[] {
  const dir = prepaymentModelsDirectory();
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => basename(f, ".json")).sort() : [];
}

/**
 * A prepayment model by name (a bundled model) or by path to a model file;
 * `none` is null (the scenario's fixed prepayment assumption).
 */
export function loadPrepaymentModel(nameOrPath: string): PrepaymentModel | null {
  if (nameOrPath === "none") return null;
  const path = /[\\/]|\.json$/.test(nameOrPath) ? nameOrPath : join(prepaymentModelsDirectory(), `${nameOrPath}.json`);
  if (!existsSync(path)) {
    throw new RangeError(`unknown prepayment model "${nameOrPath}" (bundled: ${[...prepaymentModelNames(), "none"].join(", ")}; or a path to a model file)`);
  }
  return parsePrepaymentModel(readFileSync(path, "utf8"), path);
}
