"""``picketbot bench``: measure the bot on this machine against its targets.

One module per scenario (`signup_storm`, `fact_latency`, `poll_cycle`,
`fanout`, `startup`), each with ``async def run(sizes) -> ScenarioResult``;
`runner` runs them in turn and `report` prints the table and the JSON.
"""
