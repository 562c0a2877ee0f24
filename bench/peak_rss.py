"""Run a module as ``__main__`` and print its own peak RSS at exit (``PEAK_RSS_KIB n`` on stderr).

    python bench/peak_rss.py -m ops.cli crawl ipeds ...

Why not ``getrusage(RUSAGE_CHILDREN)`` in the parent: a child started with vfork
(as ``subprocess`` does) inherits the parent's peak RSS when it execs, so a parent
that held 700 MiB of generated files reported 700 MiB for any child it ran.
``VmHWM`` in ``/proc/self/status`` is the peak of this process's own memory map.
"""

from __future__ import annotations

import atexit
import runpy
import sys


def _report() -> None:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print(f"PEAK_RSS_KIB {line.split()[1]}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "-m":
        sys.exit(__doc__)
    atexit.register(_report)
    module = sys.argv[2]
    sys.argv = [module, *sys.argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
