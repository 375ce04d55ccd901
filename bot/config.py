"""Settings: the TOML file first, then BRIEFBOT_* environment variables on top."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import user_data_path

from bot.core.timing import known_time_zone, parse_clock

# Found beside the package, not in the working directory: "cd elsewhere && briefbot sources
# list" must read the same settings (and starter sources) as a run from the checkout.
DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "config" / "briefbot.toml"
MIN_RETENTION_DAYS = 7
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def default_database_path() -> Path:
    """The per-user data file (~/.local/share/briefbot/briefbot.db on Linux, XDG_DATA_HOME
    honoured), so every working directory opens the same database."""
    return user_data_path("briefbot", appauthor=False) / "briefbot.db"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


class SettingsError(ValueError):
    """A setting has a wrong value; the message names the setting in one line."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads at start-up; built by `load_settings`."""

    config_path: Path | None = None
    database_url: str = field(default_factory=default_database_url)
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = field(default=None, repr=False)
    telegram_webhook_port: int = 8443
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_api_url: str = "https://slack.com/api/"
    slack_port: int = 3000
    http_port: int | None = None
    http_host: str = "127.0.0.1"
    allow_private_sources: bool = False
    rate_limit: bool = True
    admins: frozenset[str] = frozenset()
    default_timezone: str = "UTC"
    default_briefing_time: str = "08:00"
    poll_interval_seconds: int = 900
    min_poll_interval_seconds: int = 300
    max_poll_interval_seconds: int = 21600
    host_spacing_seconds: float = 1.0
    retention_days: int = 90
    sources: tuple[str, ...] = ()
    aliases_path: Path | None = None

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and self.slack_signing_secret)

    def is_admin(self, platform: str, user_id: str | None) -> bool:
        return user_id is not None and f"{platform}:{user_id}" in self.admins


# setting name -> its environment variable
_ENV: dict[str, str] = {
    "database_url": "BRIEFBOT_DATABASE_URL",
    "telegram_token": "BRIEFBOT_TELEGRAM_TOKEN",
    "telegram_api_url": "BRIEFBOT_TELEGRAM_API_URL",
    "telegram_webhook_url": "BRIEFBOT_TELEGRAM_WEBHOOK_URL",
    "telegram_webhook_secret": "BRIEFBOT_TELEGRAM_WEBHOOK_SECRET",
    "telegram_webhook_port": "BRIEFBOT_TELEGRAM_WEBHOOK_PORT",
    "slack_bot_token": "BRIEFBOT_SLACK_BOT_TOKEN",
    "slack_signing_secret": "BRIEFBOT_SLACK_SIGNING_SECRET",
    "slack_app_token": "BRIEFBOT_SLACK_APP_TOKEN",
    "slack_api_url": "BRIEFBOT_SLACK_API_URL",
    "slack_port": "BRIEFBOT_SLACK_PORT",
    "http_port": "BRIEFBOT_HTTP_PORT",
    "http_host": "BRIEFBOT_HTTP_HOST",
    "allow_private_sources": "BRIEFBOT_ALLOW_PRIVATE_SOURCES",
    "rate_limit": "BRIEFBOT_RATE_LIMIT",
    "admins": "BRIEFBOT_ADMINS",
    "default_timezone": "BRIEFBOT_DEFAULT_TIMEZONE",
    "default_briefing_time": "BRIEFBOT_DEFAULT_BRIEFING_TIME",
    "poll_interval_seconds": "BRIEFBOT_POLL_INTERVAL_SECONDS",
    "host_spacing_seconds": "BRIEFBOT_HOST_SPACING_SECONDS",
    "retention_days": "BRIEFBOT_RETENTION_DAYS",
    "aliases_path": "BRIEFBOT_ALIASES",
}


def load_settings(env: Mapping[str, str] | None = None, path: Path | None = None) -> Settings:
    """Read the TOML file (BRIEFBOT_CONFIG or config/briefbot.toml), then apply the environment."""
    env = os.environ if env is None else env
    path = path or Path(env.get("BRIEFBOT_CONFIG") or DEFAULT_CONFIG)
    raw: dict[str, Any] = _read_toml(path, required="BRIEFBOT_CONFIG" in env)
    for name, var in _ENV.items():
        if var in env:
            raw[name] = env[var]
    return _validate(raw, path if path.is_file() else None)


def _read_toml(path: Path, *, required: bool) -> dict[str, Any]:
    if not path.is_file():
        if required:
            raise SettingsError(f"BRIEFBOT_CONFIG: no such file: {path}")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None


def _validate(raw: dict[str, Any], path: Path | None) -> Settings:
    unknown = sorted(set(raw) - {f for f in Settings.__dataclass_fields__} - {"config_path"})
    if unknown:
        raise SettingsError(f"{path}: unknown setting {unknown[0]!r}")
    values: dict[str, Any] = {"config_path": path}
    for name, value in raw.items():
        values[name] = _parse(name, value)
    _check_relations(values)
    return Settings(**values)


def _parse(name: str, value: Any) -> Any:
    parser = _PARSERS.get(name, _text)
    try:
        return parser(value)
    except (ValueError, TypeError) as exc:
        raise SettingsError(f"{_label(name)}: {exc}") from None


def _label(name: str) -> str:
    return _ENV.get(name, name)


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value.strip() or None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected on/off, got {value!r}")


def _port(value: Any) -> int:
    port = _int(value)
    if not 1 <= port <= 65535:
        raise ValueError(f"port {port} is out of range 1-65535")
    return port


def _optional_port(value: Any) -> int | None:
    """A port, or None for "unset" (an empty BRIEFBOT_HTTP_PORT turns the listener off)."""
    return None if str(value).strip() == "" else _port(value)


def _host(value: Any) -> str:
    """An address to bind (127.0.0.1, 0.0.0.0, ::1); "http://host" is refused, not bound."""
    host = _text(value)
    if not host or any(char.isspace() or char in "/@" for char in host):
        raise ValueError(f"expected a host name or address to bind, got {value!r}")
    return host


def _int(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise ValueError(f"expected a positive number, got {number}")
    return number


def _retention_days(value: Any) -> int:
    """0 keeps everything; otherwise long enough that same-story clustering (which looks back
    3 days) and the first briefing of a chat (1 day) still see the texts they compare."""
    days = _int(value)
    if 0 < days < MIN_RETENTION_DAYS:
        raise ValueError(f"expected 0 (keep everything) or at least {MIN_RETENTION_DAYS} days, "
                         f"got {days}")
    return days


def _seconds(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected seconds, got {value!r}") from None
    if not 0 <= number <= 3600:
        raise ValueError(f"expected 0-3600 seconds, got {number:g}")
    return number


def _http_url(value: Any) -> str:
    url = _text(value) or ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return url


def _optional_url(value: Any) -> str | None:
    return _http_url(value) if _text(value) else None


def _database_url(value: Any) -> str:
    url = _text(value) or ""
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", url):
        raise ValueError(f"expected sqlite:///PATH or postgresql+psycopg://..., got {url!r}")
    return url


def _timezone(value: Any) -> str:
    name = _text(value) or ""
    if not known_time_zone(name):
        raise ValueError(f"unknown time zone {name!r} (use Area/City, e.g. Europe/Berlin)")
    return name


def _clock(value: Any) -> str:
    text = _text(value) or ""
    clock = parse_clock(text)
    if clock is None:
        raise ValueError(f"expected HH:MM between 00:00 and 23:59, got {text!r}")
    return clock


def _admins(value: Any) -> frozenset[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    admins = frozenset(str(item).strip() for item in items if str(item).strip())
    for admin in admins:
        if not re.fullmatch(r"(telegram|slack|console):\S+", admin):
            raise ValueError(f"expected platform:user_id entries, got {admin!r}")
    return admins


def _sources(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError("expected a list of URLs")
    return tuple(_http_url(item) for item in value)


def _path(value: Any) -> Path | None:
    text = _text(value)
    return Path(text) if text else None


_PARSERS = {
    "database_url": _database_url,
    "telegram_api_url": _http_url,
    "telegram_webhook_url": _optional_url,
    "telegram_webhook_port": _port,
    "slack_api_url": _http_url,
    "slack_port": _port,
    "http_port": _optional_port,
    "http_host": _host,
    "allow_private_sources": _bool,
    "rate_limit": _bool,
    "admins": _admins,
    "default_timezone": _timezone,
    "default_briefing_time": _clock,
    "poll_interval_seconds": _int,
    "min_poll_interval_seconds": _int,
    "max_poll_interval_seconds": _int,
    "host_spacing_seconds": _seconds,
    "retention_days": _retention_days,
    "sources": _sources,
    "aliases_path": _path,
}


def _check_relations(values: dict[str, Any]) -> None:
    low = values.get("min_poll_interval_seconds", Settings.min_poll_interval_seconds)
    high = values.get("max_poll_interval_seconds", Settings.max_poll_interval_seconds)
    if low > high:
        raise SettingsError("min_poll_interval_seconds: larger than max_poll_interval_seconds")
    if values.get("slack_bot_token") and not values.get("slack_signing_secret"):
        raise SettingsError("BRIEFBOT_SLACK_SIGNING_SECRET: required when a Slack bot token is set")


def setting_help(name: str) -> str:
    """"BRIEFBOT_X (default V)" for --help texts: the variable that changes a setting, and the
    default it has when neither the variable nor the TOML file sets it."""
    default = Settings.__dataclass_fields__[name].default
    if isinstance(default, bool):
        shown = "on" if default else "off"
    elif default is None or (isinstance(default, tuple | frozenset) and not default):
        shown = "unset"
    else:
        shown = str(default)
    return f"{_label(name)} (default {shown})"
