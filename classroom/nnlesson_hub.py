"""nnlesson_hub — what jupyterhub_config.py needs beyond JupyterHub itself.

- CourseSpawner: LocalProcessSpawner (each student's Jupyter runs as that
  student) with limits per student, so that one runaway cell cannot take
  the server from the others:
    * memory: Spawner.mem_limit bounds everything the student runs
      together (cgroup memory controller); an endless allocation is killed
      by the kernel's OOM killer inside that student's group alone;
    * processes: tasks_limit bounds the student's processes and threads
      (cgroup pids controller, and RLIMIT_NPROC for their user id), so a
      fork loop stops there;
    * CPU: each student's group gets an equal share of the CPU when the
      server is busy (Spawner.cpu_limit, when set, caps it even when not);
    * stopping a student's server (the culler, the admin page) ends every
      process in their group, a runaway cell's included.
  cgroup v2 (a systemd server: give the hub's unit Delegate=yes) and v1 are
  both handled. Without a writable cgroup file system only RLIMIT_NPROC
  applies, and the hub says so in its log.
- `python3 nnlesson_hub.py cull --timeout S --every S`: a hub service that
  stops servers idle for S seconds (the job of jupyterhub-idle-culler, which
  Debian does not package), through the hub's REST API.
"""

import datetime
import ipaddress
import json
import os
import resource
import secrets
import signal
import sys
import time
import urllib.parse
import urllib.request

CGROUP_ROOT = "/sys/fs/cgroup"


def is_loopback(host):
    """Whether host (an address or "localhost") is a loopback address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def debian_node_path():
    """Add Debian's Node module folders to NODE_PATH (see the config)."""
    dirs = [d for d in ("/usr/share/nodejs", "/usr/lib/nodejs") if os.path.isdir(d)]
    have = [d for d in os.environ.get("NODE_PATH", "").split(":") if d]
    os.environ["NODE_PATH"] = ":".join(have + [d for d in dirs if d not in have])


def existing_groups(*names):
    """The names of those of the groups names that exist."""
    import grp

    out = set()
    for name in names:
        try:
            grp.getgrnam(name)
            out.add(name)
        except KeyError:
            pass
    return out


def token_file(path):
    """The token kept in path, made (readable by root alone) if missing."""
    try:
        with open(path) as f:
            token = f.read().strip()
        if token:
            return token
    except FileNotFoundError:
        pass
    token = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(token + "\n")
    return token


# --- cgroups ---------------------------------------------------------------------


def _own_cgroups():
    """This process's cgroups: {"": path} for v2, {controller: path} for v1."""
    out = {}
    with open("/proc/self/cgroup") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if controllers == "":
                out[""] = path
            for c in controllers.split(","):
                if c and not c.startswith("name="):
                    out[c] = path
    return out


def _write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


class Cgroups:
    """The cgroups of one student's server, on v2 or v1; None when neither
    is writable here (see detect)."""

    def __init__(self, dirs, version):
        self.dirs = dirs  # the student's group, one folder per hierarchy
        self.version = version

    @classmethod
    def detect(cls, log):
        """The parent folders under which students' groups are made, or None."""
        own = _own_cgroups()
        unified = os.path.join(CGROUP_ROOT, "cgroup.controllers")
        if os.path.exists(unified):  # v2 only
            with open(unified) as f:
                available = f.read().split()
            if not {"memory", "pids"} <= set(available):
                log.warning("nnlesson: cgroup v2 without the memory and pids controllers: no limits but RLIMIT_NPROC")
                return None
            base = os.path.join(CGROUP_ROOT, own.get("", "/").lstrip("/"))
            if os.path.normpath(base) == CGROUP_ROOT:
                base = os.path.join(CGROUP_ROOT, "nnlesson")
                os.makedirs(base, exist_ok=True)
            else:
                # "No internal processes": the hub leaves its own group for a
                # leaf of it, so that the group can hold the students' groups.
                hub = os.path.join(base, "hub")
                os.makedirs(hub, exist_ok=True)
                with open(os.path.join(base, "cgroup.procs")) as f:
                    for pid in f.read().split():
                        try:
                            _write(os.path.join(hub, "cgroup.procs"), pid)
                        except OSError:
                            pass
            with open(os.path.join(base, "cgroup.controllers")) as f:
                have = set(f.read().split())
            want = [c for c in ("memory", "pids", "cpu") if c in have]
            _write(os.path.join(base, "cgroup.subtree_control"), " ".join("+" + c for c in want))
            return {"v2": base}
        # v1: one hierarchy per controller.
        bases = {}
        for controller, mount in (("memory", "memory"), ("pids", "pids"), ("cpu", "cpu"), ("freezer", "freezer")):
            root = os.path.join(CGROUP_ROOT, mount)
            if os.path.isdir(root) and controller in own:
                bases[controller] = os.path.join(root, own[controller].lstrip("/"))
        if not {"memory", "pids"} <= set(bases):
            log.warning("nnlesson: no writable cgroup v1 memory and pids hierarchies: no limits but RLIMIT_NPROC")
            return None
        return bases

    @classmethod
    def for_user(cls, bases, name):
        if bases is None:
            return None
        leaf = "nnlesson-" + name
        if "v2" in bases:
            return cls({"v2": os.path.join(bases["v2"], leaf)}, 2)
        return cls({c: os.path.join(b, leaf) for c, b in bases.items()}, 1)

    def create(self, mem_bytes, tasks, cpu_cores):
        for d in self.dirs.values():
            os.makedirs(d, exist_ok=True)
        if self.version == 2:
            d = self.dirs["v2"]
            if mem_bytes:
                _write(os.path.join(d, "memory.max"), mem_bytes)
                if os.path.exists(os.path.join(d, "memory.swap.max")):
                    _write(os.path.join(d, "memory.swap.max"), 0)
            if tasks:
                _write(os.path.join(d, "pids.max"), tasks)
            if cpu_cores and os.path.exists(os.path.join(d, "cpu.max")):
                _write(os.path.join(d, "cpu.max"), "%d 100000" % int(cpu_cores * 100000))
            return
        mem = self.dirs["memory"]
        if mem_bytes:
            # memsw (memory + swap) must stay >= the memory limit: lower it last.
            memsw = os.path.join(mem, "memory.memsw.limit_in_bytes")
            if os.path.exists(memsw):
                try:
                    _write(memsw, -1)
                except OSError:
                    pass
            _write(os.path.join(mem, "memory.limit_in_bytes"), mem_bytes)
            if os.path.exists(memsw):
                _write(memsw, mem_bytes)
        if tasks:
            _write(os.path.join(self.dirs["pids"], "pids.max"), tasks)
        if cpu_cores and "cpu" in self.dirs:
            _write(os.path.join(self.dirs["cpu"], "cpu.cfs_period_us"), 100000)
            _write(os.path.join(self.dirs["cpu"], "cpu.cfs_quota_us"), int(cpu_cores * 100000))

    def join(self, pid):
        """Move pid into the student's groups (in the spawned process, as root)."""
        for d in self.dirs.values():
            _write(os.path.join(d, "cgroup.procs"), pid)

    def pids(self):
        out = set()
        for d in self.dirs.values():
            try:
                with open(os.path.join(d, "cgroup.procs")) as f:
                    out.update(int(p) for p in f.read().split())
            except FileNotFoundError:
                pass
        return out

    def memory_peak(self):
        """The most memory the group used, in bytes (0 when unknown)."""
        for name in ("memory.peak", "memory.max_usage_in_bytes"):
            for d in self.dirs.values():
                try:
                    with open(os.path.join(d, name)) as f:
                        return int(f.read().split()[0])
                except (FileNotFoundError, ValueError, IndexError):
                    pass
        return 0

    def kill_all(self):
        """End every process in the group — frozen first, so that a fork loop
        cannot outrun the killing — and remove the group."""
        freeze = None
        if self.version == 2 and os.path.exists(os.path.join(self.dirs["v2"], "cgroup.kill")):
            _write(os.path.join(self.dirs["v2"], "cgroup.kill"), 1)
        else:
            if self.version == 2:
                freeze = (os.path.join(self.dirs["v2"], "cgroup.freeze"), "1", "0")
            elif "freezer" in self.dirs:
                freeze = (os.path.join(self.dirs["freezer"], "freezer.state"), "FROZEN", "THAWED")
            if freeze:
                try:
                    _write(freeze[0], freeze[1])
                except OSError:
                    freeze = None
        for _ in range(50):
            pids = self.pids()
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if freeze:
                _write(freeze[0], freeze[2])
                freeze = None
            time.sleep(0.1)
        for d in self.dirs.values():
            try:
                os.rmdir(d)
            except OSError:
                pass


# --- the spawner ------------------------------------------------------------------

try:
    from jupyterhub.spawner import LocalProcessSpawner
    from traitlets import Integer
except ImportError:  # the culler runs without JupyterHub's modules
    LocalProcessSpawner = None

if LocalProcessSpawner is not None:

    class CourseSpawner(LocalProcessSpawner):
        """LocalProcessSpawner with limits per student (see the module doc)."""

        tasks_limit = Integer(
            1024,
            config=True,
            help="Processes and threads a student's server may run at once, all told "
            "(cgroup pids.max and RLIMIT_NPROC); 0 for no limit.",
        )

        _bases = False  # the cgroup parents, detected once per hub

        def _cgroups(self):
            cls = type(self)
            if cls._bases is False:
                try:
                    cls._bases = Cgroups.detect(self.log)
                except OSError as e:
                    self.log.warning("nnlesson: cgroups not usable here (%s): no limits but RLIMIT_NPROC", e)
                    cls._bases = None
            return Cgroups.for_user(cls._bases, self.user.name)

        def make_preexec_fn(self, name):
            become_user = super().make_preexec_fn(name)
            groups = self._cgroups()
            tasks = self.tasks_limit

            def preexec():
                if groups is not None:
                    groups.join(os.getpid())
                if tasks:
                    resource.setrlimit(resource.RLIMIT_NPROC, (tasks, tasks))
                become_user()

            return preexec

        async def start(self):
            groups = self._cgroups()
            if groups is not None:
                groups.kill_all()  # what a previous server may have left
                groups.create(self.mem_limit, self.tasks_limit, self.cpu_limit)
                self.log.info(
                    "nnlesson: %s runs in %s (memory %s, tasks %s)",
                    self.user.name,
                    ", ".join(groups.dirs.values()),
                    self.mem_limit,
                    self.tasks_limit,
                )
            return await super().start()

        async def stop(self, now=False):
            await super().stop(now=now)
            groups = self._cgroups()
            if groups is not None:
                groups.kill_all()


# --- the idle culler -----------------------------------------------------------------


def _parse_time(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def cull(timeout, every, once=False):
    """Stop every server idle for more than timeout seconds, checking every
    every seconds, for as long as the hub runs this service (or once)."""
    api = os.environ["JUPYTERHUB_API_URL"].rstrip("/")
    token = os.environ["JUPYTERHUB_API_TOKEN"]

    def call(method, path):
        req = urllib.request.Request(api + path, method=method, headers={"Authorization": "token " + token})
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
            return json.loads(body) if body else None

    print("idle-culler: stopping servers idle for %ss, checking every %ss" % (timeout, every), flush=True)
    while True:
        try:
            now = datetime.datetime.now(datetime.timezone.utc)
            for user in call("GET", "/users?state=ready") or []:
                for name, server in (user.get("servers") or {}).items():
                    last = server.get("last_activity") or server.get("started")
                    if server.get("pending") or not last:
                        continue
                    idle = (now - _parse_time(last)).total_seconds()
                    if idle > timeout:
                        path = "/users/%s/server" % urllib.parse.quote(user["name"])
                        if name:
                            path = "/users/%s/servers/%s" % (urllib.parse.quote(user["name"]), urllib.parse.quote(name))
                        print("idle-culler: stopping %s's server, idle for %.0fs" % (user["name"], idle), flush=True)
                        call("DELETE", path)
        except Exception as e:  # the hub restarting, say: try again later
            print("idle-culler: %s" % e, file=sys.stderr, flush=True)
            if once:
                raise
        if once:
            return
        time.sleep(every)


if __name__ == "__main__":
    import argparse

    p = argparse.ArgumentParser(description="nnlesson's hub services")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cull", help="stop servers idle for longer than --timeout seconds")
    c.add_argument("--timeout", type=float, required=True)
    c.add_argument("--every", type=float, default=300)
    c.add_argument("--once", action="store_true", help="check once and exit")
    args = p.parse_args()
    cull(args.timeout, args.every, args.once)
