"""A throwaway Dovecot IMAP server on 127.0.0.1 for tests and benchmarks.

Own config file, maildir and passwd-file user in a temp dir; started with `dovecot -c conf`, stopped
with `doveadm stop`. As root, Dovecot refuses to run mail processes as root, so mail belongs to the
`dovecot` user and `first_valid_uid` is lowered to its uid.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = {uid}
mail_uid = {uid}
mail_gid = {gid}
mail_location = maildir:{root}/mail/%u
mail_max_userip_connections = 100
imap_max_line_length = 2M
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _mail_owner() -> tuple[str, str, int, int]:
    """(login user, internal user, uid, gid) for mail processes."""
    if os.geteuid() == 0:
        dovecot = pwd.getpwnam("dovecot")
        login = "dovenull" if _user_exists("dovenull") else "dovecot"
        return login, "dovecot", dovecot.pw_uid, dovecot.pw_gid
    me = pwd.getpwuid(os.geteuid())
    return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


class Dovecot:
    """One Dovecot instance; `start()`, `stop()`, `restart()` keep the same port and mail."""

    def __init__(self, user: str = "jospar", password: str = "imap-secret", root: Path | None = None):
        self.user, self.password = user, password
        self.root = Path(root or tempfile.mkdtemp(prefix="jospar-dovecot-"))
        self.root.chmod(0o755)  # mail processes run as the dovecot user and must traverse it
        self.port = free_port()
        self.host = "127.0.0.1"
        self.conf = self.root / "dovecot.conf"
        self._write_config()

    def _write_config(self) -> None:
        login, internal, uid, gid = _mail_owner()
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir(exist_ok=True)
        for sub in ("mail", "home"):
            os.chown(self.root / sub, uid, gid)
        self.conf.write_text(CONFIG.format(root=self.root, port=self.port, login_user=login,
                                           internal_user=internal, uid=uid, gid=gid))
        passwd = self.root / "passwd"
        passwd.write_text(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        passwd.chmod(0o644)

    def start(self, timeout: float = 20.0) -> "Dovecot":
        # the daemon keeps inherited pipes open, so no capture_output here
        subprocess.run([DOVECOT, "-c", str(self.conf)], check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(64).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not start; log:\n{self.log()}")

    def stop(self, timeout: float = 20.0) -> None:
        pid_file = self.root / "run" / "master.pid"
        if not pid_file.exists():
            return
        subprocess.run([DOVEADM, "-c", str(self.conf), "stop"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        while time.monotonic() < deadline:  # the listener closes a moment after the pid file goes
            try:
                socket.create_connection((self.host, self.port), timeout=0.2).close()
                time.sleep(0.05)
            except OSError:
                return

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def env(self, **extra: str) -> dict[str, str]:
        """JOSPAR_IMAP_* settings pointing at this server."""
        values = {"JOSPAR_IMAP_HOST": self.host, "JOSPAR_IMAP_PORT": str(self.port),
                  "JOSPAR_IMAP_SSL": "false", "JOSPAR_IMAP_USER": self.user,
                  "JOSPAR_IMAP_PASSWORD": self.password}
        values.update(extra)
        return values

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
