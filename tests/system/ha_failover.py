#!/usr/bin/env python3
"""High availability (issue 5), the deployment example under test: two
PostgreSQL members under Patroni and etcd (synchronous replication), two
jieli nodes reaching the primary through a multi-host URL, nginx in front.
Under a steady stream of writes the primary is killed with SIGKILL (Patroni
and PostgreSQL both): the standby is promoted, the nodes find it by
themselves, the writes go on, and no acknowledged write is lost.

Usage: ha_failover.py PATH/TO/jieli
"""
import os
import shutil
import subprocess
import sys
import time

from jieli_system import (SKIP, check, cleanup, cluster, log, psql, wait_until, work_dir,
                          writes_flowing)


def main(binary):
    for program in ("patroni", "etcd", "nginx"):
        if not shutil.which(program) and not os.path.exists(f"/usr/sbin/{program}"):
            log(f"skipped: {program} is not installed (scripts/setup installs it)")
            sys.exit(SKIP)
    work = work_dir()
    os.chmod(work, 0o755)
    parts = []
    try:
        database = cluster.HaPostgres(work)
        parts.append(database)
        nodes = cluster.JieliNodes(binary, database.app_url(), work, 2)
        parts.append(nodes)
        proxy = cluster.Nginx([n["port"] for n in nodes.nodes], work)
        parts.append(proxy)
        token = subprocess.run([binary, "token", "create", "--user", "admin"], env=nodes.env,
                               capture_output=True, text=True, check=True).stdout.strip()
        first_leader = database.leader()
        bureau = psql(database.superuser_url(first_leader).replace("/postgres", "/jieli"),
                      "SELECT id FROM organizations WHERE kind = 'bureau'")
        writers = writes_flowing(proxy.base, token, bureau, "ha")

        log(f"killing the primary {first_leader['name']}")
        database.kill_member(first_leader)
        killed_at = time.time()
        check(wait_until(lambda: (database.leader() or {}).get("name") not in
                         (None, first_leader["name"]), 90, 0.5),
              "the standby was promoted")
        promoted = database.leader()
        log(f"{promoted['name']} leads after {time.time() - killed_at:.1f} s")
        before = writers.count()
        check(wait_until(lambda: writers.count() >= before + 200, 90, 0.1),
              "writes go on against the new primary")
        writers.stop()
        resumed = min((at for _, at in writers.acknowledged if at > killed_at), default=None)
        log(f"{writers.count()} acknowledged; the first after the kill "
            f"{resumed - killed_at:.1f} s later; not acknowledged: {writers.refused}")

        app_on_new = database.superuser_url(promoted).replace("/postgres", "/jieli")
        out = subprocess.run(["psql", "-X", "-A", "-t", "-c", "SELECT name FROM organizations",
                              app_on_new], capture_output=True, text=True, check=True).stdout
        present = set(out.splitlines())
        lost = [name for name, _ in writers.acknowledged if name not in present]
        check(not lost, f"no acknowledged write lost in the failover ({len(lost)} lost)")
        verified = subprocess.run([binary, "audit", "verify"], env=nodes.env, capture_output=True,
                                  text=True)
        check(verified.returncode == 0, f"audit chain intact: {verified.stdout.strip()}")
    finally:
        for part in reversed(parts):
            try:
                part.stop()
            except Exception as error:  # keep stopping the rest
                log("stopping:", error)
        cleanup(work)


if __name__ == "__main__":
    main(sys.argv[1])
