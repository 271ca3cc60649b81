from benchapp_crewai.transcript import kickoff_messages


def test_first_turn_is_the_message_verbatim():
    assert kickoff_messages([], "#bench tool_calls=1\nHi") == [{"role": "user", "content": "#bench tool_calls=1\nHi"}]


def test_earlier_directives_are_quoted_so_only_the_new_one_starts_a_line():
    history = [{"role": "user", "content": "#bench tool_calls=3\nFirst"}, {"role": "assistant", "content": "answer"}]
    messages = kickoff_messages(history, "#bench tool_calls=0\nSecond")
    joined = "\n".join(m["content"] for m in messages)  # what crewai's kickoff makes of them
    directive_lines = [line for line in joined.split("\n") if line.strip().startswith("#bench")]
    assert directive_lines == ["#bench tool_calls=0"]
    assert "| user: #bench tool_calls=3" in joined and "| assistant: answer" in joined
    assert messages[-1]["content"] == "#bench tool_calls=0\nSecond"
