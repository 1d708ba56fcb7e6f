"""The fake job boards: one server (`server.JobBoardServer`), generated studio boards (`studios`).

``python -m bot.testing.fakes.jobboards --boards 200 --hosts 20`` runs the
generated boards as a process of their own for the benchmark.
"""

from bot.testing.fakes.jobboards.failures import FailureMode
from bot.testing.fakes.jobboards.server import JobBoardServer, RecordedRequest

__all__ = ["FailureMode", "JobBoardServer", "RecordedRequest"]
