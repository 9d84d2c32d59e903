// vitest globalSetup: the real server as a user runs it (`dotnet OneTime.Server.dll`) on free loopback ports,
// serving the built UI from its own output folder.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const serverDll = process.env.ONETIME_SERVER_DLL ?? `${repoRoot}src/OneTime.Server/bin/Debug/net10.0/OneTime.Server.dll`;

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function waitForStart(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`The server did not start in 30 s:\n${output}`)), 30_000);
    server.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Application started")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
}

export interface RunningServer {
  webUrl: string;
  stop: () => void;
}

/** Starts the server on free loopback ports; env adds settings (e.g. a Redis store) to the ones every test uses. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(serverDll)) throw new Error(`${serverDll} is missing: build the server first (dotnet build OneTime.sln).`);
  const [web, grpc] = [await freePort(), await freePort()];
  const server = spawn("dotnet", [serverDll], {
    cwd: `${repoRoot}src/OneTime.Server/bin/Debug/net10.0`,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Production",
      Kestrel__Endpoints__Web__Url: `http://127.0.0.1:${web}`,
      Kestrel__Endpoints__Grpc__Url: `http://127.0.0.1:${grpc}`,
      // /metrics and the probes; a free port rather than appsettings.json's 5082, which another server may hold.
      Kestrel__Endpoints__Management__Url: "http://127.0.0.1:0",
      // Every browser test calls from 127.0.0.1: one client address, far more calls than a person makes.
      OneTime__RateLimits__Enabled: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForStart(server);
  return { webUrl: `http://127.0.0.1:${web}`, stop: () => void server.kill("SIGTERM") };
}

/** A port nothing listens on (for a store that is down from the start). */
export const unusedPort = freePort;

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startServer();
  project.provide("webUrl", server.webUrl);
  return server.stop;
}
