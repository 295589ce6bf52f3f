#!/usr/bin/env python3
"""Backup and restore (issue 5): a backup taken under write load restores to
a database that passes an integrity check and holds every row committed
before the backup began. SQLite: `jieli backup FILE` (the online backup API)
while the server takes writes; the copy is opened by a new server. PostgreSQL:
pg_dump while the server takes writes, pg_restore into a new database.

Usage: backup_restore.py PATH/TO/jieli [sqlite|postgres ...]
"""
import os
import subprocess
import sys
import time

from jieli_system import (Jieli, Store, bureau_id, check, cleanup, fail, log, missing, psql,
                          request, work_dir, writes_flowing)


def acknowledged_before(writers, moment):
    with writers.lock:
        return [name for name, at in writers.acknowledged if at < moment]


def restored_checks(install, restored_store, names, label):
    lost = missing(restored_store, names)
    check(not lost, f"{label}: all {len(names)} writes acknowledged before the backup are in it "
                    f"({len(lost)} missing)")
    restored = type(install)(install.binary, restored_store, install.work_dir)
    restored.key_file = install.key_file
    intact, said = restored.audit_verify()
    check(intact, f"{label}: the restored audit chain verifies ({said})")
    node = restored.start_node("restored")
    status, body = request(node.base, "GET", "/readyz")
    check(status == 200, f"{label}: a server runs on the restored database")
    restored.stop_all()


def sqlite(binary):
    work = work_dir()
    store = Store("sqlite", work)
    install = Jieli(binary, store, work)
    try:
        install.init()
        token = install.token()
        node = install.start_node("node1")
        writers = writes_flowing(node.base, token, bureau_id(store), "sqlite", at_least=300)
        copy = os.path.join(work, "backup.db")
        began = time.time()
        out = install.cli("backup", copy)
        log("sqlite:", out)
        time.sleep(0.3)  # writes go on after the backup too
        writers.stop()
        names = acknowledged_before(writers, began)
        after = writers.count() - len(names)
        log(f"sqlite: {len(names)} writes acknowledged before the backup began, {after} after")
        integrity = subprocess.run(["sqlite3", copy, "PRAGMA integrity_check"], capture_output=True,
                                   text=True).stdout.strip()
        check(integrity == "ok", "sqlite: the copy passes PRAGMA integrity_check")
        restored = Store("sqlite", work)
        restored.path = copy
        restored.url = "sqlite:" + copy
        restored_checks(install, restored, names, "sqlite")
    finally:
        install.stop_all()
        cleanup(work)


def postgres(binary):
    work = work_dir()
    store = Store("postgres", work)
    install = Jieli(binary, store, work)
    restored = None
    try:
        install.init()
        token = install.token()
        node = install.start_node("node1")
        writers = writes_flowing(node.base, token, bureau_id(store), "postgres", at_least=300)
        dump = os.path.join(work, "jieli.dump")
        began = time.time()
        # -Fc: the custom format pg_restore reads; one consistent snapshot.
        result = subprocess.run(["pg_dump", "-Fc", "-f", dump, store.url], capture_output=True,
                                text=True)
        if result.returncode != 0:
            fail("pg_dump: " + result.stderr)
        time.sleep(0.3)
        writers.stop()
        names = acknowledged_before(writers, began)
        log(f"postgres: {len(names)} writes acknowledged before pg_dump began, "
            f"{writers.count() - len(names)} after")
        restored = Store("postgres", work)
        result = subprocess.run(["pg_restore", "--no-owner", "-d", restored.url, dump],
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail("pg_restore: " + result.stderr)
        # amcheck verifies the B-tree indexes against their tables.
        psql(restored.url, "CREATE EXTENSION IF NOT EXISTS amcheck")
        checked = psql(restored.url, "SELECT COUNT(bt_index_check(c.oid)) FROM pg_index i "
                                     "JOIN pg_class c ON c.oid = i.indexrelid "
                                     "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' "
                                     "AND c.relnamespace = 'public'::regnamespace")
        check(checked > 0, f"postgres: amcheck verified {checked} indexes of the restored database")
        restored_checks(install, restored, names, "postgres")
    finally:
        install.stop_all()
        store.drop()
        if restored:
            restored.drop()
        cleanup(work)


def main(binary, variants):
    for variant in variants:
        {"sqlite": sqlite, "postgres": postgres}[variant](binary)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["sqlite", "postgres"])
