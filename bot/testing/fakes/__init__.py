"""Local fakes of the outside world, speaking the real protocols over loopback.

`discord` and `slack` play the two chat platforms for the real discord.py
and slack-bolt clients; `channel_platform` is a small chat platform that
rate-limits like the real ones (the benchmark's and the delivery tests');
`rate_limits` is what all three share about saying "not now"; `jobboards`
plays the studios' job boards; `names` stands in for DNS. Only base URLs
point here: nothing inside the client libraries is patched.
"""
