"""A TCP proxy that tests put in front of PostgreSQL or Redis to stage an outage.

The service itself is shared and must never be stopped: a test points the code under test
at the proxy's port and breaks the proxy instead.

    proxy = TCPProxy("127.0.0.1", 6379).start()
    ...  # connect to 127.0.0.1:proxy.port
    proxy.refuse()   # the service is down: connections refused, open ones dropped
    proxy.hang()     # the service is stuck: connections accepted, nothing ever answered
    proxy.resume()   # the service is back (hung connections are dropped, as a restart would)
    proxy.stop()

The port stays the same across refuse() and resume(), so clients reconnect to it.
"""

import contextlib
import selectors
import socket
import threading

FORWARD, HANG, REFUSE = "forward", "hang", "refuse"


class TCPProxy:
    """Forwards TCP connections on 127.0.0.1:<port> to a target; can refuse or hang."""

    def __init__(self, target_host, target_port, host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.host = host
        self.port = None
        self.mode = FORWARD
        # Connections accepted since start(), whatever the mode: shows that a client
        # reconnected.
        self.accepted = 0
        self._lock = threading.Lock()
        self._listener = None
        self._acceptor = None
        self._wake = None
        self._sockets = set()  # every open client and upstream socket
        self._hung = set()  # client sockets held open without an answer (and their upstreams)

    # Control ---------------------------------------------------------------------------

    def start(self):
        """Listen on a free port (kept for the proxy's lifetime) and start forwarding."""
        self._listen()
        return self

    def refuse(self):
        """Act as a stopped service: close the listener and drop every open connection."""
        with self._lock:
            self.mode = REFUSE
        self._stop_listening()
        self._close_all()

    def hang(self):
        """Act as a stuck service: accept connections but never forward or answer.

        Open connections stop forwarding too: what the client sends is read and dropped.
        """
        with self._lock:
            self.mode = HANG
        if self._listener is None:
            self._listen()

    def resume(self):
        """Act as a service that came back: forward again on the same port.

        Connections held open while hanging are closed, since their conversation is lost.
        """
        with self._lock:
            self.mode = FORWARD
            hung, self._hung = self._hung, set()
        for sock in hung:
            self._close(sock)
        if self._listener is None:
            self._listen()

    def stop(self):
        """Close the listener and every connection."""
        with self._lock:
            self.mode = REFUSE
        self._stop_listening()
        self._close_all()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # Listening -------------------------------------------------------------------------

    def _listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Rebinding the same port right after refuse() must not wait for TIME_WAIT.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port or 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        wake_read, wake_write = socket.socketpair()
        self._listener, self._wake = listener, wake_write
        self._acceptor = threading.Thread(
            target=self._accept_loop, args=(listener, wake_read), daemon=True
        )
        self._acceptor.start()

    def _stop_listening(self):
        listener, wake, acceptor = self._listener, self._wake, self._acceptor
        self._listener = self._wake = self._acceptor = None
        if listener is None:
            return
        wake.send(b"x")
        acceptor.join(timeout=5)
        wake.close()
        listener.close()

    def _accept_loop(self, listener, wake_read):
        with selectors.DefaultSelector() as selector:
            selector.register(listener, selectors.EVENT_READ)
            selector.register(wake_read, selectors.EVENT_READ)
            while True:
                ready = [key.fileobj for key, _ in selector.select()]
                if wake_read in ready:
                    wake_read.close()
                    return
                try:
                    client, _ = listener.accept()
                except OSError:
                    continue
                self._handle(client)

    def _handle(self, client):
        with self._lock:
            self.accepted += 1
            mode = self.mode
            self._sockets.add(client)
            if mode == HANG:
                self._hung.add(client)
                return
        if mode == REFUSE:
            self._close(client)
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
            upstream.settimeout(None)
        except OSError:
            self._close(client)
            return
        with self._lock:
            self._sockets.add(upstream)
            refused = self.mode == REFUSE  # refuse() ran while this connection was being made
        if refused:
            self._close(client)
            self._close(upstream)
            return
        for source, destination in ((client, upstream), (upstream, client)):
            threading.Thread(
                target=self._pump, args=(source, destination, client, upstream), daemon=True
            ).start()

    # Forwarding ------------------------------------------------------------------------

    def _pump(self, source, destination, client, upstream):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            with self._lock:
                hung = self.mode == HANG
                if hung:
                    self._hung.update((client, upstream))
            if hung:
                continue  # read and dropped: the other side never hears of it
            try:
                destination.sendall(data)
            except OSError:
                break
        # One side closed (or the proxy dropped it): close the pair, as a dying server would.
        with self._lock:
            if client in self._hung:
                return  # held open until resume() or stop()
        self._close(client)
        self._close(upstream)

    def _close(self, sock):
        with self._lock:
            self._sockets.discard(sock)
            self._hung.discard(sock)
        # shutdown() wakes a thread blocked in recv() on this socket; close() alone does not.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()

    def _close_all(self):
        with self._lock:
            sockets = list(self._sockets)
            self._hung.clear()
        for sock in sockets:
            self._close(sock)
