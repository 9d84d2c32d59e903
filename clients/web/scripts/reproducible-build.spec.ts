// The UI bundle is byte-for-byte reproducible, and the SHA-256 `npm run build` prints is the one the documented
// shell pipeline gives (scripts/bundle-hash.mjs). Two copies of the sources in different temporary folders (paths
// of different lengths), built with different time zones and locales, must produce the same files; neither copy's
// path nor the repository's may appear in the output.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const webRoot = fileURLToPath(new URL("..", import.meta.url));
const wordlistsRoot = fileURLToPath(new URL("../../wordlists", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");
// Build outputs and dependencies stay behind; node_modules is linked, not copied.
const notCopied = new Set(["node_modules", "dist", "lib", "screenshots", "LICENSE"]);
const hashPipeline = "find . -type f ! -name '*.br' ! -name '*.gz' -printf '%P\\n' | LC_ALL=C sort | xargs sha256sum | sha256sum";

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// The package and, beside it as in the repository, the word lists it imports from ../wordlists.
function copySources(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  copies.push(root);
  const dir = join(root, "web");
  cpSync(wordlistsRoot, join(root, "wordlists"), { recursive: true });
  cpSync(webRoot, dir, {
    recursive: true,
    filter: (source) => !(notCopied.has(basename(source)) && relative(webRoot, source) === basename(source)) && !source.endsWith(".tgz"),
  });
  symlinkSync(join(webRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

// As a person or the server's build runs it: without the NODE_ENV=test and VITEST* variables vitest sets, which
// would change what vite builds.
async function build(dir: string, env: Record<string, string>): Promise<string> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(NODE_ENV|TEST|VITEST.*)$/.test(name)),
  );
  const { stdout } = await run("npm", ["run", "build"], { cwd: dir, env: { ...clean, ...env }, maxBuffer: 16 << 20 });
  return stdout;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function printedHash(stdout: string): string {
  const match = /^UI bundle SHA-256: ([0-9a-f]{64})$/m.exec(stdout);
  expect(match, `npm run build printed no bundle hash:\n${stdout}`).not.toBeNull();
  return match![1];
}

describe("npm run build", () => {
  it("builds the same bytes from two copies and prints the SHA-256 the shell pipeline computes", async () => {
    const first = copySources("onetime-web-");
    const second = copySources("onetime-web-second-copy-");

    const firstOutput = await build(first, { TZ: "UTC", LC_ALL: "C" });
    const secondOutput = await build(second, { TZ: "Pacific/Kiritimati", LC_ALL: "C.UTF-8" });

    const firstDist = join(first, "dist");
    const secondDist = join(second, "dist");
    const names = files(firstDist);
    expect(names).toContain("index.html");
    expect(files(secondDist)).toEqual(names);
    for (const name of names) {
      const bytes = readFileSync(join(firstDist, name));
      expect(bytes.equals(readFileSync(join(secondDist, name))), `${name} differs between the two builds`).toBe(true);
      for (const path of [dirname(first), repoRoot]) { // the copy's folder holds its wordlists too
        expect(bytes.includes(path), `${name} holds the build path ${path}`).toBe(false);
      }
    }

    const { stdout: pipeline } = await run("bash", ["-c", hashPipeline], { cwd: firstDist });
    expect(pipeline).toMatch(/^[0-9a-f]{64} {2}-\n$/);
    expect(printedHash(firstOutput)).toBe(pipeline.slice(0, 64));
    expect(printedHash(secondOutput)).toBe(pipeline.slice(0, 64));
  }, 600_000);
});
