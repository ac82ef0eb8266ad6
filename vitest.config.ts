import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/*.slow.test.ts", "node_modules/**", "dist/**"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
