// vitest globalSetup: the real server as a user runs it (`dotnet OneTime.Server.dll`) on free loopback ports,
// serving the built UI from its own output folder.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const serverDll = process.env.ONETIME_SERVER_DLL ?? `${repoRoot}src/OneTime.Server/bin/Debug/net10.0/OneTime.Server.dll`;

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

class PortTaken extends Error {}

// "Application started" comes once Kestrel has bound every endpoint: the ports are this process's. A port taken by
// another process between freePort() and the server's bind makes it exit saying "address already in use".
function waitForStart(server: ChildProcess, ports: number[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`The server did not start in 120 s:\n${output}`)), 120_000);
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
      const taken = /address already in use/i.test(output) && ports.some((port) => output.includes(`:${port}`));
      reject(taken ? new PortTaken(output) : new Error(`The server exited with ${code}:\n${output}`));
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
  // A free port is free only until someone binds it: if one was taken before the server bound it, try others.
  for (let attempt = 0; ; attempt++) {
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
    try {
      await waitForStart(server, [web, grpc]);
    } catch (error) {
      server.kill("SIGKILL");
      if (error instanceof PortTaken && attempt < 20) continue;
      throw error;
    }
    return { webUrl: `http://127.0.0.1:${web}`, stop: () => void server.kill("SIGTERM") };
  }
}

/**
 * A port where no Redis answers (for a store that is down from the start), held until close(): it accepts each
 * connection and drops it at once, and no other process can bind it meanwhile, as a port found free and let go
 * could be, by any server starting beside the tests.
 */
export function deadPort(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const holder: Server = createServer((socket) => socket.resetAndDestroy());
    holder.once("error", reject);
    holder.listen(0, "127.0.0.1", () => {
      const { port } = holder.address() as { port: number };
      resolve({ port, close: () => void holder.close() });
    });
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startServer();
  project.provide("webUrl", server.webUrl);
  return server.stop;
}
