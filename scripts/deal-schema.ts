/**
 * `npm run schema`: writes schema/deal.schema.json from the zod deal schema
 * (src/deal/schema.ts). A test fails when the checked-in file is stale.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dealJsonSchemaText } from "../src/deal/json-schema.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "schema", "deal.schema.json");
writeFileSync(target, dealJsonSchemaText("file"));
process.stdout.write(`wrote ${target}\n`);
