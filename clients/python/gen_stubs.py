"""Regenerates the protobuf and gRPC stubs in onetime/v1 from protos/onetime/v1 (never edit them by hand).

    /usr/bin/python3 clients/python/gen_stubs.py [OUTPUT_ROOT]

Debian's tools only: `protoc` (3.21, the same release as python3-protobuf) writes the messages (`--python_out`)
and their type hints (`--pyi_out`); the gRPC plugin of python3-grpc-tools writes the service stub
(`--grpc_python_out`; its bundled protoc is older, so it writes nothing else). The proto package onetime.v1
lands in OUTPUT_ROOT/onetime/v1 (default: this folder), which is this package's `onetime.v1` subpackage, so the
generated `from onetime.v1 import secrets_pb2` resolves inside the package without any sys.path change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROTOS = HERE.parent.parent / "protos"
SOURCES = ["onetime/v1/payload.proto", "onetime/v1/secrets.proto"]
SERVICES = ["onetime/v1/secrets.proto"]
# The well-known types (duration, timestamp) from libprotobuf-dev.
INCLUDE = "/usr/include"


def generate(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["protoc", f"-I{PROTOS}", f"-I{INCLUDE}", f"--python_out={root}", f"--pyi_out={root}", *SOURCES],
        check=True,
        cwd=PROTOS,
    )
    subprocess.run(
        ["/usr/bin/python3", "-m", "grpc_tools.protoc", f"-I{PROTOS}", f"-I{INCLUDE}", f"--grpc_python_out={root}", *SERVICES],
        check=True,
        cwd=PROTOS,
    )


if __name__ == "__main__":
    generate(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE)
