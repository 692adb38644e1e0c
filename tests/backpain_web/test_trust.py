"""What the door trusts is chosen in code, not by the environment; test support stays in tests/."""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from backpain_tools.amazon_standins.certificate_authority import TEST_CERT_CHAIN_URL, FakeAmazonPki
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_web import create_app
from backpain_web.certificate_chains import CertificateChains
from backpain_web.verification import RequestVerifier
from echo_sim.device.envelope import EnvelopeFactory, Session

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("backpain", "backpain_web", "echo_sim", "backpain_tools", "alexa_model")
PRODUCTS = [ROOT / "skill" / name for name in PACKAGES]
# What the web door read before issue 13 to trust a test PKI instead of certifi and S3.
OLD_TEST_VARIABLES = (
    "BACKPAIN_TEST_TRUST_BUNDLE",
    "BACKPAIN_TEST_CERT_CHAINS",
    "BACKPAIN_TEST_S3_ADDRESS",
)


def signed_launch(pki: FakeAmazonPki) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(EnvelopeFactory().launch(Session())).encode()
    return body, pki.headers(body)


def test_the_door_trusts_the_roots_and_fetcher_it_is_given(
    tiny_skill: CustomSkill, pki: FakeAmazonPki, s3: FakeS3
) -> None:
    app = create_app(tiny_skill, trust_store=pki.trust_store, fetcher=s3, skill_id="")
    body, headers = signed_launch(pki)
    assert app.test_client().post("/", data=body, headers=headers).status_code == 200
    assert s3.fetches == [TEST_CERT_CHAIN_URL]


def test_the_old_test_variables_no_longer_change_what_the_door_trusts(
    tiny_skill: CustomSkill,
    pki: FakeAmazonPki,
    s3: FakeS3,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roots = tmp_path / "roots.pem"
    roots.write_bytes(pki.root.pem)
    chain = tmp_path / "chain.pem"
    chain.write_bytes(pki.chain_pem)
    index = tmp_path / "chains.json"
    index.write_text(json.dumps({TEST_CERT_CHAIN_URL: str(chain)}))
    for name, value in zip(OLD_TEST_VARIABLES, (roots, index, "127.0.0.1:9"), strict=True):
        monkeypatch.setenv(name, str(value))
    # The chain is fetched (from `s3`), but it leads to a root certifi does not hold.
    app = create_app(tiny_skill, fetcher=s3, skill_id="")
    body, headers = signed_launch(pki)
    response = app.test_client().post("/", data=body, headers=headers)
    assert response.status_code == 400
    assert response.get_json()["reason"] == "certificate chain is not valid"
    assert s3.fetches == [TEST_CERT_CHAIN_URL]


def test_a_verifier_and_its_parts_together_are_refused(
    tiny_skill: CustomSkill, pki: FakeAmazonPki, s3: FakeS3
) -> None:
    verifier = RequestVerifier(CertificateChains(pki.trust_store, s3))
    with pytest.raises(TypeError, match="not both"):
        create_app(tiny_skill, verifier=verifier, trust_store=pki.trust_store)


def test_no_module_of_the_product_names_a_test_setting() -> None:
    for path in (path for product in PRODUCTS for path in product.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "BACKPAIN_TEST" not in text, path


def test_the_product_never_imports_test_or_benchmark_code() -> None:
    for path in (path for product in PRODUCTS for path in product.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in {"tests", "benchmarks"}, (path, name)


def test_the_wheel_lists_every_package_under_skill_and_nothing_else() -> None:
    # pyproject.toml names its packages one by one (the interaction model is mapped in from the
    # top level), so a new sub-package must be added there or the wheel would lack it.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "skill").parts)
        for init in (ROOT / "skill").rglob("__init__.py")
    }
    assert listed - on_disk == {"backpain_tools.interaction_models"}
    assert on_disk <= listed
    assert {name.split(".")[0] for name in listed} == set(PACKAGES)
