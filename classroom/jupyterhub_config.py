# jupyterhub_config.py — JupyterHub for the nnlesson course on one server.
#
# Tested with Debian's jupyterhub 3.0 and node-configurable-http-proxy
# (apt-get install jupyterhub), the course installed with
# `install.sh --system` and students enrolled with `install.sh --enrol`.
# install.sh copies this file and nnlesson_hub.py into PREFIX/hub; run, as
# root:
#
#     jupyterhub -f /opt/nnlesson/hub/jupyterhub_config.py
#
# or install classroom/jupyterhub-nnlesson.service (systemd). What it sets up:
#
# - loopback only: http://127.0.0.1:8000. Opening the hub to the network is
#   a deliberate step: set NNLESSON_HUB_IP and give it a TLS certificate
#   (NNLESSON_HUB_SSL_CERT, NNLESSON_HUB_SSL_KEY), or keep it on loopback
#   behind a web server that holds the certificate (classroom/README.md).
#   Without TLS it refuses any address but loopback.
# - the machine's own users log in with their passwords (PAM); only members
#   of the group "nnlesson" (install.sh --enrol adds them) and of
#   "nnlesson-teachers" (the hub's admins) are let in.
# - each student's Jupyter runs as that student (LocalProcessSpawner), opens
#   on their lessons (~/nnlesson/lessons), and runs inside limits of its own
#   (memory, number of processes, a fair share of the CPU: nnlesson_hub.py),
#   so that one student's runaway cell cannot take the server from the rest.
# - idle kernels are shut down after 30 minutes without a browser tab, idle
#   servers after an hour (NNLESSON_CULL_TIMEOUT, in seconds).
#
# The settings an admin may change are the environment variables read below,
# or the values themselves: this file is plain Python.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nnlesson_hub  # noqa: E402

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

# --- Where the hub listens, and its state -------------------------------------
ip = os.environ.get("NNLESSON_HUB_IP", "127.0.0.1")
port = int(os.environ.get("NNLESSON_HUB_PORT", "8000"))
cert = os.environ.get("NNLESSON_HUB_SSL_CERT", "")
key = os.environ.get("NNLESSON_HUB_SSL_KEY", "")
if not nnlesson_hub.is_loopback(ip) and not (cert and key):
    sys.exit(
        "jupyterhub_config.py: NNLESSON_HUB_IP=%s would open the hub to the network without TLS:\n"
        "students' passwords would cross it in clear. Set NNLESSON_HUB_SSL_CERT and\n"
        "NNLESSON_HUB_SSL_KEY too, or keep the hub on 127.0.0.1 behind a web server with TLS." % ip
    )
c.JupyterHub.ip = ip
c.JupyterHub.port = port
if cert and key:
    c.JupyterHub.ssl_cert = cert
    c.JupyterHub.ssl_key = key
# The proxy's API and the hub itself listen on loopback, on the next ports.
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % (port + 1)
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 2

state = os.environ.get("NNLESSON_HUB_STATE", "/var/lib/nnlesson-hub")
os.makedirs(state, mode=0o700, exist_ok=True)
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")

# Debian's configurable-http-proxy finds its Node modules (commander, …) in
# /usr/share/nodejs, where Debian's own node looks; a node from elsewhere
# (NodeSource) does not look there and fails with "Cannot find module
# 'commander'". Pointing NODE_PATH there works for both.
nnlesson_hub.debian_node_path()

# --- Who may log in ----------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
# (install.sh --system makes both groups; JupyterHub 3 fails a login when a
# group it is given does not exist, so only those that exist are named.)
c.PAMAuthenticator.allowed_groups = nnlesson_hub.existing_groups("nnlesson", "nnlesson-teachers")
c.PAMAuthenticator.admin_groups = nnlesson_hub.existing_groups("nnlesson-teachers")
c.Authenticator.admin_users = set(filter(None, os.environ.get("NNLESSON_HUB_ADMINS", "").split(",")))

# --- Each student's Jupyter ---------------------------------------------------------
c.JupyterHub.spawner_class = nnlesson_hub.CourseSpawner
c.Spawner.default_url = "/tree/nnlesson/lessons"
c.Spawner.notebook_dir = "~"
# Ten students starting at once on two cores take a while.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# JUPYTER_PATH reaches the students' servers when it is set (a kernel folder
# of one's own, as the tests use); Python's debugger warning is quieted.
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JUPYTER_PATH", "JUPYTERHUB_SINGLEUSER_APP"]
c.Spawner.environment = {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}

# Limits per student (nnlesson_hub.CourseSpawner): memory for everything the
# student runs (the Jupyter server, kernels, gopls, compilers, their cells),
# and processes and threads (a fork loop stops there). Each student also
# gets an equal share of the CPU when the server is busy.
c.Spawner.mem_limit = os.environ.get("NNLESSON_MEM_LIMIT", "3G")
c.CourseSpawner.tasks_limit = int(os.environ.get("NNLESSON_TASKS_LIMIT", "1024"))
# c.Spawner.cpu_limit = 2.0  # at most two cores each, even on an idle server

# --- Idle kernels and servers ------------------------------------------------------------
# A kernel with no browser tab for 30 minutes is shut down by the student's
# own Jupyter; a server idle for NNLESSON_CULL_TIMEOUT seconds is stopped by
# the hub's culler (nnlesson_hub.py cull: jupyterhub-idle-culler is not in
# Debian). The student's work is saved in their home; logging in again
# starts a fresh server.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=%s" % os.environ.get("NNLESSON_KERNEL_CULL_TIMEOUT", "1800"),
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=False",
]
cull_timeout = os.environ.get("NNLESSON_CULL_TIMEOUT", "3600")
cull_every = os.environ.get("NNLESSON_CULL_EVERY", str(max(10, min(300, int(cull_timeout) // 4))))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, nnlesson_hub.__file__, "cull", "--timeout", cull_timeout, "--every", cull_every],
    },
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]

# The load test (classroom/loadtest) and the hub's test start students'
# servers and run lessons in them through the hub's REST API, with a token
# that only root can read (in the state folder, made on first start).
c.JupyterHub.services.append(
    {"name": "nnlesson-loadtest", "api_token": nnlesson_hub.token_file(os.path.join(state, "loadtest-token"))}
)
c.JupyterHub.load_roles.append(
    {
        "name": "nnlesson-loadtest",
        "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
        "services": ["nnlesson-loadtest"],
    }
)
