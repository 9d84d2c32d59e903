// The generated code is committed so building needs no generation step; this fails when it falls behind protos/.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const web = fileURLToPath(new URL("../..", import.meta.url));
const committed = fileURLToPath(new URL("./onetime/v1", import.meta.url));

it("src/gen matches `npm run generate`", () => {
  const out = mkdtempSync(join(tmpdir(), "onetime-gen-"));
  try {
    const template = JSON.stringify({ version: "v2", plugins: [{ local: "protoc-gen-es", out, opt: "target=ts" }] });
    // buf finds protoc-gen-es on the PATH, as `npm run` would put it there.
    const path = `${join(web, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`;
    execFileSync(join(web, "node_modules/.bin/buf"), ["generate", "../../protos", "--template", template], { cwd: web, env: { ...process.env, PATH: path } });
    const generated = join(out, "onetime/v1");
    const names = readdirSync(generated).sort();

    expect(readdirSync(committed).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(committed, name), "utf8"), name).toBe(readFileSync(join(generated, name), "utf8"));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
