import { defineConfig } from "vitest/config";

// Browser end to end: Debian's Chromium via playwright-core against the real server process (e2e/server.ts).
// One file at a time: the machine is small, and Chromium and the server share it.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/server.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
