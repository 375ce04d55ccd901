"""Settings: TOML, environment overrides, and one clear line for each wrong value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings

REPO = Path(__file__).resolve().parents[1]


def test_defaults_come_from_the_shipped_toml():
    settings = load_settings({}, REPO / "config" / "briefbot.toml")
    assert settings.database_url.endswith("/briefbot/briefbot.db")
    assert settings.database_url.startswith("sqlite:////"), "an absolute path, not ./data"
    assert settings.default_briefing_time == "08:00"
    assert settings.sources, "the shipped config lists starter sources"
    assert not settings.telegram_enabled and not settings.slack_enabled


def test_environment_overrides_the_file(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text('default_timezone = "Europe/Berlin"\nslack_port = 3000\n')
    env = {
        "BRIEFBOT_SLACK_PORT": "3100",
        "BRIEFBOT_TELEGRAM_TOKEN": "123:abc",
        "BRIEFBOT_ALLOW_PRIVATE_SOURCES": "yes",
        "BRIEFBOT_ADMINS": "telegram:42, slack:U1",
    }
    settings = load_settings(env, path)
    assert settings.default_timezone == "Europe/Berlin"
    assert settings.slack_port == 3100
    assert settings.telegram_enabled
    assert settings.allow_private_sources is True
    assert settings.is_admin("telegram", "42") and not settings.is_admin("telegram", "43")


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"BRIEFBOT_DEFAULT_TIMEZONE": "Mars/Base"}, "BRIEFBOT_DEFAULT_TIMEZONE"),
        ({"BRIEFBOT_SLACK_PORT": "70000"}, "BRIEFBOT_SLACK_PORT"),
        ({"BRIEFBOT_SLACK_PORT": "http"}, "BRIEFBOT_SLACK_PORT"),
        ({"BRIEFBOT_TELEGRAM_API_URL": "not a url"}, "BRIEFBOT_TELEGRAM_API_URL"),
        ({"BRIEFBOT_DATABASE_URL": "mysql://x"}, "BRIEFBOT_DATABASE_URL"),
        ({"BRIEFBOT_ALLOW_PRIVATE_SOURCES": "maybe"}, "BRIEFBOT_ALLOW_PRIVATE_SOURCES"),
        ({"BRIEFBOT_DEFAULT_BRIEFING_TIME": "25:99"}, "BRIEFBOT_DEFAULT_BRIEFING_TIME"),
        ({"BRIEFBOT_SLACK_BOT_TOKEN": "xoxb-1"}, "BRIEFBOT_SLACK_SIGNING_SECRET"),
        ({"BRIEFBOT_HTTP_PORT": "http"}, "BRIEFBOT_HTTP_PORT"),
        ({"BRIEFBOT_HTTP_HOST": "http://0.0.0.0"}, "BRIEFBOT_HTTP_HOST"),
    ],
)
def test_wrong_values_name_the_setting_in_one_line(tmp_path, env, named):
    with pytest.raises(SettingsError) as error:
        load_settings(env, tmp_path / "absent.toml")
    message = str(error.value)
    assert message.startswith(named) and "\n" not in message


def test_the_http_listener_is_off_unless_its_port_is_set(tmp_path):
    absent = tmp_path / "absent.toml"
    assert load_settings({}, absent).http_port is None
    assert load_settings({"BRIEFBOT_HTTP_PORT": ""}, absent).http_port is None
    on = load_settings({"BRIEFBOT_HTTP_PORT": "8080"}, absent)
    assert (on.http_port, on.http_host) == (8080, "127.0.0.1")
    assert load_settings({"BRIEFBOT_HTTP_HOST": "0.0.0.0"}, absent).http_host == "0.0.0.0"


def test_secrets_stay_out_of_the_repr():
    settings = load_settings({"BRIEFBOT_TELEGRAM_TOKEN": "123:SECRET"}, Path("/nonexistent"))
    assert "SECRET" not in repr(settings)


def test_a_missing_explicit_config_file_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match="BRIEFBOT_CONFIG"):
        load_settings({"BRIEFBOT_CONFIG": str(tmp_path / "nope.toml")})


def test_unknown_keys_in_the_file_are_reported(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text("polling = 5\n")
    with pytest.raises(SettingsError, match="unknown setting 'polling'"):
        load_settings({}, path)
