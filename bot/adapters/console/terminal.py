"""The console: the whole bot in a terminal, no tokens needed.

Lines are read exactly as typed in chat (``/fact netflix salary``) from a
terminal with line editing and history, or from piped input. Replies print
as plain text; background posts (alerts, reminders) print as they arrive,
marked with their channel. It doubles as the harness tests drive.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from commands.context import Actor, Channel
from commands.dispatcher import Dispatcher
from commands.i18n import N_, _, speaking
from commands.markup import plain
from commands.reply import Reply, reply_as_text
from commands.roles import Role
from storage.outbox.queue import OutboundMessage, PostedRef

PLATFORM = "console"
CHANNEL = Channel(PLATFORM, "console", "console")
HISTORY_FILE = Path.home() / ".picketbot_history"


def console_actor(name: str, role: Role, locale: str | None = None) -> Actor:
    """``locale``: the console's ``--lang`` (``es``), the console's stand-in for a platform's locale."""
    return Actor(PLATFORM, name.strip().lower(), name.strip(), role, locale)


class ConsoleSender:
    """Prints outbox messages; in the console every channel and member is this terminal.

    A live post is printed when it is posted and again, marked "updated", each
    time it is edited (the terminal cannot change what it already printed).
    """

    platform = PLATFORM

    def __init__(self, write: Callable[[str], None]) -> None:
        self.write = write
        self._posted = 0

    async def send(self, message: OutboundMessage) -> PostedRef:
        where = f"#{message.target_id}" if message.target_kind == "channel" else f"DM @{message.target_id}"
        self._print(f"[{where}]", message)
        self._posted += 1
        return PostedRef(message.target_id, str(self._posted))

    async def edit(self, where: PostedRef, message: OutboundMessage) -> None:
        self._print(f"[#{where.channel_id}, post {where.message_id} updated]", message)

    def _print(self, head: str, message: OutboundMessage) -> None:
        title = f" {plain(message.title)}" if message.title else ""
        lines = [f"{head}{title}", plain(message.body)]
        if message.footer:
            lines.append(plain(message.footer))
        if message.buttons:
            lines.append("  ".join(f"[{plain(b.label)}: /{b.command}]" for b in message.buttons))
        self.write("\n".join(lines) + "\n\n")


class ConsoleSession:
    """One acting member typing commands; `/as` switches who that is."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        actor: Actor,
        *,
        save_dir: Path | None = None,
        channel: Channel = CHANNEL,
    ) -> None:
        self.dispatcher = dispatcher
        self.actor = actor
        self.save_dir = save_dir or Path.cwd()
        #: Where commands are said: the one console channel, or another a test names.
        self.channel = channel

    async def run_line(self, line: str) -> str | None:
        """The text to print for one input line, or None for a blank line."""
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            return None
        if stripped.split()[0].lower() in ("/as", "as"):
            with speaking(self.language(self.actor)):
                return self._switch(stripped.split()[1:])
        reply = await self.dispatcher.handle_text(self.actor, self.channel, stripped)
        return self.render(reply)

    def language(self, actor: Actor) -> str:
        """The language `actor` reads: what the dispatcher answered them in."""
        return self.dispatcher.language_of(actor.platform, actor.user_id, actor.locale)

    def render(self, reply: Reply, actor: Actor | None = None) -> str:
        """`reply` as the console prints it, in the language of the member it answers (`actor`,
        else the session's): the reply's own words are already theirs, the console's must be too."""
        with speaking(self.language(actor or self.actor)):
            text = reply_as_text(reply)
            if reply.attachment is not None:
                target = self.save_dir / Path(reply.attachment.filename).name
                target.write_bytes(reply.attachment.content)
                text += "\n" + _("Saved {path}").format(path=target)
            return _("error: {message}").format(message=text) if reply.is_error else text

    def _switch(self, words: list[str]) -> str:
        if not words:
            usage = _("error: usage: /as NAME [member|captain|organizer] (now {name}, {role})")
            return usage.format(name=self.actor.display_name, role=self.actor.role.label)
        role = self.actor.role
        if len(words) > 1:
            try:
                role = Role.parse(words[-1])
                words = words[:-1]
            except ValueError as error:
                return _("error: {message}").format(message=error)
        self.actor = console_actor(" ".join(words)[:60], role, self.actor.locale)
        return _("You are now {name} ({role}).").format(name=self.actor.display_name, role=role.label)


#: Lines that end the console (any case): what people type to leave a prompt.
EXIT_WORDS = frozenset({"exit", "quit", "/exit", "/quit"})
BANNER = N_(
    "picketbot console. Type /help for commands, /as NAME ROLE to switch member,"
    " and exit (or quit, Ctrl-D) to leave."
)


def is_exit(line: str) -> bool:
    return line.strip().lower() in EXIT_WORDS


class LineReader:
    """Input lines, read on a thread so the event loop keeps running.

    At a terminal the next prompt waits until the last line is answered, so it
    comes after the reply. The thread stops after a word that ends the console,
    so nothing is left waiting for one more line at exit; it is a daemon, so an
    exit for any other reason (Ctrl-C) does not wait for it either.
    """

    def __init__(self, stream: TextIO, interactive: bool) -> None:
        self.stream, self.interactive = stream, interactive
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._answered = threading.Semaphore(0)
        self._loop = asyncio.get_running_loop()
        threading.Thread(target=self._read, name="console-input", daemon=True).start()

    async def next(self) -> str | None:
        """The next line (with its newline), or None at the end of input."""
        return await self.queue.get()

    def answered(self) -> None:
        """The last line is dealt with: a terminal may prompt for the next."""
        self._answered.release()

    def _read(self) -> None:
        while True:
            try:
                # input() gives line editing and history; "\n" keeps blank lines distinct from EOF.
                line = input("picketbot> ") + "\n" if self.interactive else self.stream.readline()
            except (EOFError, KeyboardInterrupt):
                line = ""
            with contextlib.suppress(RuntimeError):  # the loop closed: nobody is reading
                self._loop.call_soon_threadsafe(self.queue.put_nowait, line or None)
            if not line or is_exit(line):
                return
            if self.interactive:
                self._answered.acquire()


def setup_line_editing() -> None:
    """Line editing and history where readline is available (not on every platform)."""
    try:
        import readline
    except ImportError:
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(1000)
    import atexit

    atexit.register(lambda: _save_history(readline))


def _save_history(readline_module: object) -> None:
    with contextlib.suppress(OSError):
        readline_module.write_history_file(HISTORY_FILE)  # type: ignore[attr-defined]


async def run_console(
    session: ConsoleSession,
    *,
    stdin: TextIO,
    write: Callable[[str], None],
    after_line: Callable[[], Awaitable[None]] | None = None,
) -> None:
    interactive = stdin.isatty()
    if interactive:
        setup_line_editing()
        with speaking(session.language(session.actor)):
            write(_(BANNER) + "\n")
    reader = LineReader(stdin, interactive)
    while True:
        line = await reader.next()
        if line is None or is_exit(line):
            return
        output = await session.run_line(line)
        if output is not None:
            write(output + "\n\n")
        if after_line is not None:
            await after_line()
        reader.answered()
