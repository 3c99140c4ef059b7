#!/usr/bin/env python3
"""pcsc-harness.py: runs a test against a private pcscd with the vpcd virtual reader, then stops everything.

Usage: tests/auth/pcsc-harness.py [--timeout SECONDS] [--keep] [--pcscd-debug] TEST [ARGS...]

pcscd 1.9.x has its socket path compiled in (/run/pcscd/pcscd.comm); only the
client library reads PCSCLITE_CSOCK_NAME. The daemon does accept a socket
handed over systemd-style (LISTEN_FDS/LISTEN_PID), so the harness binds a
socket in a private directory and passes it to pcscd as fd 3. pcscd still
writes /run/pcscd/pcscd.pid; when the harness may create a mount namespace
(root, or CAP_SYS_ADMIN) it gives pcscd a private tmpfs there, so that a
system pcscd's pid file is never touched.

The private pcscd starts with the vpcd reader configured (two slots, on a
free pair of TCP ports). pcscd built with libudev ignores SIGUSR1 for serial
readers, so a reader can only come or go across a pcscd restart; the test asks
for one on a control socket, one command per line, answered "ok" or "error: ...":
  stop                        stop pcscd and remove its socket (the service is gone)
  start readers=0|1           start pcscd without / with the virtual reader
The test receives in its environment:
  PCSCLITE_CSOCK_NAME         the private pcscd's socket (read by libpcsclite)
  WARD_PCSC_TEST_CONTROL      the harness's control socket (AF_UNIX, stream)
  WARD_PCSC_TEST_VPCD_PORT    the TCP port of the vpcd reader's first slot
  WARD_PCSC_TEST_READER       the name pcscd gives that slot
  WARD_PCSC_TEST_PYTHON       the Python interpreter for the virtual card
  WARD_PCSC_TEST_CARD         tests/auth/virtual-badge.py
The test runs in its own process group; the group and pcscd are stopped on
exit, on failure, on timeout and on SIGINT/SIGTERM/SIGHUP.
"""

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PCSCD_CANDIDATES = ("/usr/sbin/pcscd", "/usr/local/sbin/pcscd")
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
FRIENDLY_NAME = "Wardgate Test Reader"
# pcscd names a serial reader "<FRIENDLYNAME> <reader index> <slot>".
FIRST_SLOT_NAME = FRIENDLY_NAME + " 00 00"


class HarnessError(Exception):
    pass


def fail(message):
    print(f"pcsc-harness: FAILED: {message}", file=sys.stderr)


def find_pcscd():
    for path in PCSCD_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("pcscd")
    if not found:
        raise HarnessError("pcscd is not installed (apt-get install pcscd)")
    return found


def port_free(port):
    # vpcd binds INADDR_ANY with SO_REUSEADDR; test the same way.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("", port))
        except OSError:
            return False
    return True


def pick_vpcd_port():
    # vpcd opens two slots, on port and port + 1.
    for _ in range(200):
        port = random.randrange(20000, 60000, 2)
        if port_free(port) and port_free(port + 1):
            return port
    raise HarnessError("no two free TCP ports for the virtual reader")


def can_unshare_mounts():
    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "true"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def read_tail(path, lines=40):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return "(no log)"


def stop_process(pid, timeout=5.0):
    """Stops a child we started, by pid: SIGTERM, then SIGKILL."""
    if pid is None:
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def spawn_socket_activated(argv, listener, log_path):
    pid = os.fork()
    if pid != 0:
        return pid
    try:
        os.setsid()
        os.dup2(listener.fileno(), 3)
        os.set_inheritable(3, True)
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        env = dict(os.environ, LISTEN_FDS="1", LISTEN_PID=str(os.getpid()))
        env.pop("LISTEN_FDNAMES", None)
        os.execvpe(argv[0], argv, env)
    finally:
        os._exit(127)


class Pcscd:
    """The private pcscd; every method may be called from the control thread."""

    def __init__(self, tmp, port, debug):
        self.lock = threading.Lock()
        self.binary = find_pcscd()
        if not os.path.exists(VPCD_DRIVER):
            raise HarnessError(f"{VPCD_DRIVER} missing (apt-get install vsmartcard-vpcd)")
        self.private_run = can_unshare_mounts()
        if not self.private_run:
            print("pcsc-harness: cannot make a mount namespace; the test pcscd will write "
                  "/run/pcscd/pcscd.pid", file=sys.stderr)
        self.sock_path = os.path.join(tmp, "pcscd.comm")
        self.log_path = os.path.join(tmp, "pcscd.log")
        self.conf_dir = os.path.join(tmp, "reader.conf.d")
        os.mkdir(self.conf_dir)
        self.port = port
        self.debug = debug
        self.pid = None

    def write_config(self, readers):
        entry = os.path.join(self.conf_dir, "vpcd")
        if not readers:
            if os.path.exists(entry):
                os.unlink(entry)
            return
        with open(entry, "w") as f:
            f.write(f'FRIENDLYNAME "{FRIENDLY_NAME}"\n'
                    f"DEVICENAME /dev/null:{self.port}\n"
                    f"LIBPATH {VPCD_DRIVER}\n"
                    f"CHANNELID {self.port}\n")

    def argv(self):
        # Never --apdu: the log would then hold badge UIDs.
        argv = [self.binary, "--foreground", "--config", self.conf_dir]
        if self.debug:
            argv.append("--debug")
        if not self.private_run:
            return argv
        # "exec" keeps the pid, which LISTEN_PID must name.
        script = ('mkdir -p /run/pcscd && '
                  'mount -t tmpfs -o mode=0755 wardgate-test-pcscd /run/pcscd && exec "$@"')
        return ["unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", script, "sh"] + argv

    def start(self, readers):
        with self.lock:
            if self.pid is not None:
                raise HarnessError("pcscd is already running")
            self.write_config(readers)
            # A fresh socket for each start: while pcscd is stopped there is no
            # socket at all, which is what clients see when the service is gone.
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(self.sock_path)
            listener.listen(64)
            try:
                self.pid = spawn_socket_activated(self.argv(), listener, self.log_path)
            finally:
                listener.close()
            time.sleep(0.3)
            if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                self.pid = None
                raise HarnessError("pcscd exited at once:\n" + read_tail(self.log_path))

    def stop(self):
        with self.lock:
            stop_process(self.pid)
            self.pid = None
            if os.path.exists(self.sock_path):
                os.unlink(self.sock_path)


def handle_command(pcscd, line):
    words = line.split()
    if words == ["stop"]:
        pcscd.stop()
    elif len(words) == 2 and words[0] == "start" and words[1] in ("readers=0", "readers=1"):
        pcscd.start(readers=words[1] == "readers=1")
    else:
        raise HarnessError(f"unknown command {line!r}")


def serve_control(server, pcscd):
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        try:
            with conn, conn.makefile("rw") as stream:
                for line in stream:
                    stream.write(run_command(pcscd, line.strip()) + "\n")
                    stream.flush()
        except OSError:
            # The test went away mid-conversation; its own failure says why.
            pass


def run_command(pcscd, line):
    try:
        handle_command(pcscd, line)
        return "ok"
    except (HarnessError, OSError) as e:
        return "error: " + " ".join(str(e).split())


def start_control(tmp, pcscd):
    path = os.path.join(tmp, "control")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    threading.Thread(target=serve_control, args=(server, pcscd), daemon=True).start()
    return server, path


def stop_group(pgid):
    """Stops what the test left behind (virtual cards) in the group we created for it."""
    if pgid is None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        time.sleep(0.2)


def run_test(command, env, timeout):
    test = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        rc = test.wait(timeout=timeout)
        # Killed by a signal: report it the way a shell does.
        return (128 - rc if rc < 0 else rc), test.pid
    except subprocess.TimeoutExpired:
        fail(f"the test did not finish within {timeout} s")
        stop_group(test.pid)
        test.wait()
        return 1, test.pid
    except BaseException:
        stop_group(test.pid)
        test.wait()
        raise


def on_signal(signum, frame):
    raise SystemExit(128 + signum)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--pcscd-debug", action="store_true", help="run pcscd with --debug")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if not args.command:
        parser.error("no test command given")

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    tmp = tempfile.mkdtemp(prefix="wardgate-pcsc-")
    pcscd = None
    control = None
    test_pgid = None
    rc = 1
    try:
        port = pick_vpcd_port()
        pcscd = Pcscd(tmp, port, args.pcscd_debug)
        pcscd.start(readers=True)
        control, control_path = start_control(tmp, pcscd)
        env = dict(os.environ,
                   PCSCLITE_CSOCK_NAME=pcscd.sock_path,
                   WARD_PCSC_TEST_CONTROL=control_path,
                   WARD_PCSC_TEST_VPCD_PORT=str(port),
                   WARD_PCSC_TEST_READER=FIRST_SLOT_NAME,
                   WARD_PCSC_TEST_PYTHON=sys.executable,
                   WARD_PCSC_TEST_CARD=os.path.join(HERE, "virtual-badge.py"))
        rc, test_pgid = run_test(args.command, env, args.timeout)
        if rc != 0:
            fail(f"the test exited with status {rc}")
    except HarnessError as e:
        fail(str(e))
        rc = 1
    finally:
        if control is not None:
            control.close()
        stop_group(test_pgid)
        if pcscd is not None:
            pcscd.stop()
            if rc != 0:
                print("pcsc-harness: pcscd log tail:\n" + read_tail(pcscd.log_path),
                      file=sys.stderr)
        if args.keep:
            print(f"pcsc-harness: kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
