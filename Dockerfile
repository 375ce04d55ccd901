FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BRIEFBOT_DATABASE_URL=sqlite:////data/briefbot.db \
    BRIEFBOT_CONFIG=/app/config/briefbot.toml \
    BRIEFBOT_ALIASES=/app/config/aliases.toml \
    BRIEFBOT_HTTP_HOST=0.0.0.0 \
    BRIEFBOT_HTTP_PORT=8080

WORKDIR /app

# The dependencies first, from pyproject.toml alone: a change to the code reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY README.md ./
COPY bot ./bot
COPY config ./config
RUN pip install --no-cache-dir --no-deps . \
    && useradd --create-home --uid 10001 briefbot \
    && mkdir -p /data && chown briefbot /data

USER briefbot
VOLUME ["/data"]
EXPOSE 3000 8080 8443

# GET /healthz answers 200 while the database answers and the scheduler runs, else 503.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${BRIEFBOT_HTTP_PORT}/healthz', timeout=8)"

CMD ["briefbot", "run"]
