#!/usr/bin/env python3
"""Fails when a module's SQL names a table another module owns.

docs/architecture.md: a module reaches another module's tables only through
that module's service. A table belongs to the module whose *_schema.hpp
creates it. This reads every C++ source under src/modules/<module>/, takes the
string literals (raw strings too), and reports each table of another module
named after FROM, JOIN, INTO, UPDATE or TABLE. The declared exceptions, joins
kept for speed (docs/decisions/0008-module-boundaries.md), are listed in
boundary_exceptions.txt beside this script as "FILE TABLE"; an exception no
longer used is reported too, so the list only shrinks. A line "owner TABLE
MODULE" gives a table created in another module's migration to its owner.

Usage: module_boundaries.py [SOURCE_ROOT]   (default: the repository's root)
"""
import pathlib
import re
import sys

SQL_TABLE = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(\w+)", re.IGNORECASE)
CREATE_TABLE = re.compile(r"CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)",
                          re.IGNORECASE)


def string_literals(text):
    """The contents of the C++ string literals of text, comments skipped."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == "'" and text[i - 1:i].isalnum() and text[i + 1:i + 2].isalnum():
            i += 1  # a digit separator: 60'000
        elif c == "'":  # a character literal, maybe '"'
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif c == "R" and text.startswith('R"', i) and not (text[i - 1:i].isalnum() or text[i - 1:i] == "_"):
            open_paren = text.find("(", i + 2)
            delimiter = text[i + 2:open_paren]
            close = text.find(")" + delimiter + '"', open_paren)
            yield text[open_paren + 1:close]
            i = close + len(delimiter) + 2
        elif c == '"':
            j, parts = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    parts.append(text[j:j + 2])
                    j += 2
                else:
                    parts.append(text[j])
                    j += 1
            yield "".join(parts)
            i = j + 1
        else:
            i += 1


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2])
    modules = root / "src" / "modules"
    owner = {}
    for schema in sorted(modules.glob("*/*_schema.hpp")):
        for table in CREATE_TABLE.findall(schema.read_text(encoding="utf-8")):
            owner[table] = schema.parent.name

    exceptions = set()
    exceptions_file = pathlib.Path(__file__).with_name("boundary_exceptions.txt")
    for line in exceptions_file.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        words = line.split()
        if len(words) == 3 and words[0] == "owner":
            owner[words[1]] = words[2]
        elif len(words) == 2:
            exceptions.add((words[0], words[1]))
        elif words:
            sys.exit(f"boundary_exceptions.txt: cannot read {line!r}")

    found, used = [], set()
    for source in sorted(modules.rglob("*.[ch]pp")):
        relative = source.relative_to(modules).as_posix()
        if source.name.endswith("_schema.hpp") or "/" not in relative:
            continue  # migrations, and the files that wire every module together
        module = relative.split("/", 1)[0]
        for literal in string_literals(source.read_text(encoding="utf-8")):
            for table in SQL_TABLE.findall(literal):
                if owner.get(table, module) == module:
                    continue
                if (relative, table) in exceptions:
                    used.add((relative, table))
                else:
                    found.append(f"src/modules/{relative}: table {table} belongs to "
                                 f"module {owner[table]}")

    stale = sorted(exceptions - used)
    for line in sorted(set(found)):
        print(line)
    for file, table in stale:
        print(f"boundary_exceptions.txt: {file} {table} is no longer needed; remove it")
    if found or stale:
        print(f"module boundaries: {len(set(found))} crossings, {len(stale)} stale exceptions")
        return 1
    print(f"module boundaries: {len(owner)} tables, {len(exceptions)} declared exceptions, held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
