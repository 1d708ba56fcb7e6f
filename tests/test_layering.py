"""The layers keep to themselves.

commands/ is platform-free: it imports no chat library, directly or
indirectly. storage/ knows nothing of chat: it imports nothing from
commands/ or bot/. The picket rules are plain Python: importing them loads
no SQLite, so another database backend can reuse them.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHAT_LIBRARIES = ("discord", "slack_bolt", "slack_sdk", "aiohttp")
#: The picket model, its rules and what they return: no SQL, no database driver.
PURE_RULES = (
    "storage.picket.model",
    "storage.picket.refusals",
    "storage.picket.outcomes",
    "storage.picket.shift_rules",
    "storage.picket.signup_rules",
    "storage.picket.checkin_rules",
    "storage.picket.site_rules",
)


def imported_modules(path: Path) -> list[str]:
    """Every module `path` names in an import statement (relative imports resolved to nothing)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


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


def test_storage_imports_nothing_from_commands_or_bot() -> None:
    files = sorted((REPO / "storage").rglob("*.py"))
    assert len(files) > 30
    for path in files:
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top not in ("commands", "bot"), (
                f"{path.relative_to(REPO)} imports {name}: storage/ must know nothing of chat"
            )


def test_the_picket_rules_load_no_sqlite() -> None:
    code = (
        f"import sys; [__import__(m) for m in {PURE_RULES!r}]; "
        "print(sorted(m for m in sys.modules if 'sqlite' in m or m.split('.')[0] in ('commands', 'bot')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"
