"""contracts/framework-requests: the request bodies each framework builds (written from its source), checked
against the parts the adapters build themselves: tool schemas from contracts/tools.json, the user message and
crewAI's transcript, ADK's instruction. Where a check needs the framework itself (its own conversion of our
tools or messages), it runs in the framework's venv and is skipped here with the reason."""
from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from benchapp_common import tools

FIXTURES = tools.contracts_dir() / "framework-requests"
PROTOCOLS = {"openai-chat", "gemini", "anthropic-messages"}
OURS = ("crewai", "langgraph", "adk-litellm", "adk-gemini")


def load(name: str) -> Dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def case(doc: Dict[str, Any], name: str) -> Dict[str, Any]:
    return next(c for c in doc["cases"] if c["name"] == name)


def importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def needs(module: str, dist: str, requirements: str):
    return pytest.mark.skipif(not importable(module), reason=(
        f"{dist} is not importable by {sys.executable}; run from its venv "
        f"(pip install -r {requirements} -r requirements/test.txt)"))


def newest_user_text(protocol: str, request: Dict[str, Any]) -> str:
    """The text the mock reads its directive from: the newest user message that has text."""
    if protocol == "gemini":
        for content in reversed(request["contents"]):
            texts = [p["text"] for p in content.get("parts", []) if "text" in p]
            if content.get("role") == "user" and texts:
                return "".join(texts)
    else:
        for message in reversed(request["messages"]):
            if message.get("role") == "user" and isinstance(message.get("content"), str):
                return message["content"]
    raise AssertionError("no user text in the request")


# ---- every fixture file: the agreed shape ----------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_fixture_files_have_the_agreed_shape(path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert {"framework", "framework_version", "protocol", "sources", "notes", "cases"} <= set(doc), path.name
    assert doc["protocol"] in PROTOCOLS
    assert doc["sources"] and all({"repo", "ref", "files"} <= set(s) for s in doc["sources"])
    names = [c["name"] for c in doc["cases"]]
    assert names and len(names) == len(set(names)), names
    for c in doc["cases"]:
        assert {"name", "description", "path", "request", "expect"} <= set(c), c["name"]
        assert c["expect"]["reply"] in ("tool_calls", "final")
        if c["expect"]["reply"] == "tool_calls":
            assert isinstance(c["expect"]["count"], int) and c["expect"]["count"] >= 1
        if doc["protocol"] == "gemini":
            assert c["path"].startswith("/v1beta/models/") and (
                c["path"].endswith(":generateContent") or c["path"].endswith(":streamGenerateContent?alt=sse"))


@pytest.mark.parametrize("name", OURS)
def test_every_case_has_the_directive_at_the_start_of_a_line(name: str):
    doc = load(name)
    for c in doc["cases"]:
        lines = [line.strip() for line in newest_user_text(doc["protocol"], c["request"]).split("\n")]
        assert [line for line in lines if line.startswith("#bench")], (name, c["name"])


# ---- CrewAI ----------------------------------------------------------------------------------------------

NATIVE_TASK = "\nCurrent Task: {input}"  # crewAI 1.15 translations/en.json slices.native_task
CREW_FIRST = "#bench tool_calls=1 reply_tokens=6 tool=get_weather run=fx-crewai-first\nWeather in Paris?"
CREW_SECOND = "#bench tool_calls=2 parallel=2 reply_tokens=6 run=fx-crewai-second\nAnd now?"
CREW_HISTORY = [{"role": "user", "content": CREW_FIRST},
                {"role": "assistant", "content": "alpha bravo charlie delta echo foxtrot"}]


def crewai_user_content(history: List[Dict[str, Any]], message: str) -> str:
    from benchapp_crewai.transcript import kickoff_messages, task_text

    # crewAI's _format_prompt replaces {input}; format_message_for_llm rstrips
    return NATIVE_TASK.replace("{input}", task_text(kickoff_messages(history, message))).rstrip()


@pytest.mark.parametrize("case_name,history,message", [
    ("first-turn", [], CREW_FIRST), ("tool-result-turn", [], CREW_FIRST), ("second-turn", CREW_HISTORY, CREW_SECOND)])
def test_crewai_task_message_is_what_our_transcript_makes(case_name, history, message):
    request = case(load("crewai"), case_name)["request"]
    assert request["messages"][1] == {"role": "user", "content": crewai_user_content(history, message)}


def _nullable_strict(parameters: Dict[str, Any]) -> Dict[str, Any]:
    """The contract schema as OpenAI strict mode needs it, by the rules crewAI's sanitizer applies (the fixture
    notes): every property required, a non-required one nullable, no examples."""
    schema = copy.deepcopy(parameters)
    required = set(schema.get("required", []))
    for name, prop in schema["properties"].items():
        prop.pop("examples", None)
        if name not in required:
            description = prop.pop("description", None)
            schema["properties"][name] = {"anyOf": [prop, {"type": "null"}]}
            if description is not None:
                schema["properties"][name]["description"] = description
    schema["required"] = list(schema["properties"])
    return schema


def test_crewai_fixture_tools_are_the_contract_under_crewais_strict_rules():
    offered = case(load("crewai"), "first-turn")["request"]["tools"]
    assert [t["function"]["name"] for t in offered] == [d.name for d in tools.definitions()]
    for tool, d in zip(offered, tools.definitions()):
        assert tool["function"]["description"] == d.description and tool["function"]["strict"] is True
        assert tool["function"]["parameters"] == _nullable_strict(d.parameters)


def _normalized(schema: Dict[str, Any]) -> Dict[str, Any]:
    """A pydantic model's schema reduced to what the contract states (pydantic 1 and 2 word it differently:
    titles, defaults, `anyOf [X, null]` for Optional)."""
    out = {"type": "object", "properties": {}, "required": sorted(schema.get("required", [])),
           "additionalProperties": schema.get("additionalProperties")}
    for name, prop in schema["properties"].items():
        prop = dict(prop)
        branches = [b for b in prop.pop("anyOf", []) if b.get("type") != "null"]
        if branches:
            prop.update(branches[0])
        for key in ("title", "default"):
            prop.pop(key, None)
        out["properties"][name] = prop
    return out


@pytest.mark.skipif(not importable("pydantic"), reason="pydantic is not importable (Debian: python3-pydantic)")
def test_crewai_arg_models_carry_the_whole_contract_schema():
    from benchapp_crewai.args import args_model

    for d in tools.definitions():
        model = args_model(d.name, d.parameters)
        schema = model.model_json_schema() if hasattr(model, "model_json_schema") else model.schema()
        expected = dict(d.parameters, required=sorted(d.parameters["required"]))
        assert _normalized(schema) == expected, d.name


@needs("crewai", "crewai", "requirements/crewai.txt")
def test_crewai_converts_our_tools_to_the_fixture_schema():
    from crewai.utilities.agent_utils import convert_tools_to_openai_schema
    from crewai.utilities.pydantic_schema_utils import sanitize_tool_params_for_openai_strict

    from benchapp_crewai.executor import bench_tools

    schemas, _, _ = convert_tools_to_openai_schema(bench_tools())
    offered = case(load("crewai"), "first-turn")["request"]["tools"]
    for schema, expected in zip(schemas, offered):
        assert sanitize_tool_params_for_openai_strict(schema["function"]["parameters"]) == \
            expected["function"]["parameters"]


# ---- LangGraph -------------------------------------------------------------------------------------------

def test_langgraph_offers_the_contract_tools_unchanged():
    for c in load("langgraph")["cases"]:
        assert c["request"]["tools"] == tools.openai_tools(), c["name"]


@needs("langchain_openai", "langchain-openai", "requirements/langgraph.txt")
def test_langchain_converts_our_tools_and_message_to_the_fixture():
    from langchain_core.messages import HumanMessage
    from langchain_core.utils.function_calling import convert_to_openai_tool
    from langchain_openai.chat_models.base import _convert_message_to_dict

    from benchapp_langgraph.executor import _langchain_tool

    request = case(load("langgraph"), "first-turn")["request"]
    assert [convert_to_openai_tool(_langchain_tool(d)) for d in tools.definitions()] == request["tools"]
    message = request["messages"][0]["content"]
    assert _convert_message_to_dict(HumanMessage(content=message)) == request["messages"][0]


# ---- Google ADK ------------------------------------------------------------------------------------------

def adk_system_instruction() -> str:
    from benchapp_adk.options import AGENT_NAME, INSTRUCTION

    # the agent's instruction, then ADK's identity line (flows/llm_flows/identity.py), joined by a blank line
    return f'{INSTRUCTION}\n\nYou are an agent. Your internal name is "{AGENT_NAME}".'


def test_adk_litellm_fixture_has_our_instruction_and_tool_schemas():
    for c in load("adk-litellm")["cases"]:
        request = c["request"]
        assert request["messages"][0] == {"role": "developer", "content": adk_system_instruction()}
        assert [t["function"]["parameters"] for t in request["tools"]] == [d.parameters for d in tools.definitions()]


def test_adk_gemini_fixture_has_our_instruction_and_declarations():
    for c in load("adk-gemini")["cases"]:
        request = c["request"]
        assert request["systemInstruction"]["parts"] == [{"text": adk_system_instruction()}]
        assert request["tools"] == [{"functionDeclarations": [
            {"name": d.name, "description": d.description, "parametersJsonSchema": d.parameters}
            for d in tools.definitions()]}]


@needs("google.genai", "google-genai (with google-adk)", "requirements/adk.txt")
def test_google_genai_serialises_our_declarations_as_the_fixture():
    from benchapp_adk.executor import BenchTool

    expected = load("adk-gemini")["cases"][0]["request"]["tools"][0]["functionDeclarations"]
    got = [BenchTool(d)._get_declaration().model_dump(by_alias=True, exclude_none=True, mode="json")
           for d in tools.definitions()]
    assert got == expected


@pytest.mark.skipif(not importable("pydantic"), reason="pydantic is not importable (Debian: python3-pydantic)")
def test_crewai_arg_models_refuse_unknown_arguments_and_leave_optional_ones_out():
    from benchapp_crewai.args import args_model

    d = tools.find("get_weather")
    model = args_model(d.name, d.parameters)
    with pytest.raises(Exception):
        model(city="Oslo", colour="blue")
    with pytest.raises(Exception):
        model(city="Oslo", unit="kelvin")
    values = model(city="Oslo").dict() if hasattr(model, "dict") else model(city="Oslo").model_dump()
    assert values == {"city": "Oslo", "unit": None, "delay_ms": None}
