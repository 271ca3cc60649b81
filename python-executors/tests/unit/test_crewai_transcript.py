from benchapp_crewai.transcript import kickoff_messages, task_text

# crewAI 1.15 translations/en.json slices.native_task; the prompt's user message is this with {input} replaced.
NATIVE_TASK = "\nCurrent Task: {input}"


def directive_lines(text):
    return [line.strip() for line in text.split("\n") if line.strip().startswith("#bench")]


def test_first_turn_directive_starts_its_own_line_after_crewais_template():
    messages = kickoff_messages([], "#bench tool_calls=1\nHi")
    prompt = NATIVE_TASK.replace("{input}", task_text(messages)).rstrip()
    assert directive_lines(prompt) == ["#bench tool_calls=1"]
    assert prompt.endswith("\n#bench tool_calls=1\nHi")  # the message itself is verbatim


def test_a_message_without_directive_is_kept_verbatim():
    assert task_text(kickoff_messages([], "Weather in Oslo?")) == "\nWeather in Oslo?"


def test_earlier_directives_are_quoted_so_only_the_new_one_starts_a_line():
    history = [{"role": "user", "content": "#bench tool_calls=3\nFirst"}, {"role": "assistant", "content": "answer"}]
    messages = kickoff_messages(history, "#bench tool_calls=0\nSecond")
    prompt = NATIVE_TASK.replace("{input}", task_text(messages))
    assert directive_lines(prompt) == ["#bench tool_calls=0"]
    assert "| user: #bench tool_calls=3" in prompt and "| assistant: answer" in prompt
    assert messages[-1]["content"] == "#bench tool_calls=0\nSecond"
    assert prompt.startswith("\nCurrent Task: \nConversation so far:")
