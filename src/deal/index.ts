/** The deal layer: the deal file schema, loading with provenance, validation and amendments. */
export * from "./schema.js";
export * from "./problems.js";
export { ProvenanceMap, type ProvenanceKind, type ProvenanceRecord, type ProvenanceSource } from "./provenance.js";
export type { FieldPath } from "./source-map.js";
export type { DealIssue, PartialDeal } from "./deal-issue.js";
export { validateDeal } from "./validate.js";
export { poPercentage, poPortionCents } from "./validate-balances.js";
export * from "./amendments.js";
export { parseDealText, type DealSourceText, type LoadedAmendment, type LoadedDeal, type ParseDealOptions } from "./parse-deal.js";
export { dealsDirectory, findAmendmentFiles, installedDirectory, listDeals, loadDeal, resolveDealPath, type LoadDealOptions } from "./load-deal.js";
export { describeCoupon, rulesInPsaOrder, summarizeDeal, type DealSummary, type RuleSummary } from "./summary.js";
export { dealJsonSchema, dealJsonSchemaText, type DealJsonSchemaForm } from "./json-schema.js";
export { couponIsImplied, exchangeableClassSpec, priceableClass, priceableClasses, unknownClassMessage } from "./priceable-classes.js";
