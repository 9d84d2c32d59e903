import { resolve } from "node:path";
import { defineConfig } from "vite";

// Two pages: "/" (create) and "/s" (reveal; the server maps /s to s.html). Relative asset URLs, so the UI also
// works under a path prefix. No inline script or style anywhere: the server's CSP forbids both.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { index: resolve(__dirname, "index.html"), s: resolve(__dirname, "s.html") },
    },
  },
});
