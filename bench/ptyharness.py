#!/usr/bin/env python3
"""A small pty harness for the benchmarks of the full-screen program.

    ptyharness.py [options] -- COMMAND [ARGS...]

Runs COMMAND on a fresh pseudo-terminal of --cols x --rows and measures,
printing one "key=value" per line on stdout (nothing else):

  first_ms      launch to the first full screen: the output contains
                --expect and then goes quiet for --quiet-ms (the time of
                the last byte before the quiet spell)
  first_bytes   bytes written to the terminal by then
  idle_bytes, idle_s   output while nothing is typed (the clock ticks)
  keys, key_bytes, key_s   --keys characters typed one at a time, waiting
                for the output to settle (--settle-ms) after each
  key_ms_med, key_ms_max   key to settled screen, per key
  live_ms       --live-runs times: runs --live-cmd plus a unique marker
                word (or appends it to --live-append), and times from
                just before that command starts (before the file is
                opened) to the read that brings the marker (comma
                separated; never clamped)
  live_cmd_ms   how long each writing command itself took
  loaded_ms     with --loaded-gone TEXT: launch to the read after which
                the screen (emulated with pyte) no longer shows TEXT
                anywhere, the first screen having been seen
  loaded_rss_kb its resident memory then (without --loaded-gone: once
                the output first goes quiet)
  echo_ms       with --echo-during-load: from first screen until loaded,
                characters typed one at a time, each timed from the key
                to the read after which the screen shows it (comma
                separated; -1: not seen within --key-timeout);
                echo_ms_med, echo_ms_max, echo_keys, echo_missed
  exit_s        --quit (Ctrl-Q by default) to the end of the process
  first_rss_kb, first_hwm_kb   the child's resident and peak memory once
                the first screen is seen (--rss)
  hwm_kb        its peak resident memory over the whole run (VmHWM, read
                just before --quit)
  idle_cpu_ms   CPU time the child used while idle (/proc/PID/schedstat,
                nanoseconds of run time), with --idle-s
  save_ms       --save-runs times: types a unique word, sends
                --save-before, then --save-key, and times from that key to
                --save-expect (or the word) showing in the output
  live_bytes    bytes written for the live events, until quiet

Keys and texts given on the command line may use Python escapes (\\r,
\\x1b, \\x11).  --prep is sent once after the first screen (vim: Go to
start typing at the end).  --live-append FILE appends the marker line to
FILE instead of running --live-cmd (less +F follows a file).

For callgrind: --instr-on runs `callgrind_control -i on` on the child
once the first screen is drawn (the child being valgrind started with
--instr-atstart=no), so that only what follows is counted; --hold S
keeps the program idle S seconds instead of typing (a zero-key baseline
as long as the typing was).
"""

import argparse
import fcntl
import os
import pty
import random
import shlex
import select
import signal
import struct
import subprocess
import sys
import termios
import time

try:
    import pyte
except ImportError:        # only --loaded-gone and --echo-during-load need it
    pyte = None

TEXT = "the quick brown fox jumps over the lazy dog while the pager keeps ringing "


def make_screen(cols, rows):
    """A pyte screen and byte stream, with what ncurses sends that pyte
    0.8 lacks: REP (CSI n b), SU and SD (CSI n S, CSI n T)."""

    class Screen(pyte.Screen):
        last_char = " "

        def draw(self, data):
            if data:
                self.last_char = data[-1]
            super().draw(data)

        def rep(self, count=1, *args, **kwargs):
            self.draw(self.last_char * max(1, count))

        def scroll_up_n(self, count=1, *args, **kwargs):
            y = self.cursor.y
            top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
            self.cursor.y = bottom
            for _ in range(max(1, count)):
                self.index()
            self.cursor.y = y

        def scroll_down_n(self, count=1, *args, **kwargs):
            y = self.cursor.y
            top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
            self.cursor.y = top
            for _ in range(max(1, count)):
                self.reverse_index()
            self.cursor.y = y

    class Stream(pyte.ByteStream):
        csi = dict(pyte.ByteStream.csi, b="rep", S="scroll_up_n", T="scroll_down_n")

    screen = Screen(cols, rows)
    return screen, Stream(screen)


class Term:
    def __init__(self, cmd, cols, rows, env):
        self.buf = bytearray()
        self.last = None          # time of the last byte read
        self.eof = False
        self.t0 = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(cmd[0], cmd, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = None        # a pyte screen, when one is wanted
        self.gone = None          # loaded: when the screen stops showing this
        self.loaded = None        # ... the time of that read
        self.loaded_rss_kb = -1

    def emulate(self, cols, rows):
        self.screen, self.stream = make_screen(cols, rows)
        self.stream.feed(bytes(self.buf))

    def text(self):
        """What the emulated screen shows, its lines joined."""
        return "\n".join(self.screen.display)

    def watch_loaded(self, text):
        """From now on, notes the first read after which the screen no
        longer shows text (checking now too)."""
        self.gone = text
        self.check_loaded(time.monotonic() if self.last is None else self.last)

    def check_loaded(self, now):
        if self.gone is not None and self.loaded is None and self.gone not in self.text():
            self.loaded = now
            self.loaded_rss_kb = self.status_kb("VmRSS")

    def pump(self, timeout):
        """Reads what arrives within timeout seconds; True if anything did."""
        if self.eof:
            time.sleep(max(0.0, timeout))
            return False
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        now = time.monotonic()
        if not data:
            self.eof = True
            return False
        self.buf += data
        self.last = now
        if self.screen is not None:
            self.stream.feed(data)
            self.check_loaded(now)
        return True

    def wait_screen(self, pred, timeout):
        """Until pred(screen text) holds after a read; the time of that
        read (or of now, if it holds already), or None."""
        if pred(self.text()):
            return time.monotonic()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.eof:
            if self.pump(min(0.05, deadline - time.monotonic())) and pred(self.text()):
                return self.last
        return None

    def wait_for(self, needle, start, timeout):
        """Until needle shows in the output after offset start; returns the
        time of the read that brought it, or None."""
        deadline = time.monotonic() + timeout
        while needle not in self.buf[start:]:
            if self.eof or time.monotonic() >= deadline:
                return None
            self.pump(min(0.05, deadline - time.monotonic()))
        return self.last

    def settle(self, quiet, timeout, mark=None):
        """Until (after some output past mark, if given) nothing arrives for
        quiet seconds.  Returns the time of the last byte."""
        deadline = time.monotonic() + timeout
        if mark is not None:
            while len(self.buf) <= mark and not self.eof and time.monotonic() < deadline:
                self.pump(min(0.05, deadline - time.monotonic()))
        while not self.eof and time.monotonic() < deadline:
            since = time.monotonic() - (self.last or self.t0)
            if since >= quiet:
                break
            self.pump(quiet - since)
        return self.last

    def idle(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(end - time.monotonic())

    def send(self, data):
        os.write(self.fd, data)

    def finish(self, timeout, quit_keys=b"\x11"):
        """Sends quit_keys, then reads until the end; returns seconds to
        exit.  self.hwm_kb: the child's peak memory until then."""
        self.hwm_kb = self.status_kb("VmHWM")
        t = time.monotonic()
        try:
            self.send(quit_keys)
        except OSError:
            pass
        deadline = t + timeout
        while not self.eof and time.monotonic() < deadline:
            self.pump(0.1)
        while time.monotonic() < deadline:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return time.monotonic() - t
            time.sleep(0.02)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return -1.0

    def status_kb(self, field):
        """VmRSS, VmHWM... of the child from /proc, in KiB (-1: unknown)."""
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return -1

    def cpu_ns(self):
        """Nanoseconds the child has run on a CPU (/proc/PID/schedstat)."""
        try:
            with open("/proc/%d/schedstat" % self.pid) as f:
                return int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return -1


def unescape(text):
    """Python escapes in a command-line argument, as bytes."""
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1")


def median(v):
    v = sorted(v)
    n = len(v)
    return (v[n // 2] + v[(n - 1) // 2]) / 2 if n else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--term", default="screen-256color")
    ap.add_argument("--expect", required=True, help="text the first screen shows")
    ap.add_argument("--quiet-ms", type=float, default=100)
    ap.add_argument("--timeout", type=float, default=60, help="for the first screen")
    ap.add_argument("--idle-s", type=float, default=0)
    ap.add_argument("--keys", type=int, default=0)
    ap.add_argument("--settle-ms", type=float, default=30)
    ap.add_argument("--key-timeout", type=float, default=10)
    ap.add_argument("--hold", type=float, default=0)
    ap.add_argument("--instr-on", action="store_true")
    ap.add_argument("--live-cmd", default="")
    ap.add_argument("--live-runs", type=int, default=10)
    ap.add_argument("--exit-timeout", type=float, default=60)
    ap.add_argument("--quit", default="\\x11", help="keys that end the program")
    ap.add_argument("--prep", default="", help="keys sent once after the first screen")
    ap.add_argument("--rss", action="store_true")
    ap.add_argument("--first-only", action="store_true", help="quit once the first screen is seen")
    ap.add_argument("--live-append", default="")
    ap.add_argument("--save-runs", type=int, default=0)
    ap.add_argument("--save-before", default="")
    ap.add_argument("--save-key", default="\\r")
    ap.add_argument("--save-expect", default="")
    ap.add_argument("--save-after", default="")
    ap.add_argument("--loaded-gone", default="",
                    help="loaded: once the screen no longer shows this text")
    ap.add_argument("--loaded-timeout", type=float, default=900)
    ap.add_argument("--echo-during-load", action="store_true",
                    help="type and time each key's echo until loaded")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command")
    env = dict(os.environ, TERM=a.term)
    env.pop("COLUMNS", None)   # ncurses would believe these over the pty's size
    env.pop("LINES", None)
    out = {}

    t = Term(cmd, a.cols, a.rows, env)
    if a.loaded_gone or a.echo_during_load:
        if pyte is None:
            sys.stderr.write("ptyharness: --loaded-gone and --echo-during-load need pyte (apt-get install python3-pyte)\n")
            t.finish(5, unescape(a.quit))
            print_out({"error": "no pyte"})
            return 1
        t.emulate(a.cols, a.rows)
    seen = t.wait_for(a.expect.encode(), 0, a.timeout)
    if seen is None:
        out["error"] = ("the program ended before its first screen" if t.eof
                        else "first screen not seen within %gs" % a.timeout)
        sys.stderr.write("ptyharness: %s; output so far: %r\n" % (out["error"], bytes(t.buf[-400:])))
        t.finish(5, unescape(a.quit))
        print_out(out)
        return 1
    out["seen_ms"] = "%.1f" % ((seen - t.t0) * 1000)
    if a.rss:
        out["first_rss_kb"] = t.status_kb("VmRSS")
        out["first_hwm_kb"] = t.status_kb("VmHWM")
    if a.loaded_gone:
        t.watch_loaded(a.loaded_gone)
    if a.first_only:
        out["exit_s"] = "%.3f" % t.finish(a.exit_timeout, unescape(a.quit))
        print_out(out)
        return 0
    if a.echo_during_load:
        echo_during_load(t, a, out)
    if a.loaded_gone:
        deadline = time.monotonic() + a.loaded_timeout
        while t.loaded is None and not t.eof and time.monotonic() < deadline:
            t.pump(min(0.05, deadline - time.monotonic()))
        if t.loaded is None:
            out["error"] = "still showing %r after %gs" % (a.loaded_gone, a.loaded_timeout)
            sys.stderr.write("ptyharness: %s; screen:\n%s\n" % (out["error"], t.text()))
            t.finish(5, unescape(a.quit))
            print_out(out)
            return 1
        out["loaded_ms"] = "%.1f" % ((t.loaded - t.t0) * 1000)
        out["loaded_rss_kb"] = t.loaded_rss_kb
    last = t.settle(a.quiet_ms / 1000, a.timeout)
    out["first_ms"] = "%.1f" % ((last - t.t0) * 1000)
    out["first_bytes"] = len(t.buf)
    if a.rss and not a.loaded_gone:
        out["loaded_rss_kb"] = t.status_kb("VmRSS")
    if a.prep:
        m = len(t.buf)
        t.send(unescape(a.prep))
        t.settle(a.quiet_ms / 1000, a.timeout, mark=m)

    if a.idle_s > 0:
        m, s, c = len(t.buf), time.monotonic(), t.cpu_ns()
        t.idle(a.idle_s)
        out["idle_bytes"] = len(t.buf) - m
        out["idle_s"] = "%.3f" % (time.monotonic() - s)
        out["idle_cpu_ms"] = "%.2f" % ((t.cpu_ns() - c) / 1e6)

    if a.instr_on:
        r = subprocess.run(["callgrind_control", "-i", "on", str(t.pid)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        if r.returncode:
            sys.stderr.write("ptyharness: callgrind_control failed: %s\n" % r.stderr.decode(errors="replace"))
            out["error"] = "callgrind_control failed"
        t.settle(a.quiet_ms / 1000, 30)

    if a.keys > 0:
        lat = []
        m0, s0 = len(t.buf), time.monotonic()
        for i in range(a.keys):
            m = len(t.buf)
            k = time.monotonic()
            t.send(TEXT[i % len(TEXT)].encode())
            last = t.settle(a.settle_ms / 1000, a.key_timeout, mark=m)
            lat.append(((last or k) - k) * 1000)
        out["keys"] = a.keys
        out["key_bytes"] = len(t.buf) - m0
        out["key_s"] = "%.3f" % (time.monotonic() - s0)
        out["key_ms_med"] = "%.2f" % median(lat)
        out["key_ms_max"] = "%.2f" % max(lat)
    elif a.hold > 0:
        s0 = time.monotonic()
        t.idle(a.hold)
        out["hold_s"] = "%.3f" % (time.monotonic() - s0)

    if a.save_runs > 0:
        lat = []
        for i in range(a.save_runs):
            word = "SAVE" + "".join(random.choice("KVWYZQXJ") for _ in range(6)) + chr(ord("A") + i % 26)
            for ch in word:
                m = len(t.buf)
                t.send(ch.encode())
                t.settle(a.settle_ms / 1000, a.key_timeout, mark=m)
            if a.save_before:
                m = len(t.buf)
                t.send(unescape(a.save_before))
                t.settle(a.settle_ms / 1000, a.key_timeout, mark=m)
            m = len(t.buf)
            k = time.monotonic()
            t.send(unescape(a.save_key))
            want = a.save_expect.encode() if a.save_expect else word.encode()
            got = t.wait_for(want, m, 10)
            lat.append(-1.0 if got is None else (got - k) * 1000)
            t.settle(a.settle_ms / 1000, a.key_timeout)
            if a.save_after:
                m = len(t.buf)
                t.send(unescape(a.save_after))
                t.settle(a.settle_ms / 1000, a.key_timeout, mark=m)
        out["save_ms"] = ",".join("%.1f" % x for x in lat)

    if a.live_cmd or a.live_append:
        lat, cmd_ms = [], []
        nbytes = 0
        for i in range(a.live_runs):
            t.idle(random.uniform(0.1, 0.6))
            word = "ZQXJ" + "".join(random.choice("KVWYZQXJ") for _ in range(6)) + chr(ord("A") + i % 26)
            m = len(t.buf)
            start = time.monotonic()    # the writer starts: the clock starts
            if a.live_append:
                with open(a.live_append, "a") as f:
                    f.write("- live marker %s\n" % word)
                rc, err = 0, b""
            else:
                r = subprocess.run(shlex.split(a.live_cmd) + ["live", "marker", word],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                rc, err = r.returncode, r.stderr
            cmd_ms.append((time.monotonic() - start) * 1000)
            if rc:
                sys.stderr.write("ptyharness: live command failed: %s\n" % err.decode(errors="replace"))
                out["error"] = "live command failed"
                break
            got = t.wait_for(word.encode(), m, 10)
            lat.append(-1.0 if got is None else (got - start) * 1000)
            t.settle(0.05, 2)
            nbytes += len(t.buf) - m
        out["live_ms"] = ",".join("%.2f" % x for x in lat)
        out["live_cmd_ms"] = ",".join("%.2f" % x for x in cmd_ms)
        out["live_bytes"] = nbytes

    out["exit_s"] = "%.3f" % t.finish(a.exit_timeout, unescape(a.quit))
    out["hwm_kb"] = t.hwm_kb
    print_out(out)
    return 0 if "error" not in out else 1


def echo_during_load(t, a, out):
    """Types words of unique letters one key at a time while the program
    loads, timing each key to the read after which the screen shows it
    (the typed prefix shows once more than before), with 20 to 100 ms
    between keys; each word is erased again (not timed)."""
    lat = []
    deadline = time.monotonic() + a.loaded_timeout
    while t.loaded is None and not t.eof and time.monotonic() < deadline:
        word = "Q" + "".join(random.choice("zxjkvwyq") for _ in range(9))
        sent = 0
        for j in range(len(word)):
            if t.loaded is not None:
                break
            prefix = word[:j + 1]
            before = t.text().count(prefix)
            k = time.monotonic()
            t.send(word[j].encode())
            sent += 1
            got = t.wait_screen(lambda x: x.count(prefix) > before, a.key_timeout)
            lat.append(-1.0 if got is None else (got - k) * 1000)
            t.idle(random.uniform(0.02, 0.1))
        t.send(b"\x7f" * sent)
        t.wait_screen(lambda x: word[:2] not in x, a.key_timeout)
    seen = [x for x in lat if x >= 0]
    out["echo_keys"] = len(lat)
    out["echo_missed"] = len(lat) - len(seen)
    out["echo_ms"] = ",".join("%.2f" % x for x in lat)
    out["echo_ms_med"] = "%.2f" % median(seen) if seen else "nan"
    out["echo_ms_max"] = "%.2f" % max(seen) if seen else "nan"


def print_out(out):
    for k, v in out.items():
        print("%s=%s" % (k, v))
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
