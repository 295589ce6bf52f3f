#!/usr/bin/env python3
"""Runs clang-tidy over every project translation unit of a build, remembering results.

clang-tidy parses a whole translation unit for each source, several seconds of a core
for one of ours; a clean run of the tree costs minutes. Like ccache, this keys each
unit's result on what can change it: clang-tidy's version, .clang-tidy, the compile
command and the contents of the project files the unit includes (from Ninja's
dependency log). Paths are taken relative to the tree, so a fresh clone elsewhere on the
same machine reuses the results. System headers change only with a package upgrade and
are left out of the key. The results live in ${XDG_CACHE_HOME:-~/.cache}/jieli-clang-tidy,
so a second run re-checks only the units a change reached.

Usage: clang_tidy_cached.py BUILD_DIR   (prints the findings; exits 1 if there are any)
"""
import concurrent.futures
import hashlib
import json
import os
import pathlib
import subprocess
import sys

TIDY = os.environ.get("CLANG_TIDY", "clang-tidy-14")


def ninja_deps(build):
    """object path (relative to build) -> the files it depends on, as Ninja recorded them."""
    out = subprocess.run(["ninja", "-C", str(build), "-t", "deps"], check=True,
                         capture_output=True, text=True).stdout
    deps, current = {}, None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            current = line.split(":", 1)[0]
            deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(line.strip())
    return deps


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    root = pathlib.Path(__file__).resolve().parents[2]
    commands = json.loads((build / "compile_commands.json").read_text())
    deps = ninja_deps(build)
    version = subprocess.run([TIDY, "--version"], capture_output=True, text=True).stdout
    config = (root / ".clang-tidy").read_bytes()
    cache = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
    cache = cache / "jieli-clang-tidy"
    cache.mkdir(parents=True, exist_ok=True)
    prefix = str(root) + "/"

    def relative(text):
        return text.replace(prefix, "")

    def key_of(entry):
        digest = hashlib.sha256(version.encode() + config + relative(entry["command"]).encode())
        output = entry.get("output") or entry["command"].split(" -o ", 1)[1].split()[0]
        files = deps.get(output)
        if files is None:  # not built yet: no dependency log, so no reuse
            return None
        for name in sorted(files):
            path = (build / name).resolve()
            if root in path.parents:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def check(entry):
        key = key_of(entry)
        remembered = cache / key if key else None
        if remembered and remembered.exists():
            return remembered.read_text()
        result = subprocess.run([TIDY, "-p", str(build), "--quiet", entry["file"]],
                                capture_output=True, text=True)
        findings = "".join(relative(l) + "\n" for l in result.stdout.splitlines()
                           if ": warning: " in l or ": error: " in l)
        if result.returncode != 0 and not findings:
            name = relative(entry["file"])
            findings = f"{name}: clang-tidy failed: {result.stderr.strip()[:500]}\n"
        if remembered:
            remembered.write_text(findings)
        return findings

    units = [e for e in commands
             if root in pathlib.Path(e["file"]).resolve().parents
             and "/fuzz/" not in e["file"]]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        findings = sorted(set("".join(pool.map(check, units)).splitlines()))
    for line in findings:
        print(line)
    print(f"clang-tidy: {len(units)} units, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
