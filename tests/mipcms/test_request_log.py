"""One JSON line per request, with its request id, and the same id on the app's own lines."""

import io
import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from mipcms.request_log import RequestIdFilter, logging_settings


@pytest.fixture
def json_log():
    """What production's console handler writes (LOG_FORMAT=json), as a list of dicts."""
    options = dict(logging_settings("json")["formatters"]["json"])
    options.pop("()")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    loggers = [logging.getLogger("mipcms.request"), logging.getLogger("mipcms.errors")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "mipcms.request"]


def test_one_line_per_request_with_the_callers_request_id(home_page, json_log):
    response = Client().get("/news/?page=1", HTTP_X_REQUEST_ID="lb-7f3a-0001")

    assert response["X-Request-ID"] == "lb-7f3a-0001"
    [line] = request_lines(json_log())
    assert line.keys() >= {"timestamp", "level", "logger", "message"}
    assert line["level"] == "INFO"
    assert line["request_id"] == "lb-7f3a-0001"
    assert line["method"] == "GET"
    assert line["path"] == "/news/"  # no query string: preview tokens travel there
    assert line["status"] == response.status_code
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] > 0
    assert line["user_id"] is None
    assert "request" not in line


def test_a_request_id_is_made_when_none_or_a_bad_one_is_given(home_page, json_log):
    first = Client().get("/")
    second = Client().get("/", HTTP_X_REQUEST_ID="two words\nand a line")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(len(request_id) == 32 for request_id in ids)
    assert ids[0] != ids[1]
    assert [line["request_id"] for line in request_lines(json_log())] == ids


def test_the_signed_in_users_id_is_logged(home_page, json_log, django_user_model):
    editor = django_user_model.objects.create_superuser("comms", "", "pw")
    client = Client()
    client.force_login(editor)
    client.get("/admin/")
    [line] = request_lines(json_log())
    assert line["user_id"] == editor.pk
    assert line["status"] == 200


def test_application_lines_carry_the_request_id_of_their_request(home_page, json_log):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = Client(raise_request_exception=False).get("/", HTTP_X_REQUEST_ID="req-42")
    lines = json_log()
    warning = next(line for line in lines if line["logger"] == "mipcms.errors")
    [request] = request_lines(lines)
    assert warning["level"] == "WARNING"
    assert warning["request_id"] == request["request_id"] == "req-42"
    assert request["status"] == response.status_code == 503
