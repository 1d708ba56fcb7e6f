"""``picketbot demo``: the console, with made-up job boards served on this machine.

A newcomer sees the job alerts work with no internet and no token: the demo
boards (bot/data/demo_board.json, served by the job-board fake) are polled
every few seconds, the first poll records them, and the postings that join
them a little later are posted to the console, each post marked DEMO.
Everything lives in a temporary folder (database, configuration, log) that
goes when the demo ends. With a platform token in the environment the demo
refuses to start, so its made-up alerts can never reach a real channel.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.adapters.console.terminal import ConsoleSender
from bot.app import App, open_app
from bot.cli.core import config_from, console_main, member_name
from bot.config.loading import Config
from bot.jobs.poller import JOB_ID, Poller
from bot.jobs.poller_settings import poller_settings
from bot.picket.reminders import start_reminders
from bot.testing.fakes.jobboards.demo import DemoBoard, demo_boards, install
from bot.testing.fakes.jobboards.server import JobBoardServer
from commands.roles import Role
from storage.outbox.queue import OutboundMessage

#: Set, any of these could carry a post to a real Discord or Slack channel.
PLATFORM_TOKENS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
#: Every demo board is polled this often (a real board: every 30 minutes or so).
CYCLE_SECONDS = 10.0
FIRST_CYCLE_SECONDS = 2.0
CHANNEL = "demo"
MARK = "DEMO"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser(
        "demo", help="the console with made-up job boards served here: alerts within a minute, no internet"
    )
    demo.add_argument("--as", dest="as_name", default=None, help="your name in the demo (default: $USER)")
    demo.set_defaults(handler=run_demo)


class DemoSender:
    """Prints posts like the console does, each marked DEMO."""

    platform = "console"

    def __init__(self, inner: ConsoleSender) -> None:
        self.inner = inner

    async def send(self, message: OutboundMessage) -> None:
        title = f"{MARK} · {message.title}" if message.title else MARK
        await self.inner.send(replace(message, title=title))


def refusal(config: Config) -> str | None:
    """Why the demo will not start here, or None."""
    found = [name for name in PLATFORM_TOKENS if config.secret(name)]
    if not found:
        return None
    return f"picketbot demo: {found[0]} is set; the demo runs only without platform tokens (unset them first)"


async def run_demo(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="picketbot-demo-") as folder:
        async with JobBoardServer() as server:
            boards = demo_boards()
            install(server, boards)
            demo = _demo_args(Path(folder), server.base_url, boards, args.as_name)
            config = config_from(demo, console=True)
            refused = refusal(config)
            if refused:
                print(refused, file=sys.stderr)
                return 1
            app = await open_app(config)
            _write(_banner(server.base_url, boards) + "\n\n")
            sender = DemoSender(ConsoleSender(_write))
            return await console_main(
                app, member_name(demo), Role.ORGANIZER, sender=sender, starters=(start_reminders, _poll)
            )


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _demo_args(
    folder: Path, base_url: str, boards: list[DemoBoard], as_name: str | None
) -> argparse.Namespace:
    """A configuration of the demo's own, in ``folder``: its boards, and alerts to the console."""
    lines = ["[poller]", f'alert_channels = [{{ platform = "console", channel = "{CHANNEL}" }}]']
    for board in boards:
        lines += [
            "[[poller.sources]]",
            f"company = {json.dumps(board.company)}",
            'type = "greenhouse"',
            f"board = {json.dumps(board.board)}",
            f"base_url = {json.dumps(base_url)}",
        ]
    path = folder / "picketbot.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return argparse.Namespace(config=str(path), db=str(folder / "demo.db"), as_name=as_name)


async def _poll(app: App) -> None:
    """The poller, every source every few seconds whatever its interval, first in two seconds."""
    poller = Poller(
        app.db, poller_settings(app.config), clock=app.services.clock, on_result=app.metrics.poll_result
    )
    await poller.sync()
    app.closers.append(poller.close)
    app.scheduler.add_job(
        poller.scheduled_cycle, "interval", seconds=CYCLE_SECONDS, kwargs={"force": True}, id=JOB_ID,
        next_run_time=datetime.now(UTC) + timedelta(seconds=FIRST_CYCLE_SECONDS),
        replace_existing=True, max_instances=1, coalesce=True, misfire_grace_time=None,
    )  # fmt: skip


def _banner(base_url: str, boards: list[DemoBoard]) -> str:
    names = ", ".join(board.company for board in boards)
    return (
        f"picketbot demo: made-up job boards ({names}) served at {base_url}, polled every"
        f" {CYCLE_SECONDS:g} s. The first poll records them; new AI listings are posted here within"
        " a minute, marked DEMO. Try /jobs latest, /jobs search voice, /jobs sources."
        " Nothing is kept after you quit."
    )
