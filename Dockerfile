# picketbot: one process serving Discord and/or Slack, its database on a volume.
#   docker build -t picketbot .
#   docker run -d --name picketbot -v picketbot-data:/data \
#     -e DISCORD_TOKEN=... -e SLACK_BOT_TOKEN=... -e SLACK_APP_TOKEN=... picketbot
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY commands ./commands
COPY storage ./storage
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PICKETBOT_DB=/data/picketbot.db \
    PICKETBOT_CONFIG=/config/picketbot.toml \
    PICKETBOT_HTTP_HOST=0.0.0.0 \
    PICKETBOT_HTTP_PORT=8080 \
    PICKETBOT_LOG_JSON=1 \
    PICKETBOT_REQUIRE_PLATFORM=1
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin picketbot \
    && mkdir -p /data /config \
    && chown picketbot:picketbot /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
COPY picketbot.example.toml /config/picketbot.toml
USER picketbot
WORKDIR /data
VOLUME ["/data"]
# 8080: /healthz and /metrics. 3000: the public listener (Slack HTTP mode, calendar feeds).
EXPOSE 8080 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"]
# In a container there is no terminal: PICKETBOT_REQUIRE_PLATFORM makes `run`
# exit with a clear error when no platform token is set, instead of a console.
ENTRYPOINT ["picketbot"]
CMD ["run"]
