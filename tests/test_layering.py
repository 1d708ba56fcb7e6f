"""commands/ is platform-free: it imports no chat library, directly or indirectly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHAT_LIBRARIES = ("discord", "slack_bolt", "slack_sdk", "aiohttp")


def test_no_chat_library_is_named_in_commands() -> None:
    for path in (REPO / "commands").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in CHAT_LIBRARIES, f"{path.name} imports {name}"
                assert not name.startswith("bot"), (
                    f"{path.name} imports {name}: commands/ must not depend on bot/"
                )


def test_importing_every_command_loads_no_chat_library() -> None:
    code = (
        "import sys, commands.catalog as c; c.build_registry(); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {CHAT_LIBRARIES!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"
