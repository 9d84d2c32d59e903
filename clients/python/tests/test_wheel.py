"""pyproject.toml builds a wheel offline (setuptools' PEP 517 backend, as `pip wheel` or `python -m build` call it)
that holds the package, its generated stubs and the `onetime` command, and declares its runtime dependencies."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_wheel_holds_package_stubs_and_command(tmp_path):
    # A copy, so the build's own folders (build/, *.egg-info) never land in the checkout.
    source = tmp_path / "source"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "build", "dist", "*.egg-info"))
    out = tmp_path / "dist"
    out.mkdir()
    build = subprocess.run(
        [sys.executable, "-c", "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))", str(out)],
        cwd=source, capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]

    wheel = out / build.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
        entry_points = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))

    for module in ("onetime/__init__.py", "onetime/__main__.py", "onetime/_cli.py", "onetime/py.typed",
                   "onetime/v1/secrets_pb2.py", "onetime/v1/secrets_pb2_grpc.py", "onetime/v1/payload_pb2.py"):
        assert module in names, f"the wheel lacks {module}"
    assert not any(n.startswith("tests/") for n in names), "tests are not shipped"
    for requirement in ("Requires-Dist: grpcio", "Requires-Dist: protobuf", "Requires-Dist: cryptography"):
        assert requirement in metadata
    assert "onetime = onetime._cli:main" in entry_points
