// The `onetime` CLI as a separate process, from its own build output (dotnet build OneTime.sln builds it).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { repoRoot } from "./server.js";

const cliDll = process.env.ONETIME_CLI_DLL ?? `${repoRoot}clients/csharp/OneTime.Cli/bin/Debug/net10.0/onetime.dll`;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function onetime(args: string[], stdin?: string, env: Record<string, string> = {}): CliResult {
  if (!existsSync(cliDll)) throw new Error(`${cliDll} is missing: build OneTime.sln first.`);
  const clean = { ...process.env };
  for (const name of ["ONETIME_HOST", "ONETIME_SECRET", "ONETIME_PASSPHRASE"]) delete clean[name];
  // setsid: no controlling terminal, so the CLI can never wait on a prompt at the developer's tty.
  const result = spawnSync("setsid", ["--wait", "dotnet", cliDll, ...args], {
    input: stdin ?? "",
    env: { ...clean, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
