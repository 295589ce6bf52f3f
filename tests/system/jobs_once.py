#!/usr/bin/env python3
"""Jobs once (issue 5): three `jieli serve` nodes over one PostgreSQL share a
thousand due probe jobs; one node is killed with SIGKILL while it holds jobs.
Every job is done exactly once, and the killed node's jobs are finished by
the others once their leases run out.

Usage: jobs_once.py PATH/TO/jieli
"""
import sys

from jieli_system import (Jieli, Store, check, cleanup, log, wait_until, work_dir)

COUNT = 1000


def main(binary):
    work = work_dir()
    store = Store("postgres", work)
    install = Jieli(binary, store, work)
    try:
        install.init()
        # 20 ms of work each: long enough that a node is killed mid-job.
        install.cli("jobs", "probe", "--count", str(COUNT), "--work-ms", "20")
        settings = {"JIELI_JOB_WORKERS": 2, "JIELI_JOB_LEASE_SECONDS": 2}
        nodes = [install.start_node(f"node{i}", **settings) for i in (1, 2, 3)]
        probe = "kind = 'system.probe'"

        victim = nodes[0]
        held = f"SELECT COUNT(*) FROM jobs WHERE {probe} AND status = 'running' AND lease_owner = 'node1'"
        check(wait_until(lambda: store.scalar(held) > 0, 60, 0.005), "node1 is running jobs")
        victim.kill()
        orphans = store.column(f"SELECT id FROM jobs WHERE {probe} AND status = 'running' "
                               "AND lease_owner = 'node1'")
        log(f"node1 killed holding {len(orphans)} job(s)")

        done = f"SELECT COUNT(*) FROM jobs WHERE {probe} AND status = 'done'"
        check(wait_until(lambda: store.scalar(done) == COUNT, 180, 0.2),
              f"all {COUNT} jobs done after the kill")
        check(store.scalar(f"SELECT COUNT(*) FROM job_runs WHERE {probe} AND outcome = 'done'")
              == COUNT, "exactly one successful run per job")
        check(store.scalar(f"SELECT COUNT(*) FROM (SELECT job_id FROM job_runs WHERE {probe} "
                           "GROUP BY job_id HAVING COUNT(*) > 1) twice") == 0,
              "no job has a second run")
        if orphans:
            ids = ",".join(str(i) for i in orphans)
            finished_by = store.column(f"SELECT DISTINCT node FROM job_runs WHERE job_id IN ({ids})")
            check("node1" not in finished_by and len(finished_by) >= 1,
                  f"the killed node's jobs were finished by {finished_by}")
            check(store.scalar(f"SELECT MIN(attempts) FROM jobs WHERE id IN ({ids})") >= 2,
                  "they were claimed again after the lease ran out")
        by_node = store.column(f"SELECT node || ':' || COUNT(*) FROM job_runs WHERE {probe} "
                               "GROUP BY node ORDER BY node")
        log("runs by node:", ", ".join(by_node))
        check(store.scalar(f"SELECT COUNT(DISTINCT node) FROM job_runs WHERE {probe}") >= 2,
              "the work was shared between nodes")
    finally:
        install.stop_all()
        store.drop()
        cleanup(work)


if __name__ == "__main__":
    main(sys.argv[1])
