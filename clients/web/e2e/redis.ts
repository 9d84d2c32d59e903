// A real redis-server for the tests that need one, on a free loopback port in a folder of its own (no persistence),
// and redis-cli to look at or change what the OneTime server stored: as the .NET tests' RedisServer does.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./server.js";

export const KeyPrefix = "onetime:"; // OneTime:Redis:KeyPrefix's default (RedisStoreOptions.cs)
export const ReceiptHeaderSize = 49; // format, token digest, views, wrong attempts, last read (RedisEntry.cs)

export interface RunningRedis {
  port: number;
  url: string;
  /** Runs redis-cli against this server; input, when given, is the last argument (-x), binary-safe. */
  cli(args: string[], input?: Uint8Array): string;
  stop(): void;
}

/** Starts redis-server; a missing one fails the test, never skips it. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "onetime-redis-"));
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start in 30 s:\n${output}`)), 30_000);
    server.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once("error", (error) => reject(error));
    server.once("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  const cli = (args: string[], input?: Uint8Array) => {
    const result = spawnSync("redis-cli", ["-p", String(port), ...(input ? ["-x"] : []), ...args], { input: input && Buffer.from(input), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`redis-cli ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli,
    stop: () => {
      server.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
