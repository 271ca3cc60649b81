"""The bench tools, reproducing BenchApp.Contracts.Tools exactly (pinned by contracts/tool-vectors.json).

Definitions come from contracts/tools.json. Results are text; bad arguments give "error: ..." text that
goes back to the LLM like any result. Lengths and positions count UTF-16 code units, as in C#.
"""
from __future__ import annotations

import asyncio
import json
import math
import os
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from .validation import dotnet_trim

MAX_MAGNITUDE = 1e15
WEATHER = "get_weather"
CALCULATOR = "calculator"
_CONDITIONS = ("sunny", "cloudy", "rainy", "windy", "snowy", "foggy")
_SIX_DECIMALS = Decimal("0.000001")


@dataclass(frozen=True)
class ToolResult:
    output: str
    is_error: bool

    @staticmethod
    def ok(output: str) -> "ToolResult":
        return ToolResult(output, False)

    @staticmethod
    def error(message: str) -> "ToolResult":
        return ToolResult(f"error: {message}", True)


@dataclass(frozen=True)
class PreparedToolCall:
    result: ToolResult
    delay_ms: int


@dataclass(frozen=True)
class ToolDefinition:
    name: str
    description: str
    parameters: Dict[str, Any]

    def to_openai(self) -> Dict[str, Any]:
        return {"type": "function",
                "function": {"name": self.name, "description": self.description, "parameters": self.parameters}}


# ---- definitions -------------------------------------------------------------------------------

def contracts_dir() -> Path:
    """BENCHAPP_CONTRACTS_DIR, else the nearest `contracts/` folder above this package (repo or image)."""
    configured = os.environ.get("BENCHAPP_CONTRACTS_DIR")
    if configured:
        return Path(configured)
    for parent in Path(__file__).resolve().parents:
        if (parent / "contracts" / "tools.json").is_file():
            return parent / "contracts"
    raise FileNotFoundError("contracts/tools.json not found above benchapp_common; set BENCHAPP_CONTRACTS_DIR.")


@lru_cache(maxsize=1)
def definitions() -> List[ToolDefinition]:
    with open(contracts_dir() / "tools.json", encoding="utf-8") as f:
        document = json.load(f)
    return [ToolDefinition(t["name"], t["description"], t["parameters"]) for t in document["tools"]]


def openai_tools() -> List[Dict[str, Any]]:
    return [d.to_openai() for d in definitions()]


def find(name: str) -> Optional[ToolDefinition]:
    return next((d for d in definitions() if d.name == name), None)


# ---- running -----------------------------------------------------------------------------------

def prepare(name: str, arguments_json: Optional[str]) -> PreparedToolCall:
    """The result and the requested delay, without waiting."""
    text = arguments_json if arguments_json is not None and arguments_json.strip() else "{}"
    try:
        args = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return PreparedToolCall(ToolResult.error("arguments are not valid JSON"), 0)
    return prepare_args(name, args)


def prepare_args(name: str, args: Any) -> PreparedToolCall:
    """Like prepare() for arguments a framework already parsed."""
    if not isinstance(args, dict):
        return PreparedToolCall(ToolResult.error("arguments must be a JSON object"), 0)
    delay = args.get("delay_ms")
    delay_ms = 0
    if delay is not None:
        if type(delay) is not int or not 0 <= delay <= 10_000:
            return PreparedToolCall(ToolResult.error("delay_ms must be an integer in [0, 10000]"), 0)
        delay_ms = delay
    if name == WEATHER:
        result = _weather(args)
    elif name == CALCULATOR:
        result = _calculator(args)
    else:
        result = ToolResult.error(f"unknown tool '{name}'")
    return PreparedToolCall(result, 0 if result.is_error else delay_ms)


async def execute(name: str, arguments_json: Optional[str]) -> ToolResult:
    call = prepare(name, arguments_json)
    if call.delay_ms > 0:
        await asyncio.sleep(call.delay_ms / 1000)
    return call.result


async def execute_args(name: str, args: Dict[str, Any]) -> ToolResult:
    call = prepare_args(name, args)
    if call.delay_ms > 0:
        await asyncio.sleep(call.delay_ms / 1000)
    return call.result


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def _get_string(args: Dict[str, Any], prop: str, max_length: int) -> "str | ToolResult":
    value = args.get(prop)
    if not isinstance(value, str):
        return ToolResult.error(f"{prop} is required and must be a string")
    value = dotnet_trim(value)
    if not 1 <= _utf16_len(value) <= max_length:
        return ToolResult.error(f"{prop} must be 1-{max_length} characters")
    return value


# ---- numbers -----------------------------------------------------------------------------------

def format_number(value: float) -> Optional[str]:
    """Shortest round-trip digits, rounded to 6 decimals half away from zero, no trailing zeros, never -0.
    None when not finite or |value| >= 1e15."""
    if not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
        return None
    rounded = Decimal(repr(value)).quantize(_SIX_DECIMALS, rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# ---- get_weather -------------------------------------------------------------------------------

def _weather(args: Dict[str, Any]) -> ToolResult:
    city = _get_string(args, "city", 100)
    if isinstance(city, ToolResult):
        return city
    unit = "celsius"
    raw_unit = args.get("unit")
    if raw_unit is not None:
        unit = raw_unit if isinstance(raw_unit, str) else ""
        if unit not in ("celsius", "fahrenheit"):
            return ToolResult.error("unit must be 'celsius' or 'fahrenheit'")
    return ToolResult.ok(describe_weather(city, unit))


def describe_weather(city: str, unit: str) -> str:
    h = fnv1a(ascii_lower(city))
    celsius = h % 51 - 10
    condition = _CONDITIONS[(h >> 8) % 6]
    humidity = 20 + (h >> 16) % 71
    if unit == "fahrenheit":
        temperature = (format_number(celsius * 1.8 + 32) or "?") + "°F"
    else:
        temperature = (format_number(float(celsius)) or "?") + "°C"
    return f"{city}: {temperature}, {condition}, humidity {humidity}%"


def ascii_lower(s: str) -> str:
    """Only A-Z are lowered, so the C# and Python hashes agree on any input."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def fnv1a(s: str) -> int:
    h = 2166136261
    # C# encodes a lone surrogate as U+FFFD; "replace" would give '?', so map it first.
    for b in "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in s).encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


# ---- calculator --------------------------------------------------------------------------------

class _CalculatorError(Exception):
    pass


def _calculator(args: Dict[str, Any]) -> ToolResult:
    expression = _get_string(args, "expression", 200)
    if isinstance(expression, ToolResult):
        return expression
    return evaluate(expression)


def evaluate(expression: str) -> ToolResult:
    try:
        value = _Parser(expression).parse_all()
    except _CalculatorError as e:
        return ToolResult.error(str(e))
    text = format_number(value)
    return ToolResult.ok(text) if text is not None else ToolResult.error(
        "result is out of range (magnitude 1e15 or more)")


class _Parser:
    """Recursive descent over UTF-16 code units (positions in errors match C#)."""

    def __init__(self, text: str) -> None:
        raw = text.encode("utf-16-le", "surrogatepass")
        self._text = [chr(int.from_bytes(raw[i:i + 2], "little")) for i in range(0, len(raw), 2)]
        self._pos = 0
        self._depth = 0

    def parse_all(self) -> float:
        value = self._expression()
        self._skip_space()
        if self._pos < len(self._text):
            raise self._unexpected()
        return value

    def _expression(self) -> float:
        value = self._term()
        while True:
            self._skip_space()
            if self._eat("+"):
                value += self._term()
            elif self._eat("-"):
                value -= self._term()
            else:
                return value

    def _term(self) -> float:
        value = self._factor()
        while True:
            self._skip_space()
            if self._eat("*"):
                value *= self._factor()
            elif self._eat("/"):
                divisor = self._factor()
                if divisor == 0:
                    raise _CalculatorError("division by zero")
                value /= divisor
            elif self._eat("%"):
                divisor = self._factor()
                if divisor == 0:
                    raise _CalculatorError("division by zero")
                value = math.fmod(value, divisor)  # sign of the dividend, like C#'s %
            else:
                return value

    def _factor(self) -> float:
        self._skip_space()
        if self._eat("-"):
            return -self._factor()
        if self._eat("+"):
            return self._factor()
        if self._eat("("):
            self._depth += 1
            if self._depth > 32:
                raise _CalculatorError("expression is nested too deeply")
            value = self._expression()
            self._skip_space()
            if not self._eat(")"):
                raise self._unexpected()
            self._depth -= 1
            return value
        return self._number()

    def _number(self) -> float:
        start = self._pos
        n = len(self._text)
        while self._pos < n and "0" <= self._text[self._pos] <= "9":
            self._pos += 1
        if self._pos < n and self._text[self._pos] == ".":
            self._pos += 1
            fraction_start = self._pos
            while self._pos < n and "0" <= self._text[self._pos] <= "9":
                self._pos += 1
            if self._pos == fraction_start:
                raise self._unexpected()
        if self._pos == start:
            raise self._unexpected()
        return float("".join(self._text[start:self._pos]))

    def _skip_space(self) -> None:
        while self._pos < len(self._text) and self._text[self._pos] == " ":
            self._pos += 1

    def _eat(self, c: str) -> bool:
        if self._pos < len(self._text) and self._text[self._pos] == c:
            self._pos += 1
            return True
        return False

    def _unexpected(self) -> _CalculatorError:
        if self._pos < len(self._text):
            return _CalculatorError(f"unexpected '{self._text[self._pos]}' at position {self._pos}")
        return _CalculatorError("unexpected end of expression")
