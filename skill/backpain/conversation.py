"""The conversation: turns content and checklist steps into replies and the state after them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import NamedTuple

from backpain.content import content_for
from backpain.content_types import CHECK, Content, Outcome, RedFlag
from backpain.dialog_state import DialogState
from backpain.reply import Card, Reply, Screen
from backpain.warning_sign_check import (
    AllClear,
    Answer,
    AskQuestion,
    Checklist,
    CheckState,
    Step,
    Urgent,
)


class Turn(NamedTuple):
    """A reply and the state the next request starts from."""

    reply: Reply
    state: DialogState


class Conversation:
    """Everything the skill says, built from one locale's content."""

    def __init__(self, content: Content, rng: random.Random | None = None) -> None:
        self.content = content
        self.checklist = Checklist(size=len(content.checklist.questions))
        # Seedable, so tests of varied phrasings are repeatable.
        self._rng = rng or random.Random()

    # -- the menu ---------------------------------------------------------------------------

    def launch(self) -> Turn:
        line = self.content.line
        reply = Reply(
            speech=f"{line('launch')} {line('launch_prompt')}",
            reprompt=line("menu_reprompt"),
            card=self._card("Back Pain Guide", line("launch")),
            screen=Screen("topic", self._screen_data("Back Pain Guide", line("launch"), ())),
        )
        return Turn(reply, DialogState(last="launch"))

    def help(self) -> Turn:
        return self._menu_line("help")

    def start_over(self) -> Turn:
        return self._menu_line("start_over", then="menu_reprompt")

    def what_else(self, state: DialogState | None = None) -> Turn:
        """No to an offer: ask what else, keeping the topic so "tell me more" still works."""
        speech = self._rng.choice(self.content.dialog["what_else"])
        reply = Reply(speech=speech, reprompt=self.content.line("menu_reprompt"))
        return Turn(reply, (state or DialogState()).keeping_context("what_else"))

    def fallback(self) -> Turn:
        return self._menu_line("fallback")

    def _menu_line(self, key: str, then: str = "launch_prompt") -> Turn:
        """A dialog line, a question, and the menu as reprompt; "repeat" rebuilds it by `key`."""
        line = self.content.line
        reply = Reply(speech=f"{line(key)} {line(then)}", reprompt=line("menu_reprompt"))
        return Turn(reply, DialogState(last=key))

    def which_condition(self) -> Turn:
        line = self.content.line
        reply = Reply(
            speech=line("which_condition"),
            reprompt=line("which_condition_reprompt"),
            screen=self._choice_screen("conditions"),
        )
        return Turn(reply, DialogState(last="which_condition", choices="conditions"))

    def goodbye(self) -> Turn:
        return Turn(Reply(speech=self._rng.choice(self.content.dialog["goodbye"])), DialogState())

    def error(self, state: DialogState) -> Turn:
        """An apology that keeps the conversation where it was (mid-check: the same question)."""
        line = self.content.line
        if state.check is not None:
            return self._question(state.check, lead=line("error"))
        reply = Reply(speech=line("error"), reprompt=line("error_reprompt"))
        kept = DialogState(
            offer=state.offer, last=state.last, topic=state.topic, choices=state.choices
        )
        return Turn(reply, kept)

    # -- topics -----------------------------------------------------------------------------

    def topic(self, topic_id: str, walking: bool = True) -> Turn:
        """A topic, then one offer. `walking`: reached by following the conversation (yes, more,
        a pick from a list), so it offers what comes next; a part asked about on its own
        (walking False) offers the rest of its topic instead."""
        topic = self.content.topic(topic_id)
        offer = topic.next
        if not walking and topic.parent is not None:
            offer = topic.parent
            follow_up = self.content.topic(topic.parent).rest_offer or ""
        elif topic.next:
            follow_up = self.offer_text(topic.next)
        else:
            follow_up = self.content.line("launch_prompt")
        speech = f"{topic.speech} {follow_up}"
        choices = topic.id if topic.parts else topic.parent
        reply = Reply(
            speech=speech,
            reprompt=follow_up,
            card=self._card(topic.title, topic.card, topic.links),
            screen=Screen(
                "topic",
                {
                    **self._screen_data(topic.title, topic.card, topic.links),
                    "offer": follow_up,
                    "choices": self._choice_buttons(topic.id if topic.parts else None),
                },
            ),
        )
        state = DialogState(offer=offer, last=f"topic:{topic.id}", topic=topic.id, choices=choices)
        return Turn(reply, state)

    def more(self, state: DialogState) -> Turn:
        """ "Tell me more": one level down from the topic last given (its parts, then the next
        part); with no topic yet, ask what about."""
        if state.topic is None:
            line = self.content.line
            return Turn(
                Reply(speech=line("more_what"), reprompt=line("menu_reprompt")),
                DialogState(last="more_what", choices=state.choices),
            )
        topic = self.content.topic(state.topic)
        if topic.parts:
            target = topic.next if topic.next in topic.parts else topic.parts[0]
            return self.topic(target)
        siblings = self.content.topic(topic.parent).parts if topic.parent else ()
        if topic.next in siblings or (topic.next and topic.next != CHECK and not topic.parent):
            return self.topic(topic.next)
        if state.offer and state.offer != CHECK and state.last == f"topic:{topic.id}":
            # The answer just given ended by offering more ("would you like to hear more about
            # what causes back pain?"): "tell me more" takes it up, as a yes would.
            return self.topic(state.offer)
        # A part said in full, its offer already passed: say so, and offer what comes after it
        # (one question, not a second answer in the same breath).
        said_all = self.content.line("all_said")
        follow_up = (
            self.offer_text(topic.next) if topic.next else self.content.line("launch_prompt")
        )
        reply = Reply(speech=f"{said_all} {follow_up}", reprompt=follow_up)
        return Turn(reply, state.keeping_context("all_said", offer=topic.next))

    def select(
        self, state: DialogState, position: int | None = None, topic_id: str | None = None
    ) -> Turn:
        """ "The second one", "the last one" (position -1) or "the one about lifting"."""
        choices = self.content.choices(state.choices) if state.choices else ()
        if topic_id is not None and topic_id in self.content.topics:
            return self.topic(topic_id, walking=topic_id in choices)
        line = self.content.line
        if not choices:
            reply = Reply(
                speech=f"{line('no_list')} {line('launch_prompt')}", reprompt=line("menu_reprompt")
            )
            return Turn(reply, state.keeping_context("no_list"))
        if position is not None and position == -1:
            return self.topic(choices[-1])
        if position is not None and 1 <= position <= len(choices):
            return self.topic(choices[position - 1])
        example = self.content.topic(choices[0]).title.lower()
        speech = line("out_of_range").format(example=example)
        reply = Reply(speech=speech, reprompt=speech, screen=self._choice_screen(state.choices))
        return Turn(reply, state.keeping_context("what_else", offer=state.offer))

    def _choice_buttons(self, list_id: str | None) -> list[dict[str, object]]:
        """The list as buttons on a screen: tapping one is the same as saying "the Nth one"."""
        if list_id is None:
            return []
        return [
            {"label": self.content.topic(topic_id).title, "position": str(position)}
            for position, topic_id in enumerate(self.content.choices(list_id), start=1)
        ]

    def _choice_screen(self, list_id: str | None) -> Screen | None:
        if list_id is None:
            return None
        title = "Back Pain Guide"
        data = {
            **self._screen_data(title, "", ()),
            "offer": "",
            "choices": self._choice_buttons(list_id),
        }
        return Screen("topic", data)

    def offer_text(self, target: str) -> str:
        if target == CHECK:
            return self.content.checklist.offer
        offer = self.content.topic(target).offer
        assert offer is not None, "content validation guarantees every offered topic has an offer"
        return offer

    def accept_offer(self, state: DialogState) -> Turn:
        """The user said yes outside the check: follow the offer, or ask what they want."""
        if state.offer == CHECK:
            return self.start_check()
        if state.offer:
            return self.topic(state.offer)
        if state.last == "which_condition" and state.choices:
            # "Go on then" right after "Which would you like?": start at the top of the list.
            return self.topic(self.content.choices(state.choices)[0])
        line = self.content.line
        reply = Reply(
            speech=f"{line('no_offer_yes')} {line('launch_prompt')}", reprompt=line("menu_reprompt")
        )
        return Turn(reply, state.keeping_context("what_else"))

    # -- the warning-sign check -------------------------------------------------------------

    def start_check(self, lead: str | None = None) -> Turn:
        return self._question(self.checklist.start().state, lead=lead, intro=True)

    def restart_check(self) -> Turn:
        """State was lost or tampered with: say so, and start the check again from the top."""
        return self.start_check(lead=self.content.checklist.restart)

    def check_step(self, step: Step) -> Turn:
        text = self.content.checklist
        if isinstance(step, AskQuestion):
            if step.state.reasked:
                question = text.questions[step.state.index].text
                return self._question(step.state, speech=text.reask.format(question=question))
            return self._question(step.state)
        if isinstance(step, Urgent):
            flag = text.questions[step.index].flag
            return self._sign_outcome(text.unclear if step.unclear else text.urgent, flag)
        assert isinstance(step, AllClear)
        outcome = text.all_clear
        links = tuple(dict.fromkeys(flag.advice.link for flag in text.red_flags))
        return self._outcome(outcome.headline or text.title, outcome.speech, outcome.card, links)

    def check_described(self, state: CheckState, *flag_ids: str | None) -> Turn:
        """An answer that describes a sign: a yes to it (to this question, if none was named).
        Of several ids heard, the first the check knows."""
        flag = self._flag(*flag_ids)
        if flag is None:
            return self.check_step(self.checklist.answer(state, Answer.YES))
        return self._sign_outcome(self.content.checklist.urgent, flag)

    def check_go_back(self, state: CheckState) -> Turn:
        text = self.content.checklist
        step = self.checklist.go_back(state)
        template = text.go_back if state.index > 0 else text.first_question
        question = text.questions[step.state.index].text
        return self._question(step.state, speech=template.format(question=question))

    def check_meant_yes(self, state: CheckState) -> Turn:
        return self.check_step(self.checklist.meant_yes(state))

    def check_repeat(self, state: CheckState) -> Turn:
        return self._question(state)

    def check_help(self, state: CheckState) -> Turn:
        return self._question(state, lead=self.content.checklist.help, intro=False)

    def check_seriousness(self, state: CheckState) -> Turn:
        text = self.content.checklist
        question = text.questions[state.index].text
        return self._question(state, speech=text.seriousness.format(question=question))

    def check_denied(self, state: CheckState, *flag_ids: str | None) -> Turn:
        """ "No chest pain", "no lumps or swelling": a clear no when it denies the sign asked
        about. A denial of other signs says nothing about this one, so it is asked again; one
        that names no sign the skill knows is not a clear no either."""
        asked = self.content.checklist.questions[state.index].flag
        if asked.id in flag_ids:
            return self.check_step(self.checklist.answer(state, Answer.NO))
        if not any(self._flag(flag_id) is not None for flag_id in flag_ids):
            return self.check_step(self.checklist.answer(state, Answer.UNCLEAR))
        question = self.content.checklist.questions[state.index].text
        speech = self.content.checklist.denied_other.format(question=question)
        return self._question(state, speech=speech)

    def check_explain(self, state: CheckState) -> Turn:
        """ "What do you mean by bowel control?": the sign asked about in the page's words."""
        text = self.content.checklist
        question = text.questions[state.index]
        speech = text.explain.format(question=question.text)
        return self._question(state, speech=speech)

    def check_other_intent(self, state: CheckState) -> Turn:
        question = self.content.checklist.questions[state.index].text
        speech = self.content.checklist.other_intent.format(question=question)
        return self._question(state, speech=speech)

    def check_stop(self, state: CheckState | None = None) -> Turn:
        """Stop mid-check ends the session with a reminder of what to do; when an unsure or
        unclear answer is waiting to be asked again, that sign's advice comes first."""
        text = self.content.checklist
        if state is not None and state.reasked:
            flag = text.questions[state.index].flag
            speech = text.stop_pending.format(sign=flag.spoken_sign, action=flag.advice.action)
            return Turn(Reply(speech=speech), DialogState())
        return Turn(Reply(speech=text.stop), DialogState())

    def _question(
        self,
        state: CheckState,
        lead: str | None = None,
        speech: str | None = None,
        intro: bool = False,
    ) -> Turn:
        text = self.content.checklist
        question = text.questions[state.index]
        progress = text.progress.format(number=state.index + 1, total=len(text.questions))
        if speech is None:
            parts = [lead] if lead else []
            # Only the start explains the check; help and repeat at question 1 do not replay it.
            if intro:
                parts.append(text.intro)
            parts += [progress, question.text]
            speech = " ".join(parts)
        reply = Reply(
            speech=speech,
            reprompt=question.text,
            screen=Screen(
                "question",
                {
                    "title": text.title,
                    "progress": progress,
                    "question": question.text,
                    # The buttons send it back, so a late tap cannot answer another question.
                    "questionId": question.id,
                    "credit": self.content.credit,
                },
            ),
        )
        return Turn(reply, DialogState(check=state, last="check"))

    def _flag(self, *flag_ids: str | None) -> RedFlag | None:
        """The first of the ids that is one of the check's signs."""
        for flag_id in flag_ids:
            for flag in self.content.checklist.red_flags:
                if flag.id == flag_id:
                    return flag
        return None

    def _sign_outcome(self, outcome: Outcome, flag: RedFlag, then: str | None = None) -> Turn:
        """A warning sign's advice, said back in the sign's own words; `then` asks on."""
        fields = {"sign": flag.spoken_sign, "you_have": flag.you_have, "action": flag.advice.action}
        speech = outcome.speech.format(**fields)
        card = outcome.card.format(sign=flag.sign, action=flag.advice.action)
        return self._outcome(
            flag.advice.headline, speech, card, (flag.advice.link,), urgent=True, then=then
        )

    def _outcome(
        self,
        headline: str,
        speech: str,
        card_text: str,
        links: tuple[str, ...],
        urgent: bool = False,
        then: str | None = None,
    ) -> Turn:
        title = self.content.checklist.title
        data = {**self._screen_data(title, card_text, links), "headline": headline}
        data["urgent"] = urgent
        reply = Reply(
            speech=f"{speech} {then}" if then else speech,
            reprompt=then,
            card=self._card(title, card_text, links),
            screen=Screen("outcome", data),
        )
        return Turn(reply, DialogState(offer=CHECK if then else None))

    # -- warning signs and emergencies outside the check ------------------------------------

    def sign_mentioned(self, *flag_ids: str | None) -> Turn:
        """A warning sign heard outside the check: its advice at once, then the offer of the check.

        A description that names no sign the skill knows gets a general line and the offer; of
        several ids heard ("my chest isn't right": something like a sign, and the chest), the
        first the check knows."""
        offer = self.content.checklist.offer
        flag = self._flag(*flag_ids)
        if flag is None:
            return self._offer_check(self.content.safety.maybe_sign, "maybe_sign")
        return self._sign_outcome(self.content.safety.sign_mentioned, flag, then=offer)

    def explain_sign(self, flag_id: str | None) -> Turn:
        """ "What's a deformity?" outside the check: the sign in the page's words, its advice,
        and the offer of the check; a term the skill cannot place gets the help."""
        flag = self._flag(flag_id)
        if flag is None:
            return self.help()
        offer = self.content.checklist.offer
        return self._sign_outcome(self.content.safety.explain_sign, flag, then=offer)

    def out_of_scope(self) -> Turn:
        """A health question about something else: said plainly, with the 999 line."""
        line = self.content.line
        emergency = self.content.safety.emergency.text
        reply = Reply(
            speech=f"{line('out_of_scope')} {emergency} {line('launch_prompt')}",
            reprompt=line("menu_reprompt"),
        )
        return Turn(reply, DialogState(last="out_of_scope"))

    def cannot_do(self) -> Turn:
        return self._menu_line("cannot_do")

    def seriousness(self) -> Turn:
        safety = self.content.safety
        return self._offer_check(
            safety.seriousness.format(emergency=safety.emergency.text), "seriousness"
        )

    def cannot_call(self) -> Turn:
        """"Call an ambulance": the skill cannot, so it says what to do, and ends the session."""
        safety = self.content.safety
        text = safety.cannot_call.format(emergency=safety.emergency.text)
        reply = Reply(
            speech=text, card=self._card(self.content.checklist.title, text, safety.links)
        )
        return Turn(reply, DialogState())

    def _offer_check(self, lead: str, key: str) -> Turn:
        offer = self.content.checklist.offer
        reply = Reply(
            speech=f"{lead} {offer}",
            reprompt=offer,
            card=self._card(self.content.checklist.title, lead, self.content.safety.links),
        )
        return Turn(reply, DialogState(offer=CHECK, last=key))

    # -- repeat -----------------------------------------------------------------------------

    def repeat(self, state: DialogState) -> Turn:
        """Say the last thing again; an unknown key (tampered state) goes back to the menu."""
        if state.check is not None:
            return self.check_repeat(state.check)
        key = state.last or ""
        if key.startswith("topic:") and key[len("topic:") :] in self.content.topics:
            topic = self.content.topic(key[len("topic:") :])
            walking = not (topic.parent is not None and state.offer == topic.parent)
            return self.topic(topic.id, walking=walking)
        simple = {
            "launch": self.launch,
            "help": self.help,
            "start_over": self.start_over,
            "what_else": self.what_else,
            "fallback": self.fallback,
            "which_condition": self.which_condition,
            "seriousness": self.seriousness,
            "maybe_sign": lambda: self.sign_mentioned(None),
            "out_of_scope": self.out_of_scope,
            "cannot_do": self.cannot_do,
            "more_what": lambda: self.more(DialogState()),
            "all_said": lambda: self.more(state),
            "no_list": lambda: self.select(DialogState()),
        }
        return simple.get(key, self.launch)()

    # -- cards and screens ------------------------------------------------------------------

    def _card(self, title: str, text: str, links: tuple[str, ...] = ()) -> Card:
        return Card(title=title, text="\n\n".join(self._card_sections(text, links)))

    def _card_sections(self, text: str, links: tuple[str, ...]) -> list[str]:
        sections = [text]
        if links:
            sections.append("More on the NHS website:\n" + "\n".join(links))
        sections.append(f"{self.content.credit}\n{self.content.source_page}")
        return sections

    def _screen_data(self, title: str, text: str, links: tuple[str, ...]) -> dict[str, object]:
        return {
            "title": title,
            "text": text,
            "links": list(links),
            "credit": self.content.credit,
            "source": self.content.source_page,
            "offer": "",
            "choices": [],
        }


def every_reply(locale: str = "en-GB") -> Iterator[tuple[str, Reply]]:
    """Each distinct reply the skill can give, keyed for people reviewing the wording."""
    return replies_of(content_for(locale))


def replies_of(content: Content) -> Iterator[tuple[str, Reply]]:
    """Each distinct reply `content` gives (the shipped one's, or any edition's)."""
    said = Conversation(content, random.Random(0))
    yield "launch", said.launch().reply
    yield "help", said.help().reply
    yield "start_over", said.start_over().reply
    yield "fallback", said.fallback().reply
    yield "which_condition", said.which_condition().reply
    yield "error", said.error(DialogState()).reply
    for i, phrasing in enumerate(content.dialog["what_else"]):
        yield f"what_else.{i}", Reply(speech=phrasing, reprompt=content.line("menu_reprompt"))
    for i, phrasing in enumerate(content.dialog["goodbye"]):
        yield f"goodbye.{i}", Reply(speech=phrasing)
    for topic_id in content.topics:
        yield f"topic.{topic_id}", said.topic(topic_id).reply
        if content.topic(topic_id).parent is not None:
            yield f"topic.{topic_id}.alone", said.topic(topic_id, walking=False).reply
    yield "more_what", said.more(DialogState()).reply
    for topic_id, topic in content.topics.items():
        if topic.parent and topic.next not in content.topic(topic.parent).parts:
            yield f"all_said.{topic_id}", said.more(DialogState(topic=topic_id)).reply
    yield "no_list", said.select(DialogState()).reply
    for list_id in (*content.lists, *(t.id for t in content.topics.values() if t.parts)):
        yield f"out_of_range.{list_id}", said.select(DialogState(choices=list_id), 99).reply
    for index, question in enumerate(content.checklist.questions):
        state = CheckState(index=index)
        yield f"check.question.{question.id}", said.check_repeat(state).reply
        yield (
            f"check.reask.{question.id}",
            said.check_step(AskQuestion(CheckState(index=index, reasked=True))).reply,
        )
        yield f"check.urgent.{question.id}", said.check_step(Urgent(index, unclear=False)).reply
        yield f"check.unclear.{question.id}", said.check_step(Urgent(index, unclear=True)).reply
    for flag in content.checklist.red_flags:
        yield f"safety.sign_mentioned.{flag.id}", said.sign_mentioned(flag.id).reply
    yield "safety.maybe_sign", said.sign_mentioned(None).reply
    for flag in content.checklist.red_flags:
        yield f"safety.explain_sign.{flag.id}", said.explain_sign(flag.id).reply
    yield "out_of_scope", said.out_of_scope().reply
    yield "cannot_do", said.cannot_do().reply
    yield "safety.seriousness", said.seriousness().reply
    yield "safety.cannot_call", said.cannot_call().reply
    yield "check.start", said.start_check().reply
    yield "check.restart", said.restart_check().reply
    yield "check.help", said.check_help(CheckState(index=0)).reply
    yield "check.go_back", said.check_go_back(CheckState(index=1)).reply
    yield "check.first_question", said.check_go_back(CheckState(index=0)).reply
    yield "check.seriousness", said.check_seriousness(CheckState(index=0)).reply
    yield "check.other_intent", said.check_other_intent(CheckState(index=0)).reply
    yield "check.denied_other", said.check_denied(
        CheckState(index=0), content.checklist.red_flags[-1].id
    ).reply
    for index, question in enumerate(content.checklist.questions):
        yield f"check.explain.{question.id}", said.check_explain(CheckState(index=index)).reply
    yield "check.all_clear", said.check_step(AllClear()).reply
    yield "check.stop", said.check_stop().reply
    for index, question in enumerate(content.checklist.questions):
        pending = CheckState(index=index, reasked=True)
        yield f"check.stop_pending.{question.id}", said.check_stop(pending).reply
