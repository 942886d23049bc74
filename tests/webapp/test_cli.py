"""`jospar web`: its options, loopback by default, and a clear refusal without a store."""
from __future__ import annotations

import subprocess

from cli import build_parser


def test_web_defaults_to_loopback():
    args = build_parser().parse_args(["web", "--db", "out/jospar.duckdb"])
    assert (args.host, args.port, args.db) == ("127.0.0.1", 8765, "out/jospar.duckdb")


def test_web_without_a_store_exits_2_with_a_message(jospar_bin, tmp_path):
    done = subprocess.run([jospar_bin, "web", "--db", str(tmp_path / "none.duckdb")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "no store at" in done.stderr and "jospar extract" in done.stderr


def test_allowed_hosts_add_the_bound_address_and_named_hosts_only():
    from webapp.cli import allowed_hosts

    assert allowed_hosts("127.0.0.1", []) == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("0.0.0.0", ["plans.edu.kz"]) == ["127.0.0.1", "localhost", "[::1]", "plans.edu.kz"]
    assert "10.0.0.5" in allowed_hosts("10.0.0.5", [])
    assert "[fe80::1]" in allowed_hosts("fe80::1", [])
