"""A real store for the web app: the real extraction of data/samples/*.txt plus a hostile school plan,
written with store.write_outputs, and coverage cells from the real `jospar coverage --out` CLI."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.extract import extract_path
from store import Store, accounts, write_outputs
from tests.webapp.hostile import write_hostile_plan

PARENT_SAMPLE = "000_8c8bd9275c0215dc.txt"  # a district letter holding a parent plan and a school's plan
ACCOUNTS = {"reviewer1": ("review-password-1", "reviewer", "en"), "reader1": ("reader-password-1", "reader", "en")}
ORIGIN = {"Origin": "http://127.0.0.1"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def sign_in(client, name: str) -> str:
    """Sign the test client in; returns the session's CSRF token (read from a page's form)."""
    reply = client.post("/login", data={"name": name, "password": ACCOUNTS[name][0], "next": "/"}, headers=ORIGIN,
                        follow_redirects=False)
    assert reply.status_code == 303, reply.text[:500]
    return CSRF.search(client.get("/").text).group(1)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory, samples_dir: Path, jospar_bin: str) -> Path:
    root = tmp_path_factory.mktemp("webapp")
    hostile = write_hostile_plan(root)
    files = sorted(samples_dir.glob("*.txt")) + [hostile]
    out = root / "out"
    write_outputs([extract_path(f) for f in files], out)
    parent = samples_dir / PARENT_SAMPLE
    # derived plans: the school plan inside the parent's own letter, and the hostile school plan
    subprocess.run([jospar_bin, "coverage", str(parent), str(parent), str(hostile), "--out", str(out)],
                   check=True, capture_output=True, timeout=120)
    with Store(out / "jospar.duckdb") as store:
        for name, (password, role, lang) in ACCOUNTS.items():
            accounts.add_user(store.connection, name, password, role, lang)
    _IDS[out / "jospar.duckdb"] = _look_up_ids(out / "jospar.duckdb")
    return out / "jospar.duckdb"


@pytest.fixture
def db_path(built_store: Path, tmp_path: Path) -> Path:
    """A private copy, so tests that write corrections do not see each other's."""
    copy = tmp_path / "jospar.duckdb"
    shutil.copyfile(built_store, copy)
    return copy


@pytest.fixture(scope="session")
def ids(built_store: Path) -> dict[str, str]:
    """IDs looked up from the store by what the documents say, not hard-coded (read when it was built:
    a session client may hold the file open since)."""
    return _IDS[built_store]


_IDS: dict[Path, dict[str, str]] = {}


def _look_up_ids(built_store: Path) -> dict[str, str]:
    with Store(built_store, read_only=True) as store:
        plans = store.arrow("plans").to_pylist()
        documents = {d["document_id"]: d for d in store.arrow("documents").to_pylist()}
        measures = store.arrow("measures").to_pylist()
    by_file = {Path(documents[p["document_id"]]["path"]).name: p for p in plans if p["ordinal"] == 1}
    hostile_plan = by_file["hostile_school_plan.txt"]["plan_id"]
    parent_plan = by_file[PARENT_SAMPLE]["plan_id"]
    derived_plan = next(p["plan_id"] for p in plans if p["parent_plan_id"] == parent_plan)
    hostile_measures = [m for m in measures if m["plan_id"] == hostile_plan]
    return {
        "hostile_plan": hostile_plan, "parent_plan": parent_plan, "derived_plan": derived_plan,
        "hostile_m1": hostile_measures[0]["measure_id"], "hostile_m2": hostile_measures[1]["measure_id"],
        "hostile_m3": hostile_measures[2]["measure_id"],
        "parent_m1": next(m["measure_id"] for m in measures if m["plan_id"] == parent_plan),
    }


@pytest.fixture
def client(db_path: Path):
    from fastapi.testclient import TestClient

    from webapp.app import create_app

    with TestClient(create_app(db_path), base_url="http://127.0.0.1") as test_client:
        test_client.csrf = sign_in(test_client, "reviewer1")
        yield test_client


@pytest.fixture
def anonymous(db_path: Path):
    from fastapi.testclient import TestClient

    from webapp.app import create_app

    with TestClient(create_app(db_path), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def shared_client(built_store: Path):
    """Read-only use: one client over the session store."""
    from fastapi.testclient import TestClient

    from webapp.app import create_app

    with TestClient(create_app(built_store), base_url="http://127.0.0.1") as test_client:
        test_client.csrf = sign_in(test_client, "reviewer1")
        yield test_client


def corrections(client) -> list[dict]:
    """The corrections log, read through the app's own open store (DuckDB refuses a second configuration of
    the same file in one process)."""
    with client.app.state.gateway.reading() as reader:
        return reader.rows("SELECT * FROM main.corrections ORDER BY correction_id")
