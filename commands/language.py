"""/lang: the language picketbot answers a member in.

A member reads picketbot in the language they chose here, else in their
platform's language (Discord's client setting, Slack's user locale, the
console's ``--lang``) when the bot speaks it, else in ``[bot] language``.
``/lang es`` or ``/lang en`` chooses; ``/lang auto`` drops the choice;
``/lang`` alone says which language is used and why. The choice is the
person's: on linked accounts (/link) it holds on every one of them. Notices
composed later (reminders, promotions) read it from the member's row
(`storage.members.spoken_in`); commands read it from `Services.languages`.
"""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.i18n import LANGUAGES, N_, _, language_for, speaking
from commands.registry import Commands, Group
from commands.reply import Reply
from storage import members

#: What `/lang auto` is typed as: drop the choice, follow the platform again.
AUTO = "auto"

lang = Commands(Group("lang", N_("Your language: English or Spanish")))

#: Where a member's platform language comes from, as a member would say it.
PLATFORM_SOURCES = {
    "discord": N_("your Discord language setting"),
    "slack": N_("your Slack language setting"),
    "console": N_("the console's --lang"),
}
OTHER_SOURCE = N_("your platform's language setting")
#: Each language's name inside a sentence (in Spanish: "español", lower case).
NAMES = {"en": N_("English"), "es": N_("Spanish")}


def _name(language: str) -> str:
    """A language's name in the language being spoken."""
    name = NAMES.get(language, language)
    return _(name)


@lang.command(
    description=N_("Your language: /lang es or /lang en; /lang auto follows your Discord or Slack language"),
    params=(
        p.choice(
            "language",
            N_("es (Español), en (English), or auto (your Discord or Slack language)"),
            choices=(*LANGUAGES, AUTO),
            required=False,
        ),
    ),
    ephemeral=True,
    examples=("/lang", "/lang es", "/lang auto"),
    default=True,  # its one option is a word (es, en, auto), typed right after /lang
)
async def choose_language(ctx: Context, language: str | None = None) -> Reply:
    if language is None:
        return _current(ctx)
    chosen = None if language == AUTO else language
    await members.choose_language(ctx.db, await ctx.member_id(), chosen)
    await ctx.services.languages.load(ctx.db)  # this instance knows at once; others within 30 s
    if chosen is None:
        with speaking(_followed(ctx)):
            return Reply(text=_auto_text(ctx), ephemeral=True)
    with speaking(chosen):  # the answer is in the language just chosen
        text = _("Done: picketbot answers you in this language from now on (everywhere you use it).")
        hint = _("To follow {source} again: /lang auto").format(source=_source(ctx))
        return Reply(text=f"{text}\n{hint}", ephemeral=True)


def _followed(ctx: Context) -> str:
    """The language a member reads without a choice: their platform's, else the bot's own."""
    return language_for(ctx.actor.locale) or ctx.settings.language


def _source(ctx: Context) -> str:
    """Where the member's platform language comes from, in the language being spoken."""
    where = PLATFORM_SOURCES.get(ctx.actor.platform, OTHER_SOURCE)
    return _(where)


def _auto_text(ctx: Context) -> str:
    language = _name(_followed(ctx))
    if language_for(ctx.actor.locale):
        return _("Done: picketbot follows {source} again, so it answers you in {language}.").format(
            source=_source(ctx), language=language
        )
    return _(
        "Done: picketbot answers you in this bot's own language, {language}: {source} names none it speaks."
    ).format(source=_source(ctx), language=language)


def _current(ctx: Context) -> Reply:
    language = _name(ctx.language)
    source = _source(ctx)
    if ctx.services.languages.of(ctx.actor.platform, ctx.actor.user_id):
        text = _("You read picketbot in {language}: you chose it with /lang. To follow {source}: /lang auto")
    elif language_for(ctx.actor.locale):
        text = _("You read picketbot in {language}, from {source}. To choose another: /lang es or /lang en")
    else:
        text = _(
            "You read picketbot in {language}, this bot's own language ({source} names none it speaks)."
            " To choose another: /lang es or /lang en"
        )
    return Reply(text=text.format(language=language, source=source), ephemeral=True)
