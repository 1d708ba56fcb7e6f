"""Leaving the console: ``exit``, ``quit`` and ``/quit`` end it at once, at a terminal and from a pipe.

At a terminal the console reads lines on a thread (``input()``, for line
editing); a word that ends the session must stop that thread too, or the
process waits for one more line before it can exit.
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.testing.harness import TestBot
from commands.context import Actor
from commands.reply import reply_as_text
from tests.helpers import subprocess_env

#: How long a test waits for the console to answer or end before it fails (a hang, not a speed limit).
PATIENCE = 60.0


class Terminal:
    """`picketbot console` with a pseudo-terminal for its input and output, as a person would run it."""

    def __init__(self, cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "console", "--as", "Olga", "--role", "organizer"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=subprocess_env(HOME=str(cwd), TERM="dumb"),
            close_fds=True,
        )
        os.close(slave)
        self.seen = ""

    def read_until(self, text: str) -> str:
        deadline = time.monotonic() + PATIENCE
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the console never printed {text!r}; it printed:\n{self.seen}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the other side closed: the process ended
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the console ended before printing {text!r}:\n{self.seen}")
                self.seen += chunk.decode("utf-8", "replace")
        return self.seen

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    def exit_code(self) -> int | None:
        """The exit status, waiting up to PATIENCE seconds while draining output; None if still running."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                return code
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                with contextlib.suppress(OSError):  # the other side closed: the process ended
                    self.seen += os.read(self.master, 4096).decode("utf-8", "replace")
        return self.process.poll()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.mark.parametrize("word", ["exit", "quit", "/quit", "EXIT"])
def test_a_word_to_leave_ends_the_console_at_a_terminal(tmp_path: Path, word: str) -> None:
    terminal = Terminal(tmp_path)
    try:
        banner = terminal.read_until("picketbot> ")
        assert "exit" in banner and "quit" in banner, banner  # the banner says how to leave
        terminal.type("/pay compare 26000")
        terminal.read_until("about the same as $26,000")
        terminal.type(word)
        code = terminal.exit_code()
        assert code == 0, f"the console is still running after {word!r}:\n{terminal.seen}"
        assert "unknown command" not in terminal.seen and "Traceback" not in terminal.seen
    finally:
        terminal.close()


@pytest.mark.parametrize("word", ["exit", "quit", "/quit", "/exit"])
def test_a_word_to_leave_ends_piped_input(tmp_path: Path, word: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=f"/pay compare 26000\n{word}\n/pay compare 900000\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        timeout=PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    assert "about the same as $26,000" in result.stdout
    assert "$900,000" not in result.stdout, "lines after the word to leave must not run"
    assert "unknown command" not in result.stdout


async def test_help_in_the_console_says_how_to_leave(bot: TestBot) -> None:
    text = await bot.say("/help")
    assert "exit" in text and "quit" in text
    # Elsewhere (Slack, Discord) there is nothing to leave.
    elsewhere = reply_as_text(await bot.reply("/help", as_=Actor("slack", "U1", "Ana")))
    assert "quit" not in elsewhere
