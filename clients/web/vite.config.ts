import { resolve } from "node:path";
import { defineConfig } from "vite";

// Four pages: "/" (create), "/s" (reveal; the server maps /s to s.html), "/r" (request a secret; r.html) and 404.html, which the server answers for
// any other address. Relative asset URLs, so the UI also works under a path prefix; except on the 404 page, which is
// served at any depth ("/a/b/c"), where "./assets/…" would miss: it loads them from the root. No inline script or
// style anywhere: the server's CSP forbids both.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { index: resolve(__dirname, "index.html"), s: resolve(__dirname, "s.html"), r: resolve(__dirname, "r.html"), 404: resolve(__dirname, "404.html") },
    },
  },
  experimental: {
    renderBuiltUrl: (filename, { hostType, hostId }) => (hostType === "html" && hostId === "404.html" ? "/" + filename : undefined),
  },
});
