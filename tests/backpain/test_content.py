"""The content file: complete, true to the NHS seed, and loud about mistakes at start-up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from backpain.content import LOCALE_DIR, content_for, load_content
from backpain.content_types import REQUIRED_TOPICS, ContentError

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_781ddfc3e27cbf9b.txt"
EN_GB = LOCALE_DIR / "en-GB.yaml"


@pytest.fixture(scope="module")
def content():
    return content_for("en-GB")


def test_every_required_topic_is_present_and_nothing_is_empty(content):
    for topic_id in REQUIRED_TOPICS:
        topic = content.topic(topic_id)
        assert topic.title.strip() and topic.speech.strip() and topic.card.strip()


@pytest.mark.seed_edition  # another edition comes from another page, with its own links
@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside this clone")
def test_every_link_comes_from_the_nhs_seed(content):
    seed_links = set(re.findall(r"https://www\.nhs\.uk/\S+", SEED.read_text(encoding="utf-8")))
    for topic in content.topics.values():
        for link in topic.links:
            assert link in seed_links, f"{topic.id}: {link} is not in the seed"


def test_the_nine_warning_signs_in_the_nhs_order(content):
    signs = [flag.sign for flag in content.checklist.red_flags]
    assert signs == [
        "numbness or tingling around your genitals or buttocks",
        "difficulty peeing",
        "loss of bladder or bowel control",
        "chest pain",
        "a high temperature (fever) of 38C (100.4F) or above",
        "unexplained weight loss",
        "a swelling or a deformity in your back",
        "it doesn't improve after resting or is worse at night",
        "it started after a serious accident, such as after a car accident",
    ]


def test_the_warning_signs_are_spoken_three_at_a_time_and_each_exactly_once(content):
    topic = content.topic("warning_signs")
    groups = [content.topic(part) for part in topic.parts]
    assert len(groups) == 3
    for flag in content.checklist.red_flags:
        assert flag.sign in topic.card
        assert sum(group.speech.count(flag.spoken_sign) for group in groups) == 1
        # Asked what the warning signs are, the listener hears the first three at once.
        assert (flag.spoken_sign in topic.speech) == (flag in content.checklist.red_flags[:3])
        assert flag.advice.link in topic.links
    assert "nine warning signs" in topic.speech
    assert topic.next == groups[1].id
    for group in groups:
        for flag in content.checklist.red_flags:
            if flag.spoken_sign in group.speech:
                assert f"{flag.advice.headline} if you have back pain and" in group.speech


def test_the_seed_facts_the_issue_names_are_all_there(content):
    text = " ".join(t.card for t in content.topics.values())
    for fact in (
        "lumbago",
        "non-specific",
        "sprain or strain",
        "slipped (prolapsed) disc",
        "sciatica",
        "numbness, weakness or a tingling",
        "walking, swimming, yoga and pilates",
        "ibuprofen",
        "ask a pharmacist",
        "hot or cold compression packs",
        "stay optimistic",
        "150 minutes of exercise a week",
        "group exercise classes",
        "manual therapy",
        "cognitive behavioural therapy (CBT)",
        "pay for private treatment",
        "Surgery is generally only considered",
        "physiotherapist directly",
    ):
        assert fact in text, fact
    assert len([line for line in content.topic("prevention").card.split("\n") if "•" in line]) == 7
    assert len([line for line in content.topic("get_help").card.split("\n") if "•" in line]) == 4


def test_an_unknown_locale_is_answered_in_en_gb():
    assert content_for("fr-FR").locale == "en-GB"
    assert content_for(None).locale == "en-GB"


# -- validation errors name the file and the key ----------------------------------------------


def broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(EN_GB.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "en-GB.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def drop(*keys):
    def change(data):
        node = data
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return change


def set_value(value, *keys):
    def change(data):
        node = data
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (drop("topics", "relief"), "topics.relief", "missing"),
        (drop("topics", "causes", "speech"), "topics.causes.speech", "missing"),
        (set_value("  ", "topics", "causes", "speech"), "topics.causes.speech", "empty"),
        (set_value(42, "topics", "causes", "title"), "topics.causes.title", "expected text"),
        (set_value(["x"], "topics", "causes"), "topics.causes", "expected a mapping"),
        (
            set_value(["http://example.com"], "topics", "causes", "links"),
            "topics.causes.links[0]",
            "nhs.uk",
        ),
        (set_value("nowhere", "topics", "causes", "next"), "topics.causes.next", "no topic"),
        (drop("topics", "relief", "offer"), "topics.relief.offer", "missing"),
        (
            set_value("Do you have {symptom}?", "checklist", "reask"),
            "checklist.reask",
            "placeholder",
        ),
        (set_value([], "checklist", "red_flags"), "checklist.red_flags", "non-empty"),
        (
            drop("checklist", "red_flags", 3, "questions"),
            "checklist.red_flags[3].questions",
            "non-empty list",
        ),
        (
            set_value("call_a_friend", "checklist", "red_flags", 2, "advice"),
            "checklist.red_flags[2].advice",
            "no advice 'call_a_friend'",
        ),
        (
            set_value("http://example.com", "checklist", "advice", "gp_or_111", "link"),
            "checklist.advice.gp_or_111.link",
            "nhs.uk",
        ),
        (
            drop("checklist", "red_flags", 7, "you_have"),
            "checklist.red_flags[7].you_have",
            "missing",
        ),
        (drop("checklist", "all_clear", "speech"), "checklist.all_clear.speech", "missing"),
        (drop("safety", "emergency", "link"), "safety.emergency.link", "missing"),
        (
            set_value("You have {symptom}.", "safety", "sign_mentioned", "speech"),
            "safety.sign_mentioned.speech",
            "placeholder",
        ),
        (drop("dialog", "launch"), "dialog.launch", "missing"),
        (set_value([], "dialog", "goodbye"), "dialog.goodbye", "non-empty"),
        (drop("source"), "source", "missing"),
        (set_value(["nowhere"], "topics", "relief", "parts"), "topics.relief.parts", "no topic"),
        (set_value("relief.exercise", "topics", "relief", "parts"), "topics.relief.parts", "list"),
        (
            set_value(["relief.exercise"], "topics", "treatments", "parts"),
            "topics.treatments.parts",
            "already has a parent",
        ),
        (drop("topics", "relief", "rest_offer"), "topics.relief.rest_offer", "missing"),
        (
            set_value([3, 12], "topics", "warning_signs.first", "signs"),
            "topics.warning_signs.first.signs",
            "between 1 and 9",
        ),
        (set_value({"conditions": ["nowhere"]}, "lists"), "lists.conditions", "no topic"),
    ],
)
def test_a_broken_content_file_names_the_file_and_key(tmp_path, change, key, problem):
    path = broken(tmp_path, change)
    with pytest.raises(ContentError) as raised:
        load_content(path)
    assert raised.value.key == key
    assert problem in raised.value.problem
    assert str(path) in str(raised.value)


def test_malformed_yaml_names_the_file(tmp_path):
    path = tmp_path / "en-GB.yaml"
    path.write_text("topics: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"en-GB\.yaml: \(file\): is not valid YAML"):
        load_content(path)


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(ContentError, match="cannot be read"):
        load_content(tmp_path / "nope.yaml")
