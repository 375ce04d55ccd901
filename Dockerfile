FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BRIEFBOT_DATABASE_URL=sqlite:////data/briefbot.db \
    BRIEFBOT_CONFIG=/app/config/briefbot.toml \
    BRIEFBOT_ALIASES=/app/config/aliases.toml

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY config ./config
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 briefbot \
    && mkdir -p /data && chown briefbot /data

USER briefbot
VOLUME ["/data"]
EXPOSE 3000 8443
CMD ["briefbot", "run"]
