"""The generated stubs in onetime/v1 are what gen_stubs.py writes today: regenerated into a temporary folder and
compared byte for byte, so a change to protos/onetime/v1 without regenerating fails here."""

import filecmp
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]
CHECKED_IN = HERE / "onetime" / "v1"


def _gen():
    spec = importlib.util.spec_from_file_location("gen_stubs", HERE / "gen_stubs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("protoc") is None or importlib.util.find_spec("grpc_tools") is None, reason="protoc or grpc_tools missing")
def test_checked_in_stubs_match_a_fresh_generation(tmp_path):
    _gen().generate(tmp_path)
    fresh = tmp_path / "onetime" / "v1"
    generated = sorted(p.name for p in fresh.iterdir())
    checked_in = sorted(p.name for p in CHECKED_IN.iterdir() if p.suffix in (".py", ".pyi") and p.name != "__init__.py")
    assert generated == checked_in
    different = [name for name in generated if not filecmp.cmp(fresh / name, CHECKED_IN / name, shallow=False)]
    assert different == [], f"stale stubs: run /usr/bin/python3 clients/python/gen_stubs.py ({different})"


def test_generated_imports_resolve_inside_the_package():
    from onetime.v1 import secrets_pb2, secrets_pb2_grpc

    assert secrets_pb2_grpc.onetime_dot_v1_dot_secrets__pb2 is secrets_pb2
    assert not any(p.endswith("onetime/v1") for p in sys.path)
