// Reads a QR code from a PNG with zbarimg (Debian's zbar-tools, which tests/run installs): a decoder we did not write.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function decodeQr(png: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "onetime-qr-"));
  try {
    const file = join(dir, "qr.png");
    writeFileSync(file, png);
    const result = spawnSync("zbarimg", ["--quiet", "--raw", file], { encoding: "utf8" });
    if (result.error) throw new Error(`zbarimg could not run (install zbar-tools): ${result.error.message}`);
    return result.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
