"""Message drafts filled in from the scenario: withdraw, decline, accept, ask for time, negotiate
(with the figures of core.decision.what_it_takes), and the counteroffer's own words to a manager.

Plain text: the drafts are copied into an email or saved as .txt files. Pure: no streamlit.
"""

from __future__ import annotations

from core.decision.what_it_takes import base_to_be_best, paid_in, raise_to_stay, sign_on_to_cover
from core.model.pipeline import (
    CLOSED_STAGES,
    MESSAGE_KINDS,
)
from core.model.scenario import STAYING_ID, Option, Scenario
from core.money.currency import money_in
from core.process.tracking import is_counteroffer, is_internal, pick_contact
from core.shown import money, weekday
from core.text import and_list

# Message drafts ----------------------------------------------------------------------------------------


def message_kinds_for(option: Option) -> list[str]:
    """The messages that fit where the process stands, most likely first. A counteroffer is a
    conversation with your manager: accept it, decline it or ask for time, nothing else."""
    if option.stage in CLOSED_STAGES:
        return []
    if is_counteroffer(option):
        return ["accept", "decline", "more_time", "negotiate"]
    kinds = ["decline", "more_time", "accept", "negotiate"] if option.stage == "offer" else ["withdraw"]
    if option.stage == "final round":
        kinds.append("more_time")
    kinds.append("circumstances")
    if is_internal(option):
        kinds.append("tell_manager")
    return kinds


def message_kinds_offered(option: Option) -> list[str]:
    """Every message the page offers for this process: the fitting ones first, then the others
    that make sense for it (telling your manager only for an internal role; for a counteroffer
    only accept, decline and ask for time)."""
    fitting = message_kinds_for(option)
    if is_counteroffer(option):
        return fitting or ["accept", "decline", "more_time", "negotiate"]
    others = [k for k in MESSAGE_KINDS if k not in fitting and (k != "tell_manager" or is_internal(option))]
    return fitting + others


COUNTEROFFER_KINDS: dict[str, str] = {
    "accept": "Accept the counteroffer",
    "decline": "Decline the counteroffer",
    "more_time": "Ask your manager for time to decide",
    "negotiate": "Ask your manager for what would make you stay",
}


def message_kind_label(option: Option, kind: str) -> str:
    """The message kind in words, in the terms of this process (a counteroffer's own words)."""
    if is_counteroffer(option) and kind in COUNTEROFFER_KINDS:
        return COUNTEROFFER_KINDS[kind]
    return MESSAGE_KINDS[kind]


def _position(option: Option) -> str:
    role, employer = option.role.strip(), option.employer.strip()
    if is_internal(option) and role and option.name.strip() != employer:
        return f"the {role} role ({option.name})"  # your manager knows the employer: name the team
    if role and employer:
        return f"the {role} role at {employer}"
    if role:
        return f"the {role} role ({option.name})"
    if employer:
        return f"the role at {employer}"
    return f"the {option.name} role"


def _signature(scenario: Scenario, closing: str) -> str:
    name = scenario.current.people.your_name.strip()
    return f"{closing},\n{name}" if name else f"{closing}."


def _extra(option: Option) -> str:
    words = option.process.what_to_say.strip()
    if not words:
        return ""
    return " " + (words if words[-1] in ".!?" else words + ".")


def _changes_in_words(scenario: Scenario) -> str:
    kinds = []
    for ch in scenario.current.recent_changes:
        if ch.kind in ("raise", "promotion", "recognition") and ch.kind not in kinds:
            kinds.append(ch.kind)
    if not kinds:
        return ""
    words = {"raise": "a raise", "promotion": "a promotion", "recognition": "recognition for my work"}
    return f": I have had {and_list([words[k] for k in kinds])} in my current job"


def _ask_for_time(option: Option) -> str:
    when = option.process.decide_by
    if when is None:
        return "Could I have a few more days to give you my answer?"
    # the answer-by date is their deadline: ask, before it, for a few days beyond it
    return f"I know you would like my answer by {weekday(when)}. Could I have a few more days beyond that to give you my answer?"


def _negotiate_draft(scenario: Scenario, option: Option) -> str:
    """Ask for what it would take (core.decision.what_it_takes), the figures filled in: from a new employer
    the base salary at which its offer becomes your best option and a sign-on covering what
    leaving costs; from your manager, for a counteroffer, the base at which it does. Where there
    is no figure to ask for (what is offered already does it, or no amount would), it asks to talk
    about pay without one."""
    if is_counteroffer(option):
        manager = scenario.current.people.manager.strip()
        best = base_to_be_best(scenario, option.id)
        if best.amount is not None and not best.already:
            ask = f"a base salary of {money_in(best.amount, scenario.job_currency(option) or scenario.currency)}"
        else:
            ask = "a little more on the base salary"
        return (
            f"Subject: Your counteroffer\n\n{'Hi ' + manager + ',' if manager else 'Hi,'}\n\n"
            "Thank you for the counteroffer; I would like to stay, and I want to be open with you "
            f"about what would make it an easy decision: {ask}.{_extra(option)} Could we talk about "
            f"it this week?\n\n{_signature(scenario, 'Thank you')}\n"
        )
    try:
        return negotiation_draft(scenario, option.id)
    except ValueError:
        position = _position(option)
        contact = pick_contact(option)
        greeting = f"Dear {contact.name.strip()}," if contact is not None else "Hello,"
        return (
            f"Subject: Your offer for {position}\n\n{greeting}\n\n"
            f"Thank you for the offer for {position}; I am keen on it.{_extra(option)} Before I "
            "decide, could we talk about the base salary and a sign-on?\n\n"
            f"{_signature(scenario, 'Thank you')}\n"
        )


def _counteroffer_draft(scenario: Scenario, option: Option, kind: str) -> str:
    """To your manager, in the terms of a counteroffer: accept it, decline it, ask for time, or
    negotiate."""
    if kind == "negotiate":
        return _negotiate_draft(scenario, option)
    manager = scenario.current.people.manager.strip()
    greeting = f"Hi {manager}," if manager else "Hi,"
    if kind == "accept":
        subject = "Your counteroffer"
        body = (
            "Thank you for the counteroffer, and for the trust it shows. I have thought it over, and "
            f"I am glad to accept it.{_extra(option)} Could we put what we agreed in writing?"
        )
    elif kind == "decline":
        subject = "Your counteroffer"
        body = (
            "Thank you for the counteroffer, and for the care you took over it. After careful "
            f"thought, I have decided not to accept it.{_extra(option)} I am grateful for your "
            "support, and I would like to talk about next steps whenever suits you."
        )
    elif kind == "more_time":
        subject = "Time to think about your counteroffer"
        body = (
            "Thank you for the counteroffer; I am grateful for it, and I want to give it the careful "
            f"thought it deserves. {_ask_for_time(option)}{_extra(option)}"
        )
    else:
        raise ValueError(
            f"A counteroffer is answered, not applied for: '{kind}' does not fit it; use accept, "
            "decline or more_time."
        )
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\n{_signature(scenario, 'Thank you')}\n"


def message_draft(scenario: Scenario, option_id: str, kind: str) -> str:
    """A short, grateful, honest message, filled from the scenario. It gives no reason beyond what
    the person wrote themselves (`process.what_to_say`) or entered as a recent change.

    It goes to the person `message_recipient` names: for a counteroffer your manager, in the
    terms of a counteroffer; for an internal role it does not take leave of the employer, since
    you work there."""
    option = scenario.option(option_id)
    if kind not in MESSAGE_KINDS:
        raise ValueError(f"'{kind}' is not a kind of message; pick one of {', '.join(MESSAGE_KINDS)}.")
    if is_counteroffer(option):
        return _counteroffer_draft(scenario, option, kind)
    position = _position(option)
    employer = option.employer.strip() or option.name
    internal = is_internal(option)
    if kind == "tell_manager":
        manager = scenario.current.people.manager.strip()
        return (
            f"Subject: An internal application\n\n"
            f"{'Hi ' + manager + ',' if manager else 'Hi,'}\n\n"
            f"I wanted you to hear it from me first: I have applied for {position}.{_extra(option)} "
            "I would rather you knew now than heard it from someone else, and I am glad to talk "
            "about it whenever suits you.\n\n"
            f"{_signature(scenario, 'Thank you')}\n"
        )
    if kind == "negotiate":
        return _negotiate_draft(scenario, option)
    contact = pick_contact(option)
    greeting = f"Dear {contact.name.strip()}," if contact is not None else "Hello,"
    if kind == "withdraw":
        subject = f"Withdrawing my application for {position}"
        closing = (
            "Thank you again for considering me."
            if internal
            else "Thank you again for your consideration, and I hope our paths cross again."
        )
        body = (
            f"Thank you for the time you and your colleagues have given me in the process for {position}. "
            f"I have decided to withdraw my application.{_extra(option)} I wanted to tell you now rather "
            f"than take up more of your time.\n\n{closing}"
        )
    elif kind == "decline":
        subject = f"Your offer for {position}"
        closing = (
            "I am grateful for the time you and the team gave me."
            if internal
            else f"I am grateful for the time {employer} gave me, and I hope we stay in touch."
        )
        body = (
            f"Thank you for offering me {position}, and for the care you took throughout the process. "
            f"After careful thought, I have decided not to accept it.{_extra(option)}\n\n{closing}"
        )
    elif kind == "accept":
        subject = f"Accepting your offer for {position}"
        body = (
            f"Thank you for offering me {position}. I am delighted to accept it.{_extra(option)} "
            "Could you send me the next steps and the offer in writing, if I do not have it yet?"
        )
    elif kind == "circumstances":
        subject = f"An update from me about {position}"
        body = (
            f"Thank you for your time so far on {position}. I want to be open with you: since we last "
            f"spoke, my circumstances have changed{_changes_in_words(scenario)}.{_extra(option)} "
            "I would rather tell you now than have it surprise you later. Could we talk briefly about "
            "what this means for my application?"
        )
    else:  # more_time
        subject = f"Time to decide about {position}"
        thanks = (
            f"Thank you for the offer of {position}; I am grateful for it."
            if option.stage == "offer"
            else f"Thank you for taking me so far in the process for {position}."
        )
        body = (
            f"{thanks} I want to give my decision the careful thought it deserves. {_ask_for_time(option)}"
            f"{_extra(option)} If that is difficult on your side, please tell me and I will do my best to fit in."
        )
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\n{_signature(scenario, 'Best regards')}\n"


def message_text(scenario: Scenario, option_id: str, kind: str) -> str:
    """The message as the person last left it: their edited draft, or the draft from the scenario."""
    saved = scenario.option(option_id).process.drafts.get(kind)  # type: ignore[call-overload]
    return saved if saved is not None else message_draft(scenario, option_id, kind)


def message_recipient(scenario: Scenario, option_id: str, kind: str) -> str:
    """Who the message is for, in words: by name wherever a name is recorded. Your manager for a
    counteroffer and for telling them of an internal application; otherwise the process's contact
    (core.process.tracking.pick_contact); without any name, who to add and where."""
    option = scenario.option(option_id)
    manager = scenario.current.people.manager.strip()
    if kind == "tell_manager" or is_counteroffer(option):
        return f"{manager} (your manager)" if manager else "your manager (add their name on Current role)"
    contact = pick_contact(option)
    if contact is None:
        where = (
            "your employer's hiring manager"
            if is_internal(option)
            else f"your contact at {option.employer.strip() or option.name}"
        )
        return f"{where} (add their name under Contacts on the Pipeline page)"
    return f"{contact.name.strip()} ({contact.role})"


def negotiation_draft(scenario: Scenario, option_id: str) -> str:
    """A short "negotiate" message with the figure filled in: to an option's contact, the base at
    which it would be your best option and, where leaving costs something, the sign-on that covers
    it; for staying (STAYING_ID), to your manager, the base at which you would stay.

    Raises ValueError with a message a person can act on where there is nothing to ask for: no
    amount would do it, or what is offered already does."""
    if option_id == STAYING_ID:
        answer = raise_to_stay(scenario)
        if answer.amount is None or answer.already:
            raise ValueError(answer.text)
        manager = scenario.current.people.manager.strip()
        amount = money(answer.amount, paid_in(scenario, scenario.current))
        return (
            "Subject: My pay\n\n"
            f"{'Hi ' + manager + ',' if manager else 'Hi,'}\n\n"
            "I would like to stay, and I want to be open with you about what would make that an easy "
            f"decision: a base salary of {amount}. Could we talk about it this week?\n\n"
            f"{_signature(scenario, 'Thank you')}\n"
        )
    option = scenario.option(option_id)
    best = base_to_be_best(scenario, option_id)
    asks = []
    if best.amount is not None and not best.already:
        asks.append(f"a base salary of {money(best.amount, paid_in(scenario, option))}")
    cover = sign_on_to_cover(scenario, option_id)
    if cover.amount and not cover.already:
        code = scenario.job_currency(option) or scenario.currency
        asks.append(f"a sign-on of {money(cover.amount, code)}, which would cover what I would leave behind")
    if not asks:
        raise ValueError(best.text if best.amount is None else cover.text)
    contact = pick_contact(option)
    greeting = f"Dear {contact.name.strip()}," if contact is not None else "Hello,"
    return (
        f"Subject: Your offer for {_position(option)}\n\n{greeting}\n\n"
        f"Thank you for the offer for {_position(option)}; I am keen on it. Before I decide, I would "
        f"like to ask for {' and '.join(asks)}. With that, I would be ready to say yes.\n\n"
        f"{_signature(scenario, 'Thank you')}\n"
    )
