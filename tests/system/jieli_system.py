"""Helpers for the system tests: real `jieli` processes (killed for real),
real databases (a SQLite file, or a fresh database on the PostgreSQL server
that scripts/with-postgres started: JIELI_TEST_PG), real nginx, and plain
HTTP from the standard library.

Each test script takes the jieli binary as its first argument, exits 0 when
it passed, 1 when it failed and 77 when it cannot run here (CTest reports a
skip).
"""
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

SKIP = 77
PASSWORD = "Jieli#System2026"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "deploy"))
import cluster  # noqa: E402  (deploy/cluster.py)
from cluster import free_port  # noqa: E402,F401


def log(*parts):
    print(*parts, flush=True)


def fail(message):
    log("FAILED:", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    log("ok:", message)


class Store:
    """A fresh database: a SQLite file in work_dir or a new PostgreSQL database."""

    def __init__(self, backend, work_dir):
        self.backend = backend
        if backend == "sqlite":
            self.path = os.path.join(work_dir, "jieli.db")
            self.url = "sqlite:" + self.path
        else:
            server = os.environ.get("JIELI_TEST_PG")
            if not server:
                log("skipped: JIELI_TEST_PG is not set (run through scripts/with-postgres)")
                sys.exit(SKIP)
            self.server = server
            self.name = "jieli_sys_" + uuid.uuid4().hex[:12]
            psql(server, f"CREATE DATABASE {self.name}")
            self.url = server.rsplit("/", 1)[0] + "/" + self.name

    def scalar(self, sql):
        if self.backend == "sqlite":
            with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as db:
                return db.execute(sql).fetchone()[0]
        return psql(self.url, sql)

    def column(self, sql):
        if self.backend == "sqlite":
            with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as db:
                return [row[0] for row in db.execute(sql)]
        out = psql(self.url, sql, raw=True)
        return [line for line in out.splitlines() if line != ""]

    def drop(self):
        if self.backend == "postgres":
            psql(self.server, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def psql(url, sql, raw=False):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql, url],
                         check=True, capture_output=True, text=True).stdout
    if raw:
        return out
    out = out.strip()
    try:
        return int(out)
    except ValueError:
        return out


class Jieli:
    """One installation: a key file and a store, and the nodes serving it."""

    def __init__(self, binary, store, work_dir):
        self.binary = binary
        self.store = store
        self.work_dir = work_dir
        self.key_file = os.path.join(work_dir, "jieli.key")
        self.nodes = []

    def env(self, **extra):
        env = dict(os.environ)
        env.update({"JIELI_DB": self.store.url, "JIELI_KEY_FILE": self.key_file, "LANG": "C.UTF-8"})
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def cli(self, *args, **extra):
        result = subprocess.run([self.binary, *args], env=self.env(**extra), capture_output=True,
                                text=True)
        if result.returncode != 0:
            fail(f"jieli {' '.join(args)}: {result.stdout}{result.stderr}")
        return result.stdout.strip()

    def init(self):
        self.cli("init", "--admin-password", PASSWORD, "--bureau-name", "江城市民政局")

    def audit_verify(self):
        """(intact, what `jieli audit verify` said): it exits 0 only for an intact chain."""
        result = subprocess.run([self.binary, "audit", "verify"], env=self.env(),
                                capture_output=True, text=True)
        return result.returncode == 0, (result.stdout + result.stderr).strip()

    def token(self, user="admin"):
        return self.cli("token", "create", "--user", user, "--name", "system-test")

    def start_node(self, name, **extra):
        node = Node(self, name, extra)
        self.nodes.append(node)
        return node

    def stop_all(self):
        for node in self.nodes:
            node.stop()


class Node:
    """A `jieli serve` process."""

    def __init__(self, install, name, extra):
        self.install = install
        self.name = name
        self.port = free_port()
        self.log_path = os.path.join(install.work_dir, f"{name}.log")
        env = install.env(JIELI_LISTEN=f"127.0.0.1:{self.port}", JIELI_NODE_NAME=name,
                          JIELI_THREADS=4, **extra)
        self.log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen([install.binary, "serve"], env=env, stdout=self.log_file,
                                        stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_ready(self.base, self.process, self.log_path)

    def kill(self):
        """kill -9: no chance to finish anything."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log_file.close()


def wait_ready(base, process, log_path, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            fail(f"{base} exited with {process.returncode}:\n" + open(log_path).read()[-3000:])
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.1)
    fail(f"{base} did not become ready")


def request(base, method, path, token=None, body=None, timeout=10):
    """(status, parsed JSON or None); status 0 when there was no answer."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, None
    except (urllib.error.URLError, ConnectionError, OSError, TimeoutError):
        return 0, None


class OrgWriters:
    """Threads that create organisations as fast as they are answered and
    remember which names were acknowledged (2xx): the writes that must never
    be lost. Each request is on a new connection, so a node that dies costs
    only the requests in flight on it."""

    def __init__(self, base, token, parent_id, threads=4, prefix="压力测试机构"):
        self.base = base
        self.token = token
        self.parent_id = parent_id
        self.prefix = prefix
        self.acknowledged = []  # (name, time acknowledged)
        self.refused = {}  # status -> count
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True)
                        for i in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def run(self, index):
        i = 0
        while not self.stopping.is_set():
            i += 1
            name = f"{self.prefix}-{index}-{i}-{uuid.uuid4().hex[:6]}"
            status, _ = request(self.base, "POST", "/api/v1/orgs", self.token,
                                {"kind": "agency", "name": name, "parent_id": self.parent_id,
                                 "agency_type": "community"})
            with self.lock:
                if 200 <= status < 300:
                    self.acknowledged.append((name, time.time()))
                else:
                    self.refused[status] = self.refused.get(status, 0) + 1
                    if status == 0:
                        time.sleep(0.01)  # the node is gone: do not spin

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)
        return self

    def count(self):
        with self.lock:
            return len(self.acknowledged)


def bureau_id(store):
    return store.scalar("SELECT id FROM organizations WHERE kind = 'bureau'")


def missing(store, names):
    """Of the organisation names, those the store does not hold."""
    present = set(store.column("SELECT name FROM organizations"))
    return [name for name in names if name not in present]


def writes_flowing(base, token, bureau, label, at_least=200):
    """OrgWriters creating agencies under the bureau through base, once at
    least at_least of their writes were acknowledged (or the test fails)."""
    writers = OrgWriters(base, token, bureau).start()
    check(wait_until(lambda: writers.count() >= at_least, 60, 0.05), f"{label}: writes flowing")
    return writers


def work_dir():
    path = tempfile.mkdtemp(prefix="jieli_system_")
    return path


def cleanup(path):
    shutil.rmtree(path, ignore_errors=True)


def wait_until(predicate, timeout, interval=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def Nginx(nodes, work_dir):
    """nginx in front of nodes, from the deployment example's configuration
    (deploy/nginx/jieli.conf.template), as deploy/cluster.py starts it."""
    if not shutil.which("nginx") and not os.path.exists("/usr/sbin/nginx"):
        log("skipped: nginx is not installed (scripts/setup installs it)")
        sys.exit(SKIP)
    return cluster.Nginx([node.port for node in nodes], work_dir)
