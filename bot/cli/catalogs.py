"""`picketbot catalogs update|compile|check`: the translation catalogs (see `bot.catalogs`)."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "catalogs",
        help="manage the translation catalogs (commands/locale/)",
        description=(
            "update: merge the messages the source asks for into each language's .po files; "
            "compile: write the .mo files the bot reads; check: list messages without a "
            "translation, translations whose {placeholders} differ, and stale .mo files "
            "(exits 1 if any)."
        ),
    )
    parser.add_argument("action", choices=("update", "compile", "check"))
    parser.set_defaults(handler=run)


async def run(args: argparse.Namespace) -> int:
    # Imported here: Babel is for managing the catalogs; `picketbot run` never loads it.
    from bot import catalogs

    if args.action == "update":
        for line in catalogs.update():
            print(line)
        return 0
    if args.action == "compile":
        for path in catalogs.compile_all():
            print(f"wrote {path.relative_to(catalogs.ROOT)}")
        return 0
    problems = catalogs.check()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "catalogs complete")
    return 1 if problems else 0
