#!/usr/bin/env python3
"""The deployment example on one machine: PostgreSQL (one server, or two
managed by Patroni with etcd), several `jieli serve` nodes, nginx in front.

    deploy/start [--nodes N] [--ha] [--demo] [--port PORT]

Everything lives in a temporary directory and is stopped and removed on
Ctrl-C. The same classes start the high-availability system test
(tests/system/ha_failover.py). Standard library only; the programs come from
Debian's packages (postgresql-15, patroni, etcd-server, nginx), which
scripts/setup installs.
"""
import argparse
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

DEPLOY = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(DEPLOY)
PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
# initdb and postgres refuse to run as root; as root they run as this user.
PG_USER = "jieli-pg"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def say(*parts):
    print("cluster:", *parts, flush=True)


def as_pg_user():
    """The command prefix that runs a PostgreSQL program as a non-root user."""
    if os.getuid() != 0:
        return []
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", PG_USER], check=False)
    return ["runuser", "-u", PG_USER, "--"]


def give_to_pg_user(path):
    if os.getuid() == 0:
        shutil.chown(path, PG_USER, PG_USER)


def wait_for(predicate, timeout, what, interval=0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise RuntimeError(f"timed out waiting for {what}")


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def stop_process(process, sig=signal.SIGTERM, timeout=30):
    if process and process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Postgres:
    """One throwaway PostgreSQL server, for the example without --ha."""

    def __init__(self, work):
        self.dir = os.path.join(work, "postgres")
        os.makedirs(self.dir)
        give_to_pg_user(self.dir)
        self.port = free_port()
        self.password = secrets.token_urlsafe(16)
        prefix = as_pg_user()
        pwfile = os.path.join(self.dir, "pw")
        with open(pwfile, "w") as f:
            f.write(self.password)
        give_to_pg_user(pwfile)
        subprocess.run(prefix + [f"{PG_BIN}/initdb", "-D", f"{self.dir}/data", "-U", "postgres",
                                 "--auth=scram-sha-256", f"--pwfile={pwfile}", "--encoding=UTF8",
                                 "--locale=C.UTF-8"],
                       check=True, capture_output=True, cwd=self.dir)
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.dir} -c max_connections=200")
        subprocess.run(prefix + [f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-l",
                                 f"{self.dir}/server.log", "-o", options, "-w", "start"],
                       check=True, capture_output=True, cwd=self.dir)
        self.url = (f"postgresql://postgres:{self.password}@127.0.0.1:{self.port}/postgres")
        say(f"PostgreSQL on 127.0.0.1:{self.port}")

    def app_url(self):
        return create_app_database(self.url, f"127.0.0.1:{self.port}")

    def stop(self):
        subprocess.run(as_pg_user() + [f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast",
                                       "-w", "stop"], capture_output=True, cwd=self.dir)


def create_app_database(superuser_url, hosts, extra=""):
    """Creates role and database jieli; returns Jieli's URL for hosts."""
    password = secrets.token_urlsafe(16)
    run_psql(superuser_url, f"CREATE ROLE jieli LOGIN PASSWORD '{password}'")
    run_psql(superuser_url, "CREATE DATABASE jieli OWNER jieli")
    return f"postgresql://jieli:{password}@{hosts}/jieli{extra}"


def run_psql(url, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, url], check=True,
                   capture_output=True)


class HaPostgres:
    """Two PostgreSQL members managed by Patroni (synchronous replication)
    and a one-member etcd. Jieli connects with a multi-host URL and
    target_session_attrs=read-write, so libpq finds the primary itself."""

    def __init__(self, work, members=2, ttl=10, loop_wait=2, retry_timeout=5):
        for program in ("patroni", "etcd"):
            if not shutil.which(program):
                raise RuntimeError(f"{program} is not installed (scripts/setup installs it)")
        self.dir = os.path.join(work, "ha")
        os.makedirs(self.dir)
        give_to_pg_user(self.dir)
        self.superuser_password = secrets.token_urlsafe(16)
        self.etcd_port, etcd_peer = free_port(), free_port()
        self.etcd_log = open(os.path.join(self.dir, "etcd.log"), "ab")
        self.etcd = subprocess.Popen(
            ["etcd", "--name", "etcd0", "--data-dir", os.path.join(self.dir, "etcd"),
             "--listen-client-urls", f"http://127.0.0.1:{self.etcd_port}",
             "--advertise-client-urls", f"http://127.0.0.1:{self.etcd_port}",
             "--listen-peer-urls", f"http://127.0.0.1:{etcd_peer}",
             "--initial-advertise-peer-urls", f"http://127.0.0.1:{etcd_peer}",
             "--initial-cluster", f"etcd0=http://127.0.0.1:{etcd_peer}"],
            stdout=self.etcd_log, stderr=subprocess.STDOUT)
        wait_for(lambda: http_ok(f"http://127.0.0.1:{self.etcd_port}/health"), 30, "etcd")
        say(f"etcd on 127.0.0.1:{self.etcd_port}")
        self.settings = {"TTL": ttl, "LOOP_WAIT": loop_wait, "RETRY_TIMEOUT": retry_timeout}
        self.members = []
        for i in range(members):
            self.members.append(self._start_member(f"pg{i}"))
            if i == 0:
                wait_for(lambda: self.leader() is not None, 120, "the first member to lead")
        wait_for(lambda: self.sync_standby() is not None, 120, "a synchronous standby")
        say("PostgreSQL members:", ", ".join(f"{m['name']} 127.0.0.1:{m['pg_port']}"
                                              for m in self.members),
            "— leader", self.leader()["name"])

    def _start_member(self, name):
        member = {"name": name, "pg_port": free_port(), "api_port": free_port()}
        base = os.path.join(self.dir, name)
        os.makedirs(base)
        give_to_pg_user(base)
        post_bootstrap = os.path.join(base, "post-bootstrap.sh")
        with open(post_bootstrap, "w") as f:
            # Patroni runs it once on the first member with a superuser URL.
            f.write("#!/bin/sh\nexit 0\n")
        os.chmod(post_bootstrap, 0o755)
        values = {
            "NAME": name, "API_PORT": member["api_port"], "PG_PORT": member["pg_port"],
            "ETCD": f"127.0.0.1:{self.etcd_port}", "DATA_DIR": os.path.join(base, "data"),
            "BIN_DIR": PG_BIN, "PGPASS": os.path.join(base, "pgpass"),
            "SOCKET_DIR": base, "POST_BOOTSTRAP": post_bootstrap,
            "REPLICATION_PASSWORD": "rep-" + self.superuser_password,
            "SUPERUSER_PASSWORD": self.superuser_password,
            "REWIND_PASSWORD": "rew-" + self.superuser_password, **self.settings,
        }
        text = open(os.path.join(DEPLOY, "patroni", "patroni.yml.template")).read()
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", str(value))
        config = os.path.join(base, "patroni.yml")
        with open(config, "w") as f:
            f.write(text)
        give_to_pg_user(config)
        member["log"] = open(os.path.join(base, "patroni.log"), "ab")
        member["process"] = subprocess.Popen(as_pg_user() + ["patroni", config], cwd=base,
                                             stdout=member["log"], stderr=subprocess.STDOUT,
                                             start_new_session=True)
        return member

    def cluster(self):
        """Patroni's view: [{name, role, state, …}] from any member's REST API."""
        import json
        for m in self.members:
            if m["process"].poll() is not None:
                continue
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{m['api_port']}/cluster",
                                            timeout=2) as response:
                    return json.loads(response.read())["members"]
            except (urllib.error.URLError, ConnectionError, OSError, ValueError, KeyError):
                continue
        return []

    def _member_with_role(self, roles):
        for entry in self.cluster():
            if entry.get("role") in roles and entry.get("state") in ("running", "streaming"):
                return next((m for m in self.members if m["name"] == entry["name"]), None)
        return None

    def leader(self):
        return self._member_with_role(("leader",))

    def sync_standby(self):
        return self._member_with_role(("sync_standby",))

    def superuser_url(self, member):
        return (f"postgresql://postgres:{self.superuser_password}@127.0.0.1:{member['pg_port']}"
                "/postgres")

    def app_url(self):
        hosts = ",".join(f"127.0.0.1:{m['pg_port']}" for m in self.members)
        return create_app_database(self.superuser_url(self.leader()), hosts,
                                   "?target_session_attrs=read-write&connect_timeout=3")

    def kill_member(self, member):
        """kill -9 of the member's Patroni and its PostgreSQL: a lost server."""
        try:
            os.killpg(member["process"].pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        member["process"].wait()
        subprocess.run(["pkill", "-9", "-f", f"{member['name']}/data"], check=False)

    def stop(self):
        for m in self.members:
            stop_process(m["process"], signal.SIGTERM, 60)
        stop_process(self.etcd)


class JieliNodes:
    """`jieli init` on the database, then N `jieli serve` nodes."""

    def __init__(self, binary, db_url, work, count, demo=False, **env):
        self.binary = binary
        self.work = work
        self.env = dict(os.environ, JIELI_DB=db_url,
                        JIELI_KEY_FILE=os.path.join(work, "jieli.key"), LANG="C.UTF-8",
                        JIELI_TRUSTED_PROXIES="127.0.0.1")
        self.env.update({k: str(v) for k, v in env.items()})
        web = os.path.join(REPO, "web", "dist")
        if os.path.isdir(web):
            self.env["JIELI_WEB_ROOT"] = web
        args = ["init", "--demo"] if demo else ["init", "--admin-password",
                                                os.environ.get("JIELI_ADMIN_PASSWORD",
                                                               "Jieli@2026"),
                                                "--bureau-name", "江城市民政局"]
        result = subprocess.run([binary, *args], env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("jieli init: " + result.stdout + result.stderr)
        self.init_output = result.stdout
        self.nodes = [self.start(f"node{i + 1}") for i in range(count)]

    def start(self, name):
        port = free_port()
        log = open(os.path.join(self.work, f"{name}.log"), "ab")
        env = dict(self.env, JIELI_LISTEN=f"127.0.0.1:{port}", JIELI_NODE_NAME=name)
        process = subprocess.Popen([self.binary, "serve"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        node = {"name": name, "port": port, "process": process, "log": log,
                "base": f"http://127.0.0.1:{port}"}
        wait_for(lambda: process.poll() is not None or http_ok(node["base"] + "/readyz"), 60,
                 f"{name} to be ready")
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited: see {log.name}")
        return node

    def stop(self):
        for node in self.nodes:
            stop_process(node["process"])


class Nginx:
    """nginx in front of the nodes, from deploy/nginx/jieli.conf.template."""

    def __init__(self, ports, work, listen_port=None):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.port = listen_port or free_port()
        self.prefix = os.path.join(work, "nginx")
        for sub in ("logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            os.makedirs(os.path.join(self.prefix, sub), exist_ok=True)
            os.chmod(os.path.join(self.prefix, sub), 0o777)  # nginx's workers may be nobody
        text = open(os.path.join(DEPLOY, "nginx", "jieli.conf.template")).read()
        upstreams = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                              for p in ports)
        text = (text.replace("{{UPSTREAMS}}", upstreams)
                .replace("{{LISTEN}}", f"127.0.0.1:{self.port}")
                .replace("{{PREFIX}}", self.prefix))
        conf = os.path.join(self.prefix, "nginx.conf")
        with open(conf, "w") as f:
            f.write(text)
        self.process = subprocess.Popen([binary, "-p", self.prefix, "-c", conf,
                                         "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_for(lambda: http_ok(self.base + "/healthz"), 30, "nginx")

    def stop(self):
        stop_process(self.process, signal.SIGQUIT, 10)


def main():
    parser = argparse.ArgumentParser(prog="deploy/start", description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2, help="jieli serve nodes (default 2)")
    parser.add_argument("--ha", action="store_true",
                        help="two PostgreSQL members under Patroni and etcd")
    parser.add_argument("--demo", action="store_true", help="the demo city (jieli init --demo)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--jieli", default=os.path.join(REPO, "build", "release", "jieli"))
    args = parser.parse_args()
    if not os.path.exists(args.jieli):
        sys.exit("build first: scripts/build (or --jieli PATH)")

    work = tempfile.mkdtemp(prefix="jieli-cluster.")
    os.chmod(work, 0o755)
    parts = []
    try:
        database = HaPostgres(work) if args.ha else Postgres(work)
        parts.append(database)
        nodes = JieliNodes(args.jieli, database.app_url(), work, args.nodes, demo=args.demo)
        parts.append(nodes)
        proxy = Nginx([n["port"] for n in nodes.nodes], work, args.port)
        parts.append(proxy)
        say(f"{len(nodes.nodes)} nodes behind nginx: {proxy.base}  (files in {work})")
        if nodes.init_output:
            print(nodes.init_output)
        say("Ctrl-C stops everything")
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        for part in reversed(parts):
            part.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    main()
