"""The images give every library a writable home and keep their data and caches under /data (crewAI creates
its data dir at import; a missing or root-owned HOME kills the process before the server starts)."""
import re
from pathlib import Path

import pytest

DOCKER = Path(__file__).resolve().parents[2] / "docker"
IMAGES = sorted(DOCKER.glob("*.Dockerfile"))


def env_of(text: str) -> dict:
    joined = text.replace("\\\n", " ")
    pairs = {}
    for line in joined.splitlines():
        if line.startswith("ENV "):
            pairs.update(dict(re.findall(r"(\w+)=(\S+)", line)))
    return pairs


@pytest.mark.parametrize("path", IMAGES, ids=lambda p: p.name)
def test_home_and_library_dirs_are_under_data_and_owned_by_the_user(path):
    text = path.read_text()
    env = env_of(text)
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "BENCHAPP_DATA_DIR"):
        assert env.get(key, "").startswith("/data"), (path.name, key)
    assert "--no-create-home" not in text and "--create-home" in text
    assert re.search(r"chown -R bench(:bench)? /data", text)
    assert "USER bench" in text


def test_framework_images_set_their_librarys_variables():
    assert env_of((DOCKER / "python-adk.Dockerfile").read_text())["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
    crewai = env_of((DOCKER / "python-crewai.Dockerfile").read_text())
    assert crewai["CREWAI_STORAGE_DIR"] and crewai["CREWAI_TRACING_ENABLED"] == "false"
