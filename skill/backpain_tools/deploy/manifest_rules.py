"""Check a skill manifest (skill.json) against Alexa's documented publishing rules."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from alexa_model.invocation import STORE_LAUNCH_PHRASES
from alexa_model.problem import Problem
from backpain_tools.deploy.example_phrases import SampleMatcher, read_example_phrase

# Store text limits of the developer console's skill preview fields.
MAX_NAME = 50
MAX_SUMMARY = 160
MAX_DESCRIPTION = 4000
MAX_UPDATES_DESCRIPTION = 4000
MAX_TESTING_INSTRUCTIONS = 4000
EXAMPLE_PHRASES = (1, 3)
REQUIRED_LOCALE_FIELDS = ("name", "summary", "description", "examplePhrases", "keywords")
PRIVACY_ANSWERS = (
    "allowsPurchases",
    "usesPersonalInfo",
    "isChildDirected",
    "isExportCompliant",
    "containsAds",
)
APL_INTERFACE = "ALEXA_PRESENTATION_APL"
CAN_FULFILL_INTERFACE = "CAN_FULFILL_INTENT_REQUEST"

# The skill manifest's category enumeration.
CATEGORIES = frozenset(
    {
        "ALARMS_AND_CLOCKS", "ASTROLOGY", "BUSINESS_AND_FINANCE", "CALCULATORS",
        "CALENDARS_AND_REMINDERS", "CHILDRENS_EDUCATION_AND_REFERENCE", "CHILDRENS_GAMES",
        "CHILDRENS_MUSIC_AND_AUDIO", "CHILDRENS_NOVELTY_AND_HUMOR", "COMMUNICATION",
        "CONNECTED_CAR", "COOKING_AND_RECIPE", "CURRENCY_GUIDES_AND_CONVERTERS", "DATING",
        "DELIVERY_AND_TAKEOUT", "DEVICE_TRACKING", "EDUCATION_AND_REFERENCE", "EVENT_FINDERS",
        "EXERCISE_AND_WORKOUT", "FASHION_AND_STYLE", "FLIGHT_FINDERS", "FRIENDS_AND_FAMILY",
        "GAME_INFO_AND_ACCESSORY", "GAMES", "HEALTH_AND_FITNESS", "HOTEL_FINDERS",
        "KNOWLEDGE_AND_TRIVIA", "MOVIE_AND_TV_KNOWLEDGE_AND_TRIVIA", "MOVIE_INFO_AND_REVIEWS",
        "MOVIE_SHOWTIMES", "MUSIC_AND_AUDIO_ACCESSORIES", "MUSIC_AND_AUDIO_KNOWLEDGE_AND_TRIVIA",
        "MUSIC_INFO_REVIEWS_AND_RECOGNITION_SERVICE", "NAVIGATION_AND_TRIP_PLANNER", "NEWS",
        "NOVELTY", "ORGANIZERS_AND_ASSISTANTS", "PETS_AND_ANIMAL", "PODCAST",
        "PUBLIC_TRANSPORTATION", "RELIGION_AND_SPIRITUALITY", "RESTAURANT_BOOKING_INFO_AND_REVIEW",
        "SCHOOLS", "SCORE_KEEPING", "SELF_IMPROVEMENT", "SHOPPING", "SMART_HOME",
        "SOCIAL_NETWORKING", "SPORTS_GAMES", "SPORTS_NEWS", "STREAMING_SERVICE",
        "TAXI_AND_RIDESHARING", "TO_DO_LISTS_AND_NOTES", "TRANSLATORS", "TV_GUIDES",
        "UNIT_CONVERTERS", "WEATHER", "WINE_AND_BEVERAGE", "ZIP_CODE_LOOKUP",
    }
)  # fmt: skip

_LOCALE = re.compile(r"[a-z]{2}-[A-Z]{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")


def check_manifest(
    manifest: Mapping[str, Any],
    models: Mapping[str, Mapping[str, Any]],
    uses_apl: bool,
    answers_can_fulfill: bool = False,
) -> list[Problem]:
    """Every publishing rule `manifest` breaks; `models` maps each locale to its model file.

    `uses_apl` says whether the skill code sends APL documents, which needs the APL interface.
    Paths in the problems are relative to the top-level "manifest" object.
    """
    body = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    if not isinstance(body, Mapping):
        return [Problem("manifest", "skill.json has no top-level 'manifest' object")]
    problems: list[Problem] = []
    if body.get("manifestVersion") != "1.0":
        problems.append(Problem("manifestVersion", "must be \"1.0\""))
    publishing = _mapping(body.get("publishingInformation"))
    problems += _check_locales(_mapping(publishing.get("locales")), models)
    problems += _check_publishing(publishing)
    problems += _check_privacy(_mapping(body.get("privacyAndCompliance")), publishing)
    problems += _check_custom_api(_mapping(body.get("apis")), uses_apl, answers_can_fulfill)
    return problems


# --- store text per locale -------------------------------------------------------------------


def _check_locales(
    locales: Mapping[str, Any], models: Mapping[str, Mapping[str, Any]]
) -> Iterator[Problem]:
    if not locales:
        yield Problem("publishingInformation.locales", "must list at least one locale")
    for locale, info in locales.items():
        where = f"publishingInformation.locales.{locale}"
        if not _LOCALE.fullmatch(locale):
            yield Problem(where, f"'{locale}' is not a locale code like en-GB")
        if not isinstance(info, Mapping):
            yield Problem(where, "must be an object of store text")
            continue
        for field in REQUIRED_LOCALE_FIELDS:
            if field not in info or info[field] in ("", [], None):
                yield Problem(f"{where}.{field}", "is required")
        yield from _check_text(f"{where}.name", info.get("name"), MAX_NAME)
        yield from _check_text(f"{where}.summary", info.get("summary"), MAX_SUMMARY)
        yield from _check_text(f"{where}.description", info.get("description"), MAX_DESCRIPTION)
        yield from _check_text(
            f"{where}.updatesDescription", info.get("updatesDescription"), MAX_UPDATES_DESCRIPTION
        )
        yield from _check_keywords(f"{where}.keywords", info.get("keywords"))
        model = models.get(locale)
        if model is None:
            yield Problem(where, "has no interaction model to check its example phrases against")
        yield from _check_example_phrases(
            f"{where}.examplePhrases", info.get("examplePhrases"), model
        )


def _check_text(where: str, value: object, limit: int) -> Iterator[Problem]:
    if value is None:
        return
    if not isinstance(value, str):
        yield Problem(where, "must be text")
    elif len(value) > limit:
        yield Problem(where, f"is {len(value)} characters long; the limit is {limit}")


def _check_keywords(where: str, keywords: object) -> Iterator[Problem]:
    if keywords is None:
        return
    if not isinstance(keywords, list):
        yield Problem(where, "must be a list of keywords")
        return
    for index, keyword in enumerate(keywords):
        if not isinstance(keyword, str) or not keyword.strip():
            yield Problem(f"{where}[{index}]", "must be a non-empty keyword")


def _check_example_phrases(
    where: str, phrases: object, model: Mapping[str, Any] | None
) -> Iterator[Problem]:
    if phrases is None:
        return
    if not isinstance(phrases, list):
        yield Problem(where, "must be a list of one to three phrases")
        return
    high = EXAMPLE_PHRASES[1]
    if len(phrases) > high:
        yield Problem(where, f"has {len(phrases)} phrases; the store shows at most {high}")
    if model is None:
        return
    matcher = SampleMatcher(model)
    for index, phrase in enumerate(phrases):
        if not isinstance(phrase, str):
            yield Problem(f"{where}[{index}]", "must be text")
            continue
        yield from _check_example_phrase(f"{where}[{index}]", phrase, matcher)


def _check_example_phrase(where: str, phrase: str, matcher: SampleMatcher) -> Iterator[Problem]:
    reading = read_example_phrase(phrase, matcher.invocation_name)
    if not reading.has_wake_word:
        yield Problem(where, f"'{phrase}' must start with the wake word and a comma: 'Alexa, ...'")
    if reading.utterance is None:
        launch = ", ".join(STORE_LAUNCH_PHRASES[:4])
        yield Problem(
            where,
            f"'{phrase}' does not invoke the skill: after 'Alexa,' say a launch word "
            f"({launch}, ...) and the invocation name '{matcher.invocation_name}'",
        )
    elif reading.utterance and matcher.intent_for(reading.utterance) is None:
        yield Problem(where, f"'{phrase}' does not match any sample")


# --- availability, privacy, interfaces --------------------------------------------------------


def _check_publishing(publishing: Mapping[str, Any]) -> Iterator[Problem]:
    category = publishing.get("category")
    if category not in CATEGORIES:
        yield Problem(
            "publishingInformation.category",
            f"{category!r} is not one of Alexa's skill categories (e.g. HEALTH_AND_FITNESS)",
        )
    yield from _check_text(
        "publishingInformation.testingInstructions",
        publishing.get("testingInstructions"),
        MAX_TESTING_INSTRUCTIONS,
    )
    if not publishing.get("testingInstructions"):
        yield Problem(
            "publishingInformation.testingInstructions",
            "is required: certification testers read it before testing the skill",
        )
    worldwide = publishing.get("isAvailableWorldwide")
    countries = publishing.get("distributionCountries") or []
    if not isinstance(worldwide, bool):
        yield Problem("publishingInformation.isAvailableWorldwide", "must be true or false")
    elif worldwide and countries:
        yield Problem(
            "publishingInformation.distributionCountries",
            "must be empty when isAvailableWorldwide is true",
        )
    elif not worldwide and not countries:
        yield Problem(
            "publishingInformation.distributionCountries",
            "must list the countries when isAvailableWorldwide is false",
        )
    if not isinstance(countries, list):
        yield Problem("publishingInformation.distributionCountries", "must be a list")
        return
    for index, country in enumerate(countries):
        where = f"publishingInformation.distributionCountries[{index}]"
        if country == "UK":
            yield Problem(where, "'UK' is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB")
        elif not isinstance(country, str) or not _COUNTRY.fullmatch(country):
            yield Problem(where, f"{country!r} is not an ISO 3166-1 alpha-2 country code like GB")


def _check_privacy(privacy: Mapping[str, Any], publishing: Mapping[str, Any]) -> Iterator[Problem]:
    for answer in PRIVACY_ANSWERS:
        if not isinstance(privacy.get(answer), bool):
            yield Problem(
                f"privacyAndCompliance.{answer}", "must be answered with true or false"
            )
    if privacy.get("usesPersonalInfo") is True:
        policies = _mapping(privacy.get("locales"))
        for locale in _mapping(publishing.get("locales")):
            if not _mapping(policies.get(locale)).get("privacyPolicyUrl"):
                yield Problem(
                    f"privacyAndCompliance.locales.{locale}.privacyPolicyUrl",
                    "is required when usesPersonalInfo is true",
                )


def _check_custom_api(
    apis: Mapping[str, Any], uses_apl: bool, answers_can_fulfill: bool
) -> Iterator[Problem]:
    custom = apis.get("custom")
    if not isinstance(custom, Mapping):
        yield Problem("apis.custom", "is required for a custom skill")
        return
    endpoint = custom.get("endpoint")
    if endpoint is not None:
        uri = _mapping(endpoint).get("uri")
        if not isinstance(uri, str) or not uri.startswith(("arn:aws:lambda:", "https://")):
            yield Problem(
                "apis.custom.endpoint.uri",
                f"{uri!r} is neither a Lambda ARN nor an https URL "
                "(leave the endpoint out and ask-cli's deployer fills it in)",
            )
    interfaces = custom.get("interfaces")
    declared = {_mapping(i).get("type") for i in _list(interfaces)}
    if uses_apl and APL_INTERFACE not in declared:
        yield Problem(
            "apis.custom.interfaces",
            f"the skill sends APL screens but does not declare the {APL_INTERFACE} interface",
        )
    if answers_can_fulfill and CAN_FULFILL_INTERFACE not in declared:
        # Without it Alexa never sends the skill a CanFulfillIntentRequest.
        yield Problem(
            "apis.custom.interfaces",
            "the skill answers CanFulfillIntentRequest but does not declare the "
            f"{CAN_FULFILL_INTERFACE} interface",
        )


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
