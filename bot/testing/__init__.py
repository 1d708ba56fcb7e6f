"""The test harness and the local fakes, shipped in the package so `picketbot bench` can use them.

`harness.TestBot` is the bot as the suite drives it (an App on a real SQLite
file, the console session, a settable clock, a recording sender); `clock`,
`people` and `senders` are its parts; `fakes/` are real local servers that
speak Discord's, Slack's, a rate-limiting chat platform's and the job
boards' protocols over loopback. Nothing here imports pytest: the bench runs
from an installed package, where tests/ is absent.
"""
