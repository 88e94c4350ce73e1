"""Child processes that start with the package already imported: a fork server for the hard-kill tests.

A fresh interpreter spends ~4 s importing `newsevents.pipeline` (Great Expectations, pyarrow, DuckDB) before
a child run does anything; the crash tests start nine such children. The server is one child process that
imports those modules once and then, per request, forks a process that runs the script exactly as
`python -c SCRIPT ARGS...` would (its own `sys.argv`, stdout and stderr to files, stdin from /dev/null) and
dies the same way: `os._exit`, a signal or `sys.exit`. The server waits for it and reports its exit status.
Nothing else is shared: the server never runs pipeline code itself, and each forked process only ever sees
the server's freshly imported modules, as a new interpreter would after the same imports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

#: The server: imports, then one JSON request per stdin line -> one JSON reply per stdout line.
SERVER = r"""
import json, os, signal, sys, threading

for name in sys.argv[1:]:
    __import__(name)
print(json.dumps({"ready": threading.active_count()}), flush=True)

def run_child(request):
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    sys.stdin, sys.stdout = open(0, closefd=False), open(1, "w", closefd=False)
    sys.stderr = open(2, "w", buffering=1, closefd=False)  # line-buffered, as an interpreter's stderr is
    signal.alarm(int(request["timeout"]))  # SIGALRM ends a child that hangs
    sys.argv = ["-c", *request["argv"]]
    code = 0
    try:
        exec(compile(request["script"], "<string>", "exec"), {"__name__": "__main__"})
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    except BaseException:
        import traceback
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        run_child(request)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)
"""


class ForkServer:
    """`with ForkServer(modules, env=...) as server: server.run(script, *args)` -> CompletedProcess."""

    def __init__(self, modules: tuple[str, ...], *, env: dict[str, str]):
        self.modules, self.env = modules, env
        self.proc: subprocess.Popen | None = None
        self.scratch = Path(tempfile.mkdtemp(prefix="newsevents-forkserver-"))

    def __enter__(self) -> ForkServer:
        self.proc = subprocess.Popen([sys.executable, "-c", SERVER, *self.modules], env=self.env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        hello = self.proc.stdout.readline()
        assert hello, f"the fork server died while importing {self.modules} (exit {self.proc.wait()})"
        return self

    def __exit__(self, *exc) -> None:
        self.proc.stdin.close()  # the server's loop ends
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for path in self.scratch.iterdir():
            path.unlink()
        self.scratch.rmdir()

    def run(self, script: str, *args, timeout: int = 240) -> subprocess.CompletedProcess:
        """Run `script` with argv[1:] = args in a forked child; its exit status, stdout and stderr."""
        out, err = self.scratch / "stdout", self.scratch / "stderr"
        request = {"script": script, "argv": [str(a) for a in args], "stdout": str(out), "stderr": str(err),
                   "timeout": timeout}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        assert reply, f"the fork server died (exit {self.proc.wait()})"
        code = json.loads(reply)["returncode"]
        return subprocess.CompletedProcess(["python", "-c", "...", *request["argv"]], code,
                                           out.read_text(errors="replace"), err.read_text(errors="replace"))
