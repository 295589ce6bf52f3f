#!/usr/bin/env bash
# Fails, naming the files, when a tracked C++ file is not laid out as .clang-format says.
# Fix with: git ls-files '*.cpp' '*.hpp' | xargs clang-format-14 -i
set -euo pipefail
cd "$1"
format=${CLANG_FORMAT:-clang-format-14}
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src tests bench fuzz -name '*.[ch]pp')
# --dry-run --Werror prints each difference and exits non-zero on the first file with one.
echo "$files" | xargs "$format" --dry-run --Werror
echo "clang-format: $(echo "$files" | wc -l) files laid out as .clang-format says"
