"""The shared vectors, read in place from protos/testdata (never copied)."""

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
TESTDATA = REPO / "protos" / "testdata"
ENVELOPE = json.loads((TESTDATA / "envelope-v1.json").read_text(encoding="utf-8"))
REQUESTS = json.loads((TESTDATA / "request-v1.json").read_text(encoding="utf-8"))
CONFIRMATIONS = json.loads((TESTDATA / "confirmation-v1.json").read_text(encoding="utf-8"))


def utf16(hex_text: str) -> str:
    """Text given as UTF-16 code units (JSON readers refuse unpaired surrogates), surrogates kept as they are."""
    return bytes.fromhex(hex_text).decode("utf-16-be", "surrogatepass")


def file_data(spec: dict) -> bytes:
    if spec.get("data_hex") is not None:
        return bytes.fromhex(spec["data_hex"])
    assert spec["data_pattern"] == "byte i = (0x80 + i) mod 256", spec["data_pattern"]
    return bytes((0x80 + i) % 256 for i in range(spec["data_length"]))


def ids(cases, key="name"):
    return [c[key] for c in cases]
