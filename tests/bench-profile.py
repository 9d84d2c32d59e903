"""The arithmetic of tests/bench --profile: not meant to be run by hand.

  python3 tests/bench-profile.py attribute RUN    perf.data of RUN (a folder) -> RUN/components.json
  python3 tests/bench-profile.py report PROFILE   its folders PROFILE/RUN-SIDE-ROUND (RUN: 01, 02, ... in the order
                                                  they ran; SIDE: baseline or current) -> Markdown on stdout

A run's folder holds load.json (the generator's --json), progress.log (its per-second progress lines, each prefixed
with the wall-clock time it arrived), stat.txt (perf stat over the counting window), window (the two windows' edges,
CPU ticks and allocated bytes, NAME=VALUE lines) and, once attributed, components.json.
"""
import json
import os
import re
import statistics
import subprocess
import sys

# A perf sample counts for the first frame, from the leaf up, whose symbol starts with one of a component's prefixes
# (Native AOT names a method by its assembly, namespace and type: Microsoft_AspNetCore_Server_Kestrel_Core_...);
# frames that match none, such as CoreLib's generic helpers, libc and runtime stubs (interface dispatch, p/invoke
# transitions), pass the sample on to their caller. Samples with no matching frame at all are the kernel's work
# that no managed frame claims (interrupts, softirqs, switches) and stacks perf could not unwind.
COMPONENTS = [
    ("gRPC (grpc-dotnet)", ("Grpc_",)),
    ("Kestrel", ("Microsoft_AspNetCore_Server_Kestrel",)),
    ("ASP.NET Core, other (hosting, routing, middleware)", ("Microsoft_AspNetCore_",)),
    ("Redis client (StackExchange.Redis)", ("StackExchange_Redis", "RESPite", "Pipelines_Sockets_Unofficial")),
    ("OneTime.Server's own code", ("OneTime_",)),
    ("Protobuf", ("Google_Protobuf",)),
    ("OpenTelemetry", ("OpenTelemetry",)),
    ("sockets", ("System_Net_Sockets",)),
    ("pipelines", ("System_IO_Pipelines",)),
    ("DI, logging, metrics", ("Microsoft_Extensions_", "System_Diagnostics_DiagnosticSource")),
    ("thread pool", ("S_P_CoreLib_System_Threading_PortableThreadPool", "S_P_CoreLib_System_Threading_ThreadPool",
                     "S_P_CoreLib_System_Threading_LowLevelLifoSemaphore")),
    ("tasks", ("S_P_CoreLib_System_Threading_Tasks_",)),
    # The collector, allocation helpers, write barriers and GC polls.
    ("GC", ("WKS::", "SVR::", "RhpNew", "RhpGcAlloc", "RhpAssignRef", "RhpByRefAssignRef", "RhpChecked",
            "RhpWaitForGC", "RhpGcPoll")),
]
UNATTRIBUTED = "kernel and unattributed"
FRAME = re.compile(r"^\s*[0-9a-f]+ (.*) \((.*)\)$")  # perf script -F ip,sym,dso: "ip symbol (dso)"
EVENTS = {"sys_enter_sendto": "sendto", "sys_enter_recvfrom": "recvfrom", "sys_enter_epoll_wait": "epoll_wait",
          "sys_enter_futex": "futex", "sys_enter_sched_yield": "sched_yield", "sched_switch": "context switches"}


def component(symbol):
    return next((name for name, prefixes in COMPONENTS if symbol.startswith(prefixes)), None)


def attribute(run):
    """Samples per component, and how many of the server binary's frames perf could not name."""
    out = subprocess.run(["perf", "script", "-i", os.path.join(run, "perf.data"), "-F", "ip,sym,dso"],
                         capture_output=True, text=True, check=True).stdout
    counts, samples, binary_frames, unnamed = {}, 0, 0, 0
    for stack in out.split("\n\n"):
        frames = [m.groups() for m in map(FRAME.match, stack.splitlines()) if m]
        if not frames:
            continue
        samples += 1
        name = next(filter(None, (component(symbol) for symbol, _ in frames)), UNATTRIBUTED)
        counts[name] = counts.get(name, 0) + 1
        for symbol, dso in frames:
            if dso.endswith("/OneTime.Server"):
                binary_frames += 1
                unnamed += symbol == "[unknown]"
    with open(os.path.join(run, "components.json"), "w") as f:
        json.dump({"samples": samples, "binary_frames": binary_frames, "unnamed": unnamed, "counts": counts}, f)
    if binary_frames and unnamed > binary_frames / 10:
        print(f"tests/bench: perf named only {binary_frames - unnamed} of {binary_frames} frames in OneTime.Server "
              "(is OneTime.Server.dbg beside it?)", file=sys.stderr)


def completed_between(progress, start, end):
    """Pairs completed in [start, end]: each progress line counts those since the line before; a line that straddles
    an edge counts pro rata."""
    total, previous = 0.0, None
    for at, count in progress:
        since = previous if previous is not None else at - 1
        overlap = min(end, at) - max(start, since)
        if overlap > 0 and at > since:
            total += count * overlap / (at - since)
        previous = at
    return total


def figures(run):
    with open(os.path.join(run, "load.json")) as f:
        load = json.load(f)
    with open(os.path.join(run, "window")) as f:
        w = dict(line.strip().split("=", 1) for line in f if "=" in line)
    with open(os.path.join(run, "components.json")) as f:
        samples = json.load(f)
    t0, t1, t3 = (float(w[k]) for k in ("t0", "t1", "t3"))
    progress, measured = [], []
    with open(os.path.join(run, "progress.log")) as f:
        for line in f:
            m = re.match(r"(\S+) \[\s*\d+s (\S+)\]\s+(\d+) ops/s", line)
            if m:
                progress.append((float(m[1]), int(m[3])))
                if m[2] == "measure":
                    measured.append(float(m[1]))
    if not measured or measured[-1] < t3:
        sys.exit(f"tests/bench: in {os.path.basename(run)} the generator's measured time ended before the windows did")
    pairs = completed_between(progress, t0, t1)
    hz = float(w["hz"])
    server = (int(w["s1"]) - int(w["s0"])) / hz * 1e6 / pairs
    r = {"pairs/s": pairs / (t1 - t0), "generator pairs/s": load["operationsPerSecond"],
         "server CPU µs/pair": server,
         "Redis CPU µs/pair": (int(w["q1"]) - int(w["q0"])) / hz * 1e6 / pairs,
         "generator CPU µs/pair": load["clientCpuMicrosecondsPerOperation"],
         "server allocated B/pair": (int(w["a1"]) - int(w["a0"])) / pairs if w["a0"] and w["a1"] else None,
         "errors": load["errorCount"],
         "samples": samples["samples"]}
    # perf stat counted for its own elapsed time, a little shorter than [t0, t1] (its start-up): at the window's rate.
    with open(os.path.join(run, "stat.txt")) as f:
        stat = f.read()
    elapsed = float(re.search(r"([\d.]+) seconds time elapsed", stat)[1])
    for count, event in re.findall(r"^\s*(\d+)\s+\w+:(\w+)", stat, re.M):
        r[EVENTS.get(event, event) + " per pair"] = int(count) / (pairs / (t1 - t0) * elapsed)
    for name in [name for name, _ in COMPONENTS] + [UNATTRIBUTED]:
        r["µs/pair: " + name] = samples["counts"].get(name, 0) / samples["samples"] * server
    return r


def fmt(v):
    if v is None:
        return "—"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def report(profile):
    runs = {}  # (side, round) -> figures, in the order they ran
    for name in sorted(os.listdir(profile)):
        _, side, round_ = name.split("-")
        runs[side, int(round_)] = figures(os.path.join(profile, name))
    sides = [s for s in ("baseline", "current") if any(k[0] == s for k in runs)]

    print("| round | server | pairs/s (counting window) | pairs/s (generator) | server CPU µs/pair | Redis CPU µs/pair "
          "| generator CPU µs/pair | server allocated B/pair | perf samples | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (side, round_), r in runs.items():
        print(f"| {round_} | {side} | {r['pairs/s']:,.0f} | {r['generator pairs/s']:,.0f} "
              f"| {r['server CPU µs/pair']:.1f} | {r['Redis CPU µs/pair']:.1f} | {r['generator CPU µs/pair']:.1f} "
              f"| {fmt(r['server allocated B/pair'])} | {r['samples']:,} | {r['errors']} |")
    print()

    def median(side, key):
        values = [r[key] for (s, _), r in runs.items() if s == side and r.get(key) is not None]
        return statistics.median(values) if values else None

    fixed = ["pairs/s", "server CPU µs/pair", "Redis CPU µs/pair", "generator CPU µs/pair", "server allocated B/pair"]
    fixed += [e + " per pair" for e in EVENTS.values()]
    parts = sorted(("µs/pair: " + name for name in [name for name, _ in COMPONENTS] + [UNATTRIBUTED]),
                   key=lambda k: -median("current", k))
    header = " | ".join(f"{s} (median of {sum(k[0] == s for k in runs)})" for s in sides)
    print(f"| figure | {header} |" + (" current − baseline |" if len(sides) == 2 else ""))
    print("|---|" + "---:|" * (len(sides) + (len(sides) == 2)))
    for key in fixed + [None] + parts:
        if key is None:
            print("| **server CPU by component, µs/pair** |" + " |" * (len(sides) + (len(sides) == 2)))
            continue
        values = [median(s, key) for s in sides]
        cells = [fmt(v) for v in values]
        if len(sides) == 2:
            diff = None if None in values else values[1] - values[0]
            cells.append(("+" if diff and diff > 0 else "") + fmt(diff))
        print(f"| {key.removeprefix('µs/pair: ')} | " + " | ".join(cells) + " |")
    print()
    for key in ("pairs/s", "server CPU µs/pair"):
        per_side = []
        for s in sides:
            values = [r[key] for (side, _), r in runs.items() if side == s]
            per_side.append(f"{s} " + ", ".join(f"{v:,.0f}" if key == "pairs/s" else f"{v:.1f}" for v in values))
        print(f"{key} by round: " + "; ".join(per_side) + ".")


if __name__ == "__main__":
    {"attribute": attribute, "report": report}[sys.argv[1]](sys.argv[2])
