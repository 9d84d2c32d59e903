// Prints the SHA-256 of a built UI (dist/, or the web/ folder a server serves) so an operator can check what a
// server serves against a release build. Definition (README, "Check the page you are served"): every regular file
// except the precompressed *.br and *.gz copies, as its path relative to the folder with '/' separators, sorted by
// byte order; the manifest is one `<hex sha256>  <path>\n` line per file, as sha256sum prints; the bundle hash is
// the SHA-256 of that manifest. The same value, from a shell:
//   cd dist && find . -type f ! -name '*.br' ! -name '*.gz' -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum
//   node scripts/bundle-hash.mjs [DIR]   prints "UI bundle SHA-256: <hex>" (DIR defaults to dist)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { pathToFileURL } from "node:url";

/** The manifest's lines, one per file, in byte order of their paths. */
export function bundleManifest(dir) {
  const files = [...regularFiles(dir, "")].filter((path) => !/\.(br|gz)$/.test(path));
  // Byte order of the UTF-8 paths (LC_ALL=C sort), not JavaScript's UTF-16 order nor a locale's.
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return files.map((path) => `${sha256(readFileSync(join(dir, path)))}  ${path}\n`).join("");
}

export function bundleHash(dir) {
  return sha256(Buffer.from(bundleManifest(dir)));
}

/** Paths of regular files under dir, relative and '/'-separated; like find -type f, symbolic links are not followed. */
function* regularFiles(dir, prefix) {
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? posix.join(prefix, entry.name) : entry.name;
    if (entry.isDirectory()) yield* regularFiles(dir, path);
    else if (entry.isFile()) yield path;
  }
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`UI bundle SHA-256: ${bundleHash(process.argv[2] ?? "dist")}`);
}
