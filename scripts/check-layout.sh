#!/usr/bin/env bash
# The layout's one rule (docs/design.md): only src/sys/ includes POSIX, glibc,
# Linux or x86 headers or starts threads; the rest of the library and the
# command line are plain C++. Prints every breach as FILE:LINE: TEXT; exit 1 if any.
# Usage: scripts/check-layout.sh [ROOT] (default: this checkout)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
platform='#[[:space:]]*include[[:space:]]*<(unistd|fcntl|malloc|dlfcn|stdlib|dirent|spawn|libgen|pthread|signal|poll|sched|termios|link|elf|execinfo|syscall|[a-z]*intrin|[xep]mmintrin|cpuid|sys/[a-z_/]+|linux/[a-z_/]+|asm/[a-z_/]+|bits/[a-z_/]+)\.h>'
threads='std::(thread|jthread|async)\b|#[[:space:]]*include[[:space:]]*<(thread|future)>|hardware_concurrency'
found=$(grep -rnE "$platform|$threads" src include --include='*.h' --include='*.cpp' | grep -v '^src/sys/' || true)
if [ -n "$found" ]; then
  echo "$found"
  echo "check-layout: platform headers and threads belong in src/sys/ (docs/design.md, 'The one rule')" >&2
  exit 1
fi
echo "check-layout: only src/sys/ holds platform code and threads"
