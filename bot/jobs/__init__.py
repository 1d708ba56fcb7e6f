"""The job-board layer: fetch studio job boards, read pay, spot AI listings.

Pure and reusable: no storage, no chat. A poller calls
``bot.jobs.boards.fetch_listings`` with one ``SourceSpec`` and a long-lived
``bot.jobs.fetch.http.HttpFetcher``.
"""
