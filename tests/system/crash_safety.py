#!/usr/bin/env python3
"""Crash safety (issue 5): under a steady stream of writes, `kill -9` the
server; after a restart every write that was answered 2xx is there and the
audit chain is intact. On SQLite and on PostgreSQL, then with two nodes
behind nginx where one node is killed: the writes go on through the other,
and no acknowledged write is lost.

Usage: crash_safety.py PATH/TO/jieli [sqlite|postgres|nginx ...]
"""
import sys
import time

from jieli_system import (Jieli, Nginx, Store, bureau_id, check, cleanup, log, missing, request,
                          wait_until, work_dir, writes_flowing)


def one_node(binary, backend):
    work = work_dir()
    store = Store(backend, work)
    install = Jieli(binary, store, work)
    try:
        install.init()
        token = install.token()
        node = install.start_node("node1")
        writers = writes_flowing(node.base, token, bureau_id(store), backend)
        node.kill()
        writers.stop()
        acknowledged = [name for name, _ in writers.acknowledged]
        log(f"{backend}: killed after {len(acknowledged)} acknowledged writes "
            f"(unanswered or refused: {writers.refused})")
        node = install.start_node("node1-again")
        lost = missing(store, acknowledged)
        check(not lost, f"{backend}: every acknowledged write survived kill -9 ({len(lost)} lost)")
        status, _ = request(node.base, "GET", "/api/v1/orgs?page_size=1", token)
        check(status == 200, f"{backend}: the restarted server answers")
        intact, said = install.audit_verify()
        check(intact, f"{backend}: audit chain intact after the crash ({said})")
    finally:
        install.stop_all()
        store.drop()
        cleanup(work)


def behind_nginx(binary):
    work = work_dir()
    store = Store("postgres", work)
    install = Jieli(binary, store, work)
    proxy = None
    try:
        install.init()
        token = install.token()
        nodes = [install.start_node(f"node{i}") for i in (1, 2)]
        proxy = Nginx(nodes, work)
        writers = writes_flowing(proxy.base, token, bureau_id(store), "nginx")
        nodes[0].kill()
        killed_at = time.time()
        before = writers.count()
        check(wait_until(lambda: writers.count() >= before + 200, 60, 0.05),
              "nginx: writes go on through the surviving node")
        writers.stop()
        after_kill = sum(1 for _, at in writers.acknowledged if at > killed_at)
        acknowledged = [name for name, _ in writers.acknowledged]
        log(f"nginx: {len(acknowledged)} acknowledged, {after_kill} after the kill; "
            f"not acknowledged: {writers.refused}")
        lost = missing(store, acknowledged)
        check(not lost, f"nginx: no acknowledged write lost ({len(lost)} lost)")
        intact, said = install.audit_verify()
        check(intact, f"nginx: audit chain intact ({said})")
    finally:
        if proxy:
            proxy.stop()
        install.stop_all()
        store.drop()
        cleanup(work)


def main(binary, variants):
    for variant in variants:
        if variant == "nginx":
            behind_nginx(binary)
        else:
            one_node(binary, variant)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["sqlite", "postgres", "nginx"])
