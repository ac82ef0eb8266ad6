import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.slow.test.ts", "test/**/*.slow.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 600_000,
  },
});
