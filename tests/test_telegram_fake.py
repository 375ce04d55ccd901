"""The fake Bot API answers as Telegram does, whatever client talks to it."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.fake_telegram import BOT, TOKEN, FakeTelegram


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def http(api: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{api.base_url}{TOKEN}/", timeout=10) as client:
        yield client


async def test_bodies_as_form_or_json_with_json_encoded_values(
    api: FakeTelegram, http: httpx.AsyncClient
) -> None:
    options = {"is_disabled": True}
    form = {"chat_id": "42", "text": "123", "link_preview_options": json.dumps(options)}
    by_form = (await http.post("sendMessage", data=form)).json()
    by_json = (await http.post("SENDMESSAGE", json={"chat_id": 42, "text": "<b>x</b>"})).json()
    by_query = (await http.get("sendMessage", params={"chat_id": "42", "text": "q"})).json()
    assert by_form["ok"] and by_form["result"]["text"] == "123"  # text stays text
    assert by_form["result"]["link_preview_options"] == options
    assert by_json["result"]["chat"] == {"id": 42, "type": "private", "first_name": "User 42"}
    assert [by_form["result"]["message_id"], by_json["result"]["message_id"]] == [1, 2]
    assert by_query["result"]["text"] == "q"
    assert isinstance(by_json["result"]["date"], int) and by_json["result"]["from"] == BOT


async def test_errors_carry_the_status_code_and_description(
    api: FakeTelegram, http: httpx.AsyncClient
) -> None:
    bad_token = await http.post(f"{api.base_url}1:nope/getMe")
    unknown = await http.post("getNothing")
    empty = await http.post("sendMessage", data={"chat_id": "42", "text": "  "})
    html = await http.post(
        "sendMessage", data={"chat_id": "1", "text": "<b>", "parse_mode": "HTML"}
    )
    long = await http.post("sendMessage", data={"chat_id": "1", "text": "🙂" * 2049})
    api.migrate(-77, -10077)
    moved = await http.post("sendMessage", data={"chat_id": "-77", "text": "hi"})
    api.flood(5)
    flood = await http.post("sendMessage", data={"chat_id": "1", "text": "hi"})
    assert (bad_token.status_code, bad_token.json()["description"]) == (401, "Unauthorized")
    assert (unknown.status_code, unknown.json()["description"]) == (404, "Not Found")
    assert empty.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: message text is empty",
    }
    assert html.status_code == 400
    assert html.json()["description"].startswith("Bad Request: can't parse entities: ")
    assert long.json()["description"] == "Bad Request: message is too long"  # 4098 UTF-16 units
    assert moved.json()["parameters"] == {"migrate_to_chat_id": -10077}
    assert flood.status_code == 429 and flood.json()["parameters"] == {"retry_after": 5}
    assert flood.json()["description"] == "Too Many Requests: retry after 5"


async def test_get_updates_long_polls_and_confirms_by_offset(
    api: FakeTelegram, http: httpx.AsyncClient
) -> None:
    started = time.monotonic()
    assert (await http.post("getUpdates", data={"timeout": "0.3"})).json()["result"] == []
    assert time.monotonic() - started >= 0.3
    waiting = asyncio.create_task(http.post("getUpdates", data={"timeout": "5"}))
    await asyncio.sleep(0.1)
    api.push_message(42, "/help")
    api.push_message(42, "/following")
    first = (await waiting).json()["result"]
    assert [u["message"]["text"] for u in first] == ["/help", "/following"]
    assert first[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
    again = (await http.post("getUpdates", data={"offset": str(first[0]["update_id"])})).json()
    assert len(again["result"]) == 2  # not confirmed yet
    offset = first[-1]["update_id"] + 1
    assert (await http.post("getUpdates", data={"offset": str(offset)})).json()["result"] == []
    assert api.pending_updates == 0


async def test_one_poller_at_a_time_and_none_while_a_webhook_is_set(
    api: FakeTelegram, http: httpx.AsyncClient
) -> None:
    first = asyncio.create_task(http.post("getUpdates", data={"timeout": "5"}))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(http.post("getUpdates", data={"timeout": "0.2"}))
    assert (await first).status_code == 409
    assert "terminated by other getUpdates" in (await first).json()["description"]
    assert (await second).status_code == 200
    await http.post("setWebhook", data={"url": "https://example.com/hook", "secret_token": "s"})
    assert (await http.post("getUpdates")).status_code == 409
    await http.post("deleteWebhook")
    assert (await http.post("getUpdates")).status_code == 200


async def test_limits_are_enforced_when_asked() -> None:
    async with FakeTelegram(enforce_limits=True) as api, httpx.AsyncClient() as http:
        url = f"{api.base_url}{TOKEN}/sendMessage"
        answers = [
            (await http.post(url, data={"chat_id": "42", "text": "a"})).status_code,
            (await http.post(url, data={"chat_id": "42", "text": "b"})).status_code,
        ]
        for chat in range(1, 40):
            answers.append(
                (await http.post(url, data={"chat_id": str(chat), "text": "c"})).status_code
            )
    assert answers[:2] == [200, 429]  # one a second in a private chat
    assert answers.count(200) == 30  # thirty a second overall


def test_serving_from_a_thread_for_blocking_callers() -> None:
    with FakeTelegram().in_thread() as api:
        answer = httpx.post(f"{api.base_url}{TOKEN}/getMe").json()
        api.push_message(5, "/help")
        updates = httpx.post(f"{api.base_url}{TOKEN}/getUpdates", data={"timeout": "1"}).json()
    assert answer["result"]["username"] == BOT["username"]
    assert [u["message"]["text"] for u in updates["result"]] == ["/help"]


async def test_unknown_chats_can_be_made_not_found() -> None:
    async with FakeTelegram(known_chats_only=True) as api, httpx.AsyncClient() as http:
        url = f"{api.base_url}{TOKEN}/sendMessage"
        api.add_chat(5)
        unknown = await http.post(url, data={"chat_id": "6", "text": "hi"})
        known = await http.post(url, data={"chat_id": "5", "text": "hi"})
    assert unknown.json()["description"] == "Bad Request: chat not found"
    assert known.status_code == 200 and api.texts(5) == ["hi"]
