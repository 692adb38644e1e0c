"""Each manifest rule, broken once in a copy of our skill.json, is reported with a clear message."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from backpain_tools.deploy.manifest_rules import check_manifest
from tests.backpain_tools.deploy.conftest import REPO

LOCALE = "publishingInformation.locales.en-GB"


def our_manifest() -> dict[str, Any]:
    return json.loads((REPO / "skill-package" / "skill.json").read_text())


def our_model() -> dict[str, Any]:
    return json.loads((REPO / "interaction_models" / "en-GB.json").read_text())


def test_our_manifest_breaks_no_rule() -> None:
    assert check_manifest(our_manifest(), {"en-GB": our_model()}, uses_apl=True) == []


@dataclass(frozen=True)
class Breakage:
    """One rule broken on purpose, and the one problem it must produce."""

    name: str
    change: Callable[[dict[str, Any]], None]
    where: str
    message: str
    models: Callable[[], dict[str, Any]] = field(default=lambda: {"en-GB": our_model()})
    uses_apl: bool = True


def store(manifest: dict[str, Any]) -> dict[str, Any]:
    return manifest["manifest"]["publishingInformation"]["locales"]["en-GB"]


def set_store(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda manifest: store(manifest).__setitem__(key, value)


def drop_store(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda manifest: store(manifest).pop(key)


def set_phrase(index: int, phrase: str) -> Callable[[dict[str, Any]], None]:
    return lambda manifest: store(manifest)["examplePhrases"].__setitem__(index, phrase)


def body(manifest: dict[str, Any]) -> dict[str, Any]:
    return manifest["manifest"]


def rename_locale(manifest: dict[str, Any]) -> None:
    locales = body(manifest)["publishingInformation"]["locales"]
    locales["english"] = locales.pop("en-GB")


def collect_personal_info(manifest: dict[str, Any]) -> None:
    body(manifest)["privacyAndCompliance"]["usesPersonalInfo"] = True


BREAKAGES = [
    Breakage("manifest version", lambda m: body(m).__setitem__("manifestVersion", "2.0"),
             "manifestVersion", 'must be "1.0"'),
    Breakage("locale code", rename_locale, "publishingInformation.locales.english",
             "'english' is not a locale code like en-GB",
             models=lambda: {"english": our_model()}),
    Breakage("name required", drop_store("name"), f"{LOCALE}.name", "is required"),
    Breakage("summary required", drop_store("summary"), f"{LOCALE}.summary", "is required"),
    Breakage("description required", set_store("description", ""), f"{LOCALE}.description",
             "is required"),
    Breakage("examplePhrases required", set_store("examplePhrases", []),
             f"{LOCALE}.examplePhrases", "is required"),
    Breakage("keywords required", drop_store("keywords"), f"{LOCALE}.keywords", "is required"),
    Breakage("name length", set_store("name", "Back Pain Guide " * 4), f"{LOCALE}.name",
             "is 64 characters long; the limit is 50"),
    Breakage("summary length", set_store("summary", "x" * 161), f"{LOCALE}.summary",
             "is 161 characters long; the limit is 160"),
    Breakage("description length", set_store("description", "x" * 4001),
             f"{LOCALE}.description", "is 4001 characters long; the limit is 4000"),
    Breakage("updatesDescription length", set_store("updatesDescription", "x" * 4001),
             f"{LOCALE}.updatesDescription", "is 4001 characters long; the limit is 4000"),
    Breakage("empty keyword", set_store("keywords", ["back pain", " "]),
             f"{LOCALE}.keywords[1]", "must be a non-empty keyword"),
    Breakage("too many example phrases",
             set_store("examplePhrases", ["Alexa, open back pain guide"] * 4),
             f"{LOCALE}.examplePhrases", "has 4 phrases; the store shows at most 3"),
    Breakage("wake word and comma", set_phrase(0, "Alexa open back pain guide"),
             f"{LOCALE}.examplePhrases[0]",
             "'Alexa open back pain guide' must start with the wake word and a comma: "
             "'Alexa, ...'"),
    Breakage("launch word and invocation name",
             set_phrase(1, "Alexa, what causes back pain"), f"{LOCALE}.examplePhrases[1]",
             "'Alexa, what causes back pain' does not invoke the skill: after 'Alexa,' say a "
             "launch word (open, ask, tell, launch, ...) and the invocation name "
             "'back pain guide'"),
    Breakage("utterance matches a sample",
             set_phrase(1, "Alexa, ask back pain guide about knees"),
             f"{LOCALE}.examplePhrases[1]",
             "'Alexa, ask back pain guide about knees' does not match any sample"),
    Breakage("slot words come from the slot type",
             set_phrase(2, "Alexa, ask back pain guide tell me about garden gnomes"),
             f"{LOCALE}.examplePhrases[2]",
             "'Alexa, ask back pain guide tell me about garden gnomes' does not match any sample"),
    Breakage("a model to check phrases against", lambda m: None, LOCALE,
             "has no interaction model to check its example phrases against",
             models=lambda: {}),
    Breakage("category", lambda m: body(m)["publishingInformation"].__setitem__("category",
             "HEALTH"), "publishingInformation.category",
             "'HEALTH' is not one of Alexa's skill categories (e.g. HEALTH_AND_FITNESS)"),
    Breakage("testing instructions",
             lambda m: body(m)["publishingInformation"].pop("testingInstructions"),
             "publishingInformation.testingInstructions",
             "is required: certification testers read it before testing the skill"),
    Breakage("countries when not worldwide",
             lambda m: body(m)["publishingInformation"].__setitem__("distributionCountries", []),
             "publishingInformation.distributionCountries",
             "must list the countries when isAvailableWorldwide is false"),
    Breakage("country codes",
             lambda m: body(m)["publishingInformation"].__setitem__("distributionCountries",
                                                                    ["gb"]),
             "publishingInformation.distributionCountries[0]",
             "'gb' is not an ISO 3166-1 alpha-2 country code like GB"),
    Breakage("UK is GB",
             lambda m: body(m)["publishingInformation"].__setitem__("distributionCountries",
                                                                    ["UK"]),
             "publishingInformation.distributionCountries[0]",
             "'UK' is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB"),
    Breakage("privacy answers", lambda m: body(m)["privacyAndCompliance"].pop("containsAds"),
             "privacyAndCompliance.containsAds", "must be answered with true or false"),
    Breakage("privacy policy for personal information", collect_personal_info,
             "privacyAndCompliance.locales.en-GB.privacyPolicyUrl",
             "is required when usesPersonalInfo is true"),
    Breakage("custom api", lambda m: body(m)["apis"].pop("custom"), "apis.custom",
             "is required for a custom skill"),
    Breakage("endpoint", lambda m: body(m)["apis"]["custom"].__setitem__("endpoint",
             {"uri": "my-lambda"}), "apis.custom.endpoint.uri",
             "'my-lambda' is neither a Lambda ARN nor an https URL (leave the endpoint out and "
             "ask-cli's deployer fills it in)"),
    Breakage("APL interface", lambda m: body(m)["apis"]["custom"].__setitem__("interfaces", []),
             "apis.custom.interfaces",
             "the skill sends APL screens but does not declare the ALEXA_PRESENTATION_APL "
             "interface"),
]  # fmt: skip


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_a_broken_rule_gives_one_clear_message(breakage: Breakage) -> None:
    manifest = copy.deepcopy(our_manifest())
    breakage.change(manifest)
    problems = check_manifest(manifest, breakage.models(), uses_apl=breakage.uses_apl)
    assert [(p.where, p.message) for p in problems] == [(breakage.where, breakage.message)]


def test_without_apl_in_the_code_the_interface_is_optional() -> None:
    manifest = copy.deepcopy(our_manifest())
    manifest["manifest"]["apis"]["custom"]["interfaces"] = []
    assert check_manifest(manifest, {"en-GB": our_model()}, uses_apl=False) == []


def test_a_deployed_lambda_endpoint_is_accepted() -> None:
    manifest = copy.deepcopy(our_manifest())
    arn = "arn:aws:lambda:eu-west-1:123456789012:function:back-pain-guide"
    manifest["manifest"]["apis"]["custom"]["endpoint"] = {"uri": arn}
    assert check_manifest(manifest, {"en-GB": our_model()}, uses_apl=True) == []


def test_a_file_without_the_manifest_object_is_one_problem() -> None:
    problems = check_manifest({"skillManifest": {}}, {}, uses_apl=True)
    assert [(p.where, p.message) for p in problems] == [
        ("manifest", "skill.json has no top-level 'manifest' object")
    ]


def test_a_skill_that_answers_can_fulfill_must_declare_the_interface() -> None:
    manifest = copy.deepcopy(our_manifest())
    assert (
        check_manifest(manifest, {"en-GB": our_model()}, uses_apl=True, answers_can_fulfill=True)
        == []
    )
    custom = manifest["manifest"]["apis"]["custom"]
    custom["interfaces"] = [
        i for i in custom["interfaces"] if i["type"] != "CAN_FULFILL_INTENT_REQUEST"
    ]
    problems = check_manifest(
        manifest, {"en-GB": our_model()}, uses_apl=True, answers_can_fulfill=True
    )
    assert [(p.where, p.message) for p in problems] == [
        (
            "apis.custom.interfaces",
            "the skill answers CanFulfillIntentRequest but does not declare the "
            "CAN_FULFILL_INTENT_REQUEST interface",
        )
    ]
