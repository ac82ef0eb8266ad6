/**
 * Turns zod issues into located deal-file problems with plain messages: a
 * missing key points at its parent mapping, an unknown key at the key itself.
 */
import type { z } from "zod";
import type { DealProblem } from "./problems.js";
import type { FieldPath, SourceMap } from "./source-map.js";

type Issue = z.core.$ZodIssue;

/** Every issue as a problem at its YAML position (parse with `reportInput: true` for the values in messages). */
export function zodProblems(issues: readonly Issue[], sourceMap: SourceMap): DealProblem[] {
  return issues.flatMap((issue) => issueProblems(issue, sourceMap));
}

function issueProblems(issue: Issue, sourceMap: SourceMap): DealProblem[] {
  const path = issue.path.map((p) => (typeof p === "number" ? p : String(p))) as FieldPath;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => sourceMap.problem([...path, key], `unknown field "${key}"`, "key"));
    case "invalid_type":
      if (issue.input === undefined && !sourceMap.has(path)) {
        return [sourceMap.problem(path, "required field is missing")];
      }
      return [sourceMap.problem(path, `expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}`)];
    case "invalid_union":
      if (issue.discriminator !== undefined) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const input = issue.input as Record<string, unknown> | undefined;
        const value = typeof input === "object" && input !== null ? input[issue.discriminator] : input;
        const got = value === undefined ? "nothing" : describeValue(value);
        return [sourceMap.problem(path, `must be one of ${options.map((o) => JSON.stringify(o)).join(", ")}; got ${got}`)];
      }
      return [sourceMap.problem(path, `${describeValue(issue.input)} matches none of the allowed forms (${unionForms(issue)})`)];
    case "invalid_value":
      return [
        sourceMap.problem(
          path,
          issue.values.length === 1
            ? `must be ${JSON.stringify(issue.values[0])}, got ${describeValue(issue.input)}`
            : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; got ${describeValue(issue.input)}`,
        ),
      ];
    case "too_small":
      return [sourceMap.problem(path, tooSmall(issue))];
    case "too_big":
      return [sourceMap.problem(path, tooBig(issue))];
    case "invalid_format":
      return [sourceMap.problem(path, issue.message.startsWith("Invalid") ? `${describeValue(issue.input)} is not in the required format` : `${issue.message}, got ${describeValue(issue.input)}`)];
    case "custom":
      return [sourceMap.problem(path, isScalar(issue.input) ? `${issue.message}, got ${describeValue(issue.input)}` : issue.message)];
    case "invalid_key":
    case "invalid_element":
    case "not_multiple_of":
      return [sourceMap.problem(path, issue.message)];
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case "array":
      return min === 1 ? "must list at least one item" : `must list at least ${min} items`;
    case "string":
      return min === 1 ? "must not be empty" : `must be at least ${min} characters`;
    default:
      return `must be ${issue.inclusive === false ? "greater than" : "at least"} ${min}, got ${describeValue(issue.input)}`;
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  const max = Number(issue.maximum);
  switch (issue.origin) {
    case "array":
      return `must list at most ${max} items`;
    case "string":
      return `must be at most ${max} characters`;
    default:
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${max}, got ${describeValue(issue.input)}`;
  }
}

function unionForms(issue: Issue & { code: "invalid_union" }): string {
  const expected = new Set<string>();
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.code === "invalid_type" && inner.path.length === 0) expected.add(describeExpected(inner.expected));
    }
  }
  return expected.size > 0 ? [...expected].join(" or ") : "see docs/deal-format.md";
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "int":
      return "a whole number";
    default:
      return `a ${expected}`;
  }
}

const isScalar = (value: unknown): boolean => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** A short description of a YAML value for messages: `"abc"`, `12`, `a list`, `a mapping`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
