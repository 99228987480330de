import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two cores on CI: two workers, and generous timeouts for end-to-end tests that spawn processes
    // (a test of five CLI runs passed 30 s once on a loaded machine; several take 25 s). A timeout
    // only catches a hang: no test measures speed.
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
