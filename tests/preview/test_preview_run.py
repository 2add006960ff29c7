"""preview/__init__.py: when it opens a browser, and the socket it listens on."""

from __future__ import annotations

import socket
import sys

import pytest

from avtale import preview
from avtale.errors import UsageError


@pytest.mark.parametrize("env, expected", [
    ({}, False),  # a server or an SSH session: a text browser would take over the terminal
    ({"DISPLAY": ":0"}, True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"BROWSER": "firefox"}, True),  # the user's own choice
])
def test_a_browser_is_opened_only_where_it_can_show_a_window(monkeypatch, env, expected):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", "linux")
    assert preview._has_a_browser() is expected


def test_the_socket_is_the_loopback_and_a_taken_port_is_a_usage_error():
    sock = preview._bind(0)
    try:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0
        with pytest.raises(UsageError, match=rf"cannot listen on 127\.0\.0\.1 port {port} \("):
            preview._bind(port)
    finally:
        sock.close()
    assert socket.AF_INET == sock.family
