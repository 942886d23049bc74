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


def test_user_add_reads_the_password_from_stdin_and_web_refuses_the_network_without_accounts(jospar_bin, tmp_path):
    from store import Store, accounts

    db = tmp_path / "jospar.duckdb"
    Store(db).close()
    refused = subprocess.run([jospar_bin, "web", "--db", str(db), "--host", "0.0.0.0"], capture_output=True,
                             text=True, timeout=60)
    assert refused.returncode == 2 and "no accounts" in refused.stderr and "jospar user add" in refused.stderr
    short = subprocess.run([jospar_bin, "user", "add", "a.seitkali", "--role", "reviewer", "--db", str(db)],
                           input="short\n", capture_output=True, text=True, timeout=60)
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    made = subprocess.run([jospar_bin, "user", "add", "a.seitkali", "--role", "reviewer", "--lang", "kk", "--db",
                           str(db)], input="a long enough password\n", capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    again = subprocess.run([jospar_bin, "user", "add", "a.seitkali", "--role", "reader", "--db", str(db)],
                           input="another long password\n", capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "--replace" in again.stderr
    with Store(db) as store:
        account = accounts.authenticate(store.connection, "a.seitkali", "a long enough password")
    assert account is not None and account.role == "reviewer" and account.lang == "kk"
    from webapp.accounts_guard import accounts_exist, is_loopback

    assert accounts_exist(db) and not accounts_exist(tmp_path / "none.duckdb")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.5") and not is_loopback("plans.edu.kz")


def test_writes_are_refused_without_a_session_and_pages_need_sign_in(anonymous, ids):
    page = anonymous.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2F"
    post = anonymous.post(f"/measures/{ids['hostile_m1']}", data={"field": "text", "value": "x"},
                          headers={"Origin": "http://127.0.0.1"}, follow_redirects=False)
    assert post.status_code == 403 and "Sign in" in post.text
    bad = anonymous.post("/login", data={"name": "reviewer1", "password": "wrong-password", "next": "/"},
                         headers={"Origin": "http://127.0.0.1"})
    assert bad.status_code == 401 and "wrong" in bad.text
    elsewhere = anonymous.post("/login", data={"name": "reviewer1", "password": "review-password-1",
                                               "next": "//evil.example/"}, headers={"Origin": "http://127.0.0.1"},
                               follow_redirects=False)
    assert elsewhere.status_code == 303 and elsewhere.headers["location"] == "/"  # no open redirect
    cookie = elsewhere.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_failed_sign_ins_are_throttled(anonymous):
    for _ in range(5):
        assert anonymous.post("/login", data={"name": "reader1", "password": "guess-guess-guess"},
                              headers={"Origin": "http://127.0.0.1"}).status_code == 401
    blocked = anonymous.post("/login", data={"name": "reader1", "password": "reader-password-1"},
                             headers={"Origin": "http://127.0.0.1"})
    assert blocked.status_code == 429 and "Too many" in blocked.text
