import json

import pytest

from benchapp_common import problems, validation


def check(document):
    return validation.validate(document)


def errors_of(document) -> dict:
    with pytest.raises(problems.Problem) as info:
        validation.validate(document)
    assert info.value.status == 400
    assert info.value.type == "https://benchapp.dev/problems/validation"
    return info.value.errors


def test_defaults():
    r = check({"message": "hi"})
    assert (r.message, r.session_id, r.max_iterations) == ("hi", None, 10)


def test_nulls_mean_absent_and_unknown_fields_are_ignored():
    r = check({"message": "hi", "session_id": None, "max_iterations": None, "extra": [1]})
    assert r.session_id is None and r.max_iterations == 10


@pytest.mark.parametrize("message,expected", [
    (None, "Is required."),
    (42, "Must be a string."),
    ("", "Must not be empty."),
    (" \t\n\u3000", "Must not be empty."),
    ("a\x00b", "Must not contain control characters (found U+0000)."),
    ("a\x7fb", "Must not contain control characters (found U+007F)."),
    ("a\x85b", "Must not contain control characters (found U+0085)."),
    ("\x1f", "Must not contain control characters (found U+001F)."),  # not whitespace in .NET
    ("a\ud800b", "Must be valid Unicode (unpaired surrogate)."),
    ("x" * 65_537, "Must be at most 65536 bytes of UTF-8."),
    ("é" * 32_769, "Must be at most 65536 bytes of UTF-8."),
])
def test_message_rules(message, expected):
    document = {} if message is None else {"message": message}
    assert errors_of(document) == {"message": [expected]}


def test_message_limits_allow_what_the_contract_allows():
    assert check({"message": "x" * 65_536}).message
    assert check({"message": "line1\nline2\r\n\ttab"}).message
    assert check({"message": "emoji \U0001F600"}).message


@pytest.mark.parametrize("session_id", ["", "a" * 65, "has space", "dot.ted", "ünï", "abc\n", 7])
def test_bad_session_ids(session_id):
    assert list(errors_of({"message": "hi", "session_id": session_id})) == ["session_id"]


def test_good_session_id():
    assert check({"message": "hi", "session_id": "A-z_09" + "x" * 58}).session_id


@pytest.mark.parametrize("value,expected", [
    (0, "Must be between 1 and 50."), (51, "Must be between 1 and 50."), (-3, "Must be between 1 and 50."),
    (10 ** 30, "Must be between 1 and 50."), (5.0, "Must be an integer."), ("5", "Must be an integer."),
    (True, "Must be an integer."),
])
def test_max_iterations(value, expected):
    assert errors_of({"message": "hi", "max_iterations": value}) == {"max_iterations": [expected]}


def test_all_errors_are_reported_together_with_a_detail_naming_each_field():
    with pytest.raises(problems.Problem) as info:
        check({"session_id": "bad id", "max_iterations": 0})
    p = info.value
    assert list(p.errors) == ["message", "session_id", "max_iterations"]
    assert p.detail.startswith("message: Is required. session_id: ")
    assert p.to_body()["status"] == 400


@pytest.mark.parametrize("document", [[], "text", 3, None])
def test_body_must_be_an_object(document):
    assert errors_of(document) == {"body": ["A JSON object is required."]}


@pytest.mark.parametrize("body", [b"{", b"{'a':1}", b"", b'{"message": NaN}', b"[" * 5000 + b"]" * 5000])
def test_malformed_json(body):
    with pytest.raises(problems.Problem) as info:
        validation.parse_body(body)
    assert info.value.errors == {"body": ["Malformed JSON."]}


def test_non_utf8_body():
    with pytest.raises(problems.Problem) as info:
        validation.parse_body('{"message":"hi"}'.encode("utf-16"))
    assert list(info.value.errors) == ["body"]
    with pytest.raises(problems.Problem):
        validation.parse_body(b'{"message":"\xff"}')


def test_body_limit():
    ok = json.dumps({"message": "x", "pad": "p" * 100}).encode()
    assert validation.parse_body(ok)["message"] == "x"
    with pytest.raises(problems.Problem) as info:
        validation.parse_body(b" " * 131_073)
    assert info.value.errors == {"body": ["Must be at most 131072 bytes."]}


def test_utf8_bom_is_accepted():
    assert validation.parse_body(b'\xef\xbb\xbf{"message":"hi"}') == {"message": "hi"}


@pytest.mark.parametrize("content_type,ok", [
    ("application/json", True), ("application/json; charset=utf-8", True), ("Application/JSON", True),
    ("application/merge-patch+json", True), ("text/plain", False), ("", False), (None, False),
    ("application/x-www-form-urlencoded", False),
])
def test_content_types(content_type, ok):
    assert validation.is_json_content_type(content_type) is ok
