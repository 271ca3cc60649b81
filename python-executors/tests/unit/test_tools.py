import json
from pathlib import Path

import pytest

from benchapp_common import tools
from benchapp_common.validation import dotnet_trim

VECTORS = json.loads((tools.contracts_dir() / "tool-vectors.json").read_text(encoding="utf-8"))["vectors"]


def test_vectors_file_is_not_empty():
    assert len(VECTORS) >= 40
    assert {v["tool"] for v in VECTORS} >= {"get_weather", "calculator"}


@pytest.mark.parametrize("vector", VECTORS, ids=[f"{v['tool']}:{v['arguments'][:40]}" for v in VECTORS])
def test_every_shared_vector_matches(vector):
    call = tools.prepare(vector["tool"], vector["arguments"])
    assert call.result.output == vector["output"]
    assert call.result.is_error == vector["is_error"]
    assert call.delay_ms == vector["delay_ms"]


def test_definitions_come_from_contracts_tools_json():
    raw = json.loads((tools.contracts_dir() / "tools.json").read_text(encoding="utf-8"))
    assert [d.name for d in tools.definitions()] == [t["name"] for t in raw["tools"]]
    openai = tools.openai_tools()
    assert openai[0]["type"] == "function"
    assert openai[0]["function"]["parameters"] == raw["tools"][0]["parameters"]


@pytest.mark.parametrize("value,text", [
    (0.1 + 0.2, "0.3"), (-0.0, "0"), (-0.0000004, "0"), (0.0000005, "0.000001"), (-0.0000005, "-0.000001"),
    (2.675, "2.675"), (1e-300, "0"), (123456789012345.0, "123456789012345"), (1 / 3, "0.333333"), (91.4, "91.4"),
])
def test_number_format(value, text):
    assert tools.format_number(value) == text


@pytest.mark.parametrize("value", [1e15, -1e15, float("inf"), float("nan")])
def test_number_format_refuses_out_of_range(value):
    assert tools.format_number(value) is None


def test_trim_is_dotnet_trim_not_str_strip():
    # U+001F is whitespace to Python's str.strip but a control character to .NET's Trim.
    assert dotnet_trim("\x1fParis\x1f") == "\x1fParis\x1f"
    assert "\x1fParis\x1f".strip() == "Paris"
    assert dotnet_trim("\u00a0\u2003Paris\u3000\n") == "Paris"


def test_lengths_count_utf16_code_units_like_csharp():
    fifty_emoji = "\U0001F600" * 50  # 100 UTF-16 units: allowed
    assert not tools.prepare("get_weather", json.dumps({"city": fifty_emoji})).result.is_error
    too_long = "\U0001F600" * 51  # 102 units, 51 code points
    assert tools.prepare("get_weather", json.dumps({"city": too_long})).result.output == \
        "error: city must be 1-100 characters"


def test_calculator_error_position_is_in_utf16_units():
    result = tools.evaluate("\U0001F600")
    assert result.is_error and result.output.endswith("at position 0")
    assert tools.evaluate("1 + \U0001F600").output.endswith("at position 4")


def test_arguments_already_parsed_by_a_framework():
    assert tools.prepare_args("calculator", {"expression": "6 * 7"}).result.output == "42"
    assert tools.prepare_args("calculator", {"expression": "1", "delay_ms": True}).result.is_error


async def test_execute_waits_the_requested_delay_only_on_success():
    import time
    start = time.perf_counter()
    result = await tools.execute("calculator", '{"expression":"2 * 3","delay_ms":30}')
    assert result.output == "6"
    assert time.perf_counter() - start >= 0.025
    assert tools.prepare("calculator", '{"expression":"5 / 0","delay_ms":30}').delay_ms == 0


def test_contracts_dir_can_be_configured(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("BENCHAPP_CONTRACTS_DIR", str(tmp_path))
    assert tools.contracts_dir() == tmp_path
