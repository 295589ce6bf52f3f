#!/usr/bin/env python3
"""Live events across nodes (issue 5): two `jieli serve` nodes over one
PostgreSQL with the demo city. The agency's supervisor and worker_b (another
agency) listen to GET /api/v1/events on node 2; on node 1 the leader hands a
case over to the supervisor. The notification reaches the supervisor's stream
on the other node (PostgreSQL NOTIFY), and worker_b's stream hears nothing of
it. A token revoked with `jieli token revoke` ends its stream on node 2 at once.

Usage: live_events.py PATH/TO/jieli
"""
import http.client
import json
import sys
import threading
import time

from jieli_system import (Jieli, Store, check, cleanup, log, request, wait_until, work_dir)


class EventStream:
    """One user's GET /api/v1/events, read line by line in a thread of its own."""

    def __init__(self, port, token):
        self.events = []  # (event name, parsed data)
        self.lock = threading.Lock()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/api/v1/events",
                                headers={"Authorization": "Bearer " + token,
                                         "Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        name = None
        try:
            while True:
                line = self.response.readline()
                if not line:
                    return
                line = line.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    name = line[len("event: "):]
                elif line.startswith("data: ") and name:
                    with self.lock:
                        self.events.append((name, json.loads(line[len("data: "):])))
                    name = None
        except (OSError, ValueError, http.client.HTTPException):
            return

    def named(self, name):
        with self.lock:
            return [data for event, data in self.events if event == name]

    def close(self):
        self.connection.close()


def main(binary):
    work = work_dir()
    store = Store("postgres", work)
    install = Jieli(binary, store, work)
    streams = []
    try:
        install.cli("init", "--demo")
        # No job workers: the deadline scans would send notifications of their own.
        node1, node2 = (install.start_node(f"node{i}", JIELI_JOB_WORKERS=0) for i in (1, 2))
        # An open case of `worker`'s, handed to the agency's supervisor (who may carry cases
        # anywhere in the agency); the case's supervisor until then, so the leader names
        # themself the new one in the same request (issue 11: no case without a supervisor).
        case_id = store.scalar(
            "SELECT c.id FROM cases c JOIN users u ON u.id = c.primary_worker_id "
            "WHERE u.username = 'worker' AND c.stage <> 'closed' ORDER BY c.id LIMIT 1")
        colleague = "supervisor"
        colleague_id = store.scalar(f"SELECT id FROM users WHERE username = '{colleague}'")
        leader_id = store.scalar("SELECT id FROM users WHERE username = 'leader'")
        leader, receiver, worker_b = (install.token(u) for u in ("leader", colleague, "worker_b"))

        listening = EventStream(node2.port, receiver)
        other_agency = EventStream(node2.port, worker_b)
        streams += [listening, other_agency]
        check(listening.status == 200 and other_agency.status == 200, "both streams open on node 2")
        check(wait_until(lambda: listening.named("ready") and other_agency.named("ready"), 10),
              "both streams are ready")

        started = time.time()
        status, body = request(node1.base, "POST", f"/api/v1/cases/{case_id}/transfer", leader,
                               {"worker_id": colleague_id, "supervisor_id": leader_id,
                                "reason": "工作调整"})
        check(status == 200, f"the leader on node 1 hands case {case_id} to {colleague} "
              f"({status}{'' if status == 200 else ' ' + json.dumps(body, ensure_ascii=False)})")

        def heard():
            return [n for n in listening.named("notification") if n.get("kind") == "case_transferred"]
        check(wait_until(heard, 15, 0.02), f"{colleague}'s stream on node 2 hears of it")
        log(f"heard on the other node {time.time() - started:.2f} s after the request was sent")
        status, listed = request(node2.base, "GET", "/api/v1/notifications?unread=true", receiver)
        handed = [n for n in listed["items"] if n["kind"] == "case_transferred"] if status == 200 else []
        check(len(handed) == 1 and handed[0]["subject_id"] == case_id
              and handed[0]["params"].get("reason") == "工作调整",
              "node 2 lists the notification: the case and the reason")
        time.sleep(1)
        check(other_agency.named("notification") == [], "worker_b of another agency heard nothing")

        # A token revoked on the command line ends its stream on node 2 at once: the command
        # tells every node (NOTIFY) instead of leaving it to the next heartbeat, up to 20 s away.
        bureau = install.token("bureau")
        token_id = store.scalar("SELECT MAX(id) FROM api_tokens")
        by_token = EventStream(node2.port, bureau)
        streams.append(by_token)
        check(wait_until(lambda: by_token.named("ready"), 10), "a token's stream is open on node 2")
        started = time.time()
        install.cli("token", "revoke", str(token_id))
        check(wait_until(lambda: by_token.named("signed_out"), 3, 0.02),
              f"`jieli token revoke` ends it ({time.time() - started:.2f} s)")
    finally:
        for stream in streams:
            stream.close()
        install.stop_all()
        store.drop()
        cleanup(work)


if __name__ == "__main__":
    main(sys.argv[1])
