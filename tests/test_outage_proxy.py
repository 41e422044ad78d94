"""The outage proxy behaves like the service it stands for: up, down, stuck, back."""

import socket
import threading

import pytest

from tests.outage import TCPProxy


@pytest.fixture
def echo_server():
    """A TCP server on a free port that sends back what it receives."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=echo, args=(conn,), daemon=True).start()

    def echo(conn):
        with conn:
            while data := conn.recv(1024):
                conn.sendall(data)

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def connect(proxy):
    return socket.create_connection(("127.0.0.1", proxy.port), timeout=0.5)


def round_trip(sock, data=b"ping"):
    sock.sendall(data)
    return sock.recv(1024)


def test_forwards_then_refuses_then_resumes_on_the_same_port(echo_server):
    with TCPProxy("127.0.0.1", echo_server) as proxy:
        port = proxy.port
        before = connect(proxy)
        assert round_trip(before) == b"ping"

        proxy.refuse()
        # The open connection is dropped and new ones are refused, as with a stopped server.
        assert before.recv(1024) == b""
        with pytest.raises(ConnectionRefusedError):
            connect(proxy)

        proxy.resume()
        assert proxy.port == port
        with connect(proxy) as after:
            assert round_trip(after, b"back") == b"back"
        assert proxy.accepted == 2


def test_hang_accepts_but_never_answers_until_resumed(echo_server):
    with TCPProxy("127.0.0.1", echo_server) as proxy:
        open_before = connect(proxy)
        assert round_trip(open_before) == b"ping"

        proxy.hang()
        # Accepted, and never answered.
        with connect(proxy) as new, pytest.raises(TimeoutError):
            round_trip(new)
        with pytest.raises(TimeoutError):  # open connections stop answering too
            round_trip(open_before)

        proxy.resume()
        # The stuck connection is closed (its conversation is lost); new ones work.
        assert open_before.recv(1024) == b""
        with connect(proxy) as after:
            assert round_trip(after) == b"ping"
