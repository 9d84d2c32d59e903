import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

// The passphrase word list is the clients' shared copy in clients/wordlists, outside this package: the create page
// imports it lazily (src/ui/passphrases.ts), and the dev server must be allowed to read it there.
const wordlists = resolve(__dirname, "../wordlists");

/** The word list's licence notice ships with the build that contains the list (CC BY 3.0 asks for attribution). */
function wordListNotice(): Plugin {
  return {
    name: "onetime-wordlist-notice",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "licenses/wordlists-NOTICE.txt", source: readFileSync(resolve(wordlists, "NOTICE.md"), "utf8") });
    },
  };
}

// Four pages: "/" (create), "/s" (reveal; the server maps /s to s.html), "/r" (request a secret; r.html) and 404.html, which the server answers for
// any other address. Relative asset URLs, so the UI also works under a path prefix; except on the 404 page, which is
// served at any depth ("/a/b/c"), where "./assets/…" would miss: it loads them from the root. No inline script or
// style anywhere: the server's CSP forbids both.
export default defineConfig({
  base: "./",
  plugins: [wordListNotice()],
  server: { fs: { allow: [__dirname, wordlists] } },
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
