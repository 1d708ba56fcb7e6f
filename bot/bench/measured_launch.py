"""Start a program and report its own peak memory: ``python -S measured_launch.py REPORT ARGV...``.

Why a launcher: Linux carries a process's peak resident memory across fork
and exec, so a child forked from the benchmark (hundreds of megabytes after
the earlier scenarios) reports the benchmark's peak, not its own. This
small process is spawned instead; it starts the program with posix_spawn,
waits for it with wait4 and writes, as JSON to REPORT, the monotonic time
it spawned the program (comparable across processes on one machine), the
program's ``ru_maxrss`` in kilobytes and its exit code. Standard library
only, so the launcher itself stays a few megabytes.
"""

import json
import os
import sys
import time


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    spawned_at = time.monotonic()
    pid = os.posix_spawn(argv[0], argv, dict(os.environ))
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w", encoding="utf-8") as out:
        json.dump({"spawned_at": spawned_at, "maxrss_kb": usage.ru_maxrss, "exit": code}, out)
    return code


if __name__ == "__main__":
    sys.exit(main())
