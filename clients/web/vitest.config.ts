import { defineConfig } from "vitest/config";

// Unit specs beside the code; the browser end-to-end suite has its own config (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.spec.ts", "scripts/**/*.spec.ts"],
    testTimeout: 30_000,
  },
});
