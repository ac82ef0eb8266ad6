/**
 * Reads one YAML file's text into plain data with positions and provenance.
 * Syntax errors make a `DealFileError` ("not YAML"), located at line:column.
 */
import { LineCounter, isMap, parseDocument } from "yaml";
import { DealFileError, type DealProblem } from "./problems.js";
import { readWithProvenance, type ProvenanceMap } from "./provenance.js";
import { SourceMap } from "./source-map.js";

export interface YamlSource {
  readonly value: Record<string, unknown>;
  readonly provenance: ProvenanceMap;
  readonly sourceMap: SourceMap;
  /** Problems found while reading (provenance, duplicate keys): reported with the schema's. */
  readonly problems: DealProblem[];
}

/** A file that is not YAML at all produces many errors; the first few locate the problem. */
const MAX_SYNTAX_ERRORS = 5;

/** Parses `text` (named `fileName` in messages); the top level must be a mapping. */
export function readYamlSource(text: string, fileName: string, options: { requireProvenance: boolean }): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const located = (error: { message: string; pos: [number, number] }): DealProblem => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { file: fileName, line, column: col, path: "", message: firstLine(error.message) };
  };
  const duplicateKeys = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
  const syntax = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
  if (syntax.length > 0) {
    const shown = syntax.slice(0, MAX_SYNTAX_ERRORS).map(located);
    const more = syntax.length > shown.length ? ` (first ${shown.length} of ${syntax.length} syntax errors)` : "";
    throw new DealFileError(`${fileName}: not valid YAML${more}`, fileName, "not-yaml", shown);
  }
  if (!isMap(doc.contents)) {
    throw new DealFileError(
      `${fileName}: not a deal file: expected a YAML mapping of fields (id, name, dates, ...) at the top level`,
      fileName,
      "not-yaml",
    );
  }
  const sourceMap = new SourceMap(fileName, lineCounter);
  const read = readWithProvenance(doc, sourceMap, options);
  const problems = [...duplicateKeys.map(located), ...read.problems];
  return { value: read.value as Record<string, unknown>, provenance: read.provenance, sourceMap, problems };
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
