"""Wiring: open the database, build the command layer, start background work.

This is the one place that knows every part of the bot. Adapters get the
`App` and use its dispatcher; nothing reaches for globals.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from importlib import resources

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config.loading import Config
from bot.config.public import public_settings
from bot.delivery import DeliveryWorker, Sender
from bot.jobs.poller import start_poller
from bot.jobs.poller_settings import allow_private_addresses
from bot.jobs.validate import BoardValidator
from bot.leadership import Leadership, LeaderWork, leader_lease
from bot.metrics import Metrics
from bot.picket.feeds import add_feed_routes
from bot.picket.posts import PostEditor
from bot.picket.reminders import start_reminders
from bot.public import PublicListener
from commands.catalog import build_registry
from commands.context import Services, utc_now
from commands.dispatcher import Dispatcher
from commands.registry import Registry
from storage.database import Database
from storage.facts import store as fact_store
from storage.facts.pack import FactPack, parse_pack
from storage.leases import new_holder_id

log = logging.getLogger("picketbot")

#: Background work features start with the bot (reminders, the job poller).
BackgroundStarter = Callable[["App"], Awaitable[None]]


def builtin_factpack() -> FactPack:
    text = resources.files("bot.data").joinpath("factpack.json").read_text(encoding="utf-8")
    return parse_pack(text)


@dataclass
class App:
    config: Config
    db: Database
    services: Services
    registry: Registry
    dispatcher: Dispatcher
    scheduler: AsyncIOScheduler = field(default_factory=AsyncIOScheduler)
    senders: dict[str, Sender] = field(default_factory=dict)
    worker: DeliveryWorker | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    metrics: Metrics = field(default_factory=Metrics)
    #: Run at close, newest first (ops server, platform clients).
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    #: This process in outbox claims and the leader lease.
    holder: str = field(default_factory=new_holder_id)
    #: Whether this process runs the reminders and the poller (set by start_background).
    leadership: Leadership | None = None
    #: Keeps live shift posts up to date (every process runs one; see bot.picket.posts).
    post_editor: PostEditor | None = None
    #: The one port platforms and members reach (Slack HTTP mode, calendar feeds): `public_listener()`.
    public: PublicListener | None = None

    def add_sender(self, sender: Sender) -> None:
        self.senders[sender.platform] = sender

    def public_listener(self) -> PublicListener:
        """The public listener (`bot.public`), made on first use with the calendar feeds' routes.
        A platform adds its routes before `picketbot run` starts it."""
        if self.public is None:
            self.public = PublicListener(public_settings(self.config))
            self.closers.append(self.public.close)
            add_feed_routes(self)
        return self.public

    async def start_background(
        self, starters: tuple[BackgroundStarter, ...] = (), *, edit_posts: bool = True
    ) -> None:
        """Start the scheduler, the outbox worker, the live-post editor (unless ``edit_posts`` is
        False: the console runs its passes after each line) and each feature's background work."""
        lease = timedelta(seconds=self.config.lease_seconds)
        self.worker = DeliveryWorker(
            self.db,
            self.senders,
            self.services.clock,
            on_delivered=lambda message: self.metrics.delivered.labels(message.platform).inc(),
            lease=lease,
            holder=self.holder,
            on_possible_repeat=lambda message: self.metrics.possible_repeats.labels(message.platform).inc(),
        )
        self.scheduler.start()
        self.spawn(self.worker.run(), "outbox-delivery")
        self.post_editor = PostEditor(self.db, self.services.clock, language=self.services.settings.language)
        if edit_posts:
            self.spawn(self.post_editor.run(), "live-posts")
        # Reminders and the poller run in one process per database; others wait as standbys.
        self.leadership = Leadership(
            leader_lease(self.db, self.holder, lease, self.services.clock),
            LeaderWork(self, starters or default_starters()),
            lease,
            self.services.clock,
        )
        await self.leadership.step()
        self.spawn(self.leadership.run(), "leadership")

    def spawn(self, work: Awaitable[None], name: str) -> None:
        async def guarded() -> None:
            try:
                await work
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("background task %s stopped", name)

        task = asyncio.create_task(guarded(), name=name)
        if inspect.iscoroutine(work):
            # A task cancelled before it first ran never awaits `work`: close it quietly.
            task.add_done_callback(lambda _: work.close())
        self.tasks.append(task)

    async def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                await closer()
            except Exception:
                log.exception("error while shutting down")
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            # A task that swallowed its cancellation must not make shutdown hang forever.
            _, stuck = await asyncio.wait(self.tasks, timeout=SHUTDOWN_WAIT_SECONDS)
            for task in stuck:
                log.warning("background task %s did not stop when asked", task.get_name())
        if self.leadership is not None:
            await self.leadership.release()  # the work has stopped: a standby may take over now
        await self.db.close()


def default_starters() -> tuple[BackgroundStarter, ...]:
    """Feature background work, in start order. Features add themselves here."""
    return (start_reminders, start_poller)


#: How long shutting down waits for background tasks to stop once cancelled.
SHUTDOWN_WAIT_SECONDS = 10.0

#: Allocations between collections of the youngest generation (Python's default is 700).
YOUNG_GC_THRESHOLD = 7_000


def settle_after_start_up() -> None:
    """Leave what start-up loaded out of every later garbage-collection pass.

    Modules, the fact pack, zone data and the configuration live as long as
    the process. Without this, each full collection walks them all again, and
    during a sign-up storm (thousands of tasks, futures and replies being
    made) those walks showed up as pauses of tens of milliseconds. Garbage
    found now is collected first, so nothing dead is kept.

    The youngest generation is also collected less often: a storm keeps
    thousands of tasks, futures and coroutines alive at once, and collecting
    every 700 allocations walked those same live objects again and again
    (about a tenth of a sign-up's CPU). Memory still comes back as soon as
    objects die; cycles wait a little longer.
    """
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GC_THRESHOLD, older, oldest)


async def open_app(
    config: Config, *, clock: Callable[[], datetime] = utc_now, seed_facts: bool = True
) -> App:
    checker = BoardValidator(allow_private=allow_private_addresses(config))  # a bad setting stops here
    public = public_settings(config)
    settings = replace(config.settings, public_url=public.url, public_url_set=public.url_configured)
    db = await Database.open(config.database)
    db.clock = clock
    if seed_facts:
        try:
            synced = await fact_store.sync_builtin(db, builtin_factpack())
        except BaseException:
            await db.close()  # or its thread keeps the process alive after the error
            raise
        if synced.added or synced.updated or synced.retired:
            log.info(
                "built-in facts: %d added, %d corrected, %d withdrawn",
                synced.added,
                synced.updated,
                synced.retired,
            )
    services = Services(db=db, settings=settings, clock=clock, job_boards=checker)
    registry = build_registry()
    app = App(config, db, services, registry, Dispatcher(registry, services))
    app.dispatcher.observers.append(app.metrics.observe_command)
    return app
