"""Pydantic argument models for the bench tools, generated from contracts/tools.json.

crewAI builds a tool's JSON schema from its `args_schema` model, so the model carries everything the contract
says: types, `enum` (as Literal), `minLength`/`maxLength`, `minimum`/`maximum`, descriptions and `examples`.
A property the contract does not require is Optional with a None default: crewAI's strict OpenAI schemas
require every property, and a nullable one is how "may be left out" survives that (the tool drops None).

Works with pydantic 1 and 2 (crewAI's venv has 2; Debian's python3-pydantic, used by the unit tests, is 1).
"""
from __future__ import annotations

from typing import Any, Dict, Literal, Optional, Tuple, Type

from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import BaseModel, Field, create_model

_TYPES: Dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}
_BOUNDS = {"minLength": "min_length", "maxLength": "max_length", "minimum": "ge", "maximum": "le"}


def args_model(tool_name: str, parameters: Dict[str, Any]) -> Type[BaseModel]:
    """The args_schema model of one tool, from its contract JSON schema (an object of scalar properties)."""
    if parameters.get("type") != "object":
        raise ValueError(f"{tool_name}: parameters must be an object schema")
    required = set(parameters.get("required", []))
    fields: Dict[str, Tuple[Any, Any]] = {}
    for name, schema in parameters.get("properties", {}).items():
        fields[name] = _field(tool_name, name, schema, name in required)
    model_name = "".join(part.capitalize() for part in tool_name.split("_")) + "Args"
    return create_model(model_name, __base__=_Closed, **fields)  # type: ignore[call-overload]


# additionalProperties: false, as in the contract (no docstring: it would become the schema's description).
if PYDANTIC_VERSION.startswith("1."):
    class _Closed(BaseModel):
        class Config:
            extra = "forbid"
else:
    class _Closed(BaseModel):  # type: ignore[no-redef]
        model_config = {"extra": "forbid"}


def _field(tool_name: str, name: str, schema: Dict[str, Any], required: bool) -> Tuple[Any, Any]:
    if "enum" in schema:
        annotation: Any = Literal[tuple(schema["enum"])]  # type: ignore[misc]
    elif schema.get("type") in _TYPES:
        annotation = _TYPES[schema["type"]]
    else:
        raise ValueError(f"{tool_name}.{name}: unsupported schema type {schema.get('type')!r}")
    options: Dict[str, Any] = {k: schema[j] for j, k in _BOUNDS.items() if j in schema}
    if "description" in schema:
        options["description"] = schema["description"]
    if "examples" in schema:
        options["examples"] = list(schema["examples"])
    if required:
        return annotation, Field(..., **options)
    return Optional[annotation], Field(None, **options)
