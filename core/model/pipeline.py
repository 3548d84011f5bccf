"""The interview process behind each option, and an honest look at the current role.

These are the parts of the scenario that record what happens and what the person thinks, beside the
ratings and pay that `core.decision.scoring` uses:

* `Process` (on every option): the dated stage history, the next step, contacts, notes per
  interview, ratings recorded after interviews, and what `core.process.rules` needs to say whether to keep
  interviewing (would you take it, what continuing is worth, what it costs your time).
* `Reflection` (on the current role): why you started looking, which reasons are resolved since,
  how satisfied you are, and what you have achieved.
* `People` (on the current role): your name and your manager's, for the message drafts.

Pure pydantic, and no import of `core.model.scenario`, which imports these (so there is no import cycle);
the field types and stage names both use come from `core.model.fields`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from core.model.fields import CLOSED_STAGES, OPEN_STAGES, STAGES, LongText, Rating, ShortText, Stage, Strict  # noqa: F401

_Strict = Strict


class StageChange(_Strict):
    """The day a process moved to a stage."""

    stage: Stage
    on: date
    note: ShortText = ""


ContactRole = Literal["recruiter", "hiring manager", "interviewer", "referrer", "other"]
CONTACT_ROLES: tuple[str, ...] = ("recruiter", "hiring manager", "interviewer", "referrer", "other")


class Contact(_Strict):
    """Someone on the employer's side of a process."""

    name: ShortText = ""
    role: ContactRole = "recruiter"
    note: ShortText = ""  # how to reach them, how you met


class Interview(_Strict):
    """One conversation in a process, and what you took from it."""

    on: date | None = None
    what: ShortText = ""  # "Phone screen", "Technical interview"
    with_whom: ShortText = ""
    notes: LongText = ""


class RatingSnapshot(_Strict):
    """The option's ratings as they stood on a day, usually right after an interview.

    A record of the past: criteria may have been added or removed since. `core.process.tracking.score_history`
    ignores a rating for a criterion that no longer exists and uses today's rating for one added later.
    """

    on: date
    after: ShortText = ""  # which interview or event
    ratings: dict[str, Rating] = Field(default_factory=dict, max_length=30)


WouldTake = Literal["yes", "maybe", "never"]
WOULD_TAKE: dict[str, str] = {
    "yes": "Yes",
    "maybe": "Maybe: not sure yet",
    "never": "No, I would not take it",
}

# How much something is worth to you, or costs you: a four-step scale.
Amount = Annotated[int, Field(ge=0, le=3)]
AMOUNTS: tuple[str, ...] = ("none", "a little", "some", "a lot")
NOT_ANSWERED = "not said yet"  # how an unanswered Worth reads


class Worth(_Strict):
    """What continuing a process is worth to you, whatever its outcome (0 none to 3 a lot).

    None: not answered yet. The advice never reads an unanswered one as the person's answer; a file
    saved before answers could be left open holds numbers, and those count as answered.
    """

    learning: Amount | None = None
    network: Amount | None = None
    practice: Amount | None = None
    better_offer: Amount | None = None


WORTH_NAMES: dict[str, str] = {
    "learning": "learning about the market",
    "network": "expanding your network",
    "practice": "practising interviews",
    "better_offer": "a chance of a better offer",
}

MessageKind = Literal[
    "withdraw", "decline", "accept", "negotiate", "circumstances", "more_time", "tell_manager"
]
MESSAGE_KINDS: dict[str, str] = {
    "withdraw": "Withdraw from the process",
    "decline": "Decline an offer",
    "accept": "Accept an offer",
    "negotiate": "Negotiate: ask for what would make it your best option",
    "circumstances": "Tell them your circumstances changed",
    "more_time": "Ask for time to decide",
    "tell_manager": "Tell your manager about this internal application",
}

# Before an interview: what to know about the employer.
RESEARCH_CHECKLIST: dict[str, str] = {
    "research:mission": "What they say their mission and values are, and whether their work matches it",
    "research:news": "Recent news: launches, funding or results, layoffs, leadership changes",
    "research:team": "The team: who you would work with and who you would report to",
    "research:success": "How success in this role is measured in the first year",
    "research:customers": "What they sell, and to whom",
    "research:people": "What people who work or worked there say about it",
    "research:market_pay": "What this role pays elsewhere at this level",
}
# Before deciding on an offer.
OFFER_CHECKLIST: dict[str, str] = {
    "offer:pay": "Pay in all its parts, in writing: base, bonus, equity and its vesting, sign-on and any clawback",
    "offer:work_life": "Work-life balance: hours, on-call, office days, commute, time off",
    "offer:growth": "Growth: what you would learn, and where the role leads in two or three years",
    "offer:benefits": "Benefits: health cover, retirement match and its vesting, leave",
    "offer:fit": "Fit: with your long-term goals, your values, and the reasons you started looking",
    "offer:dates": "The date they need an answer by, and the start date",
}
CHECKLIST_ITEMS: dict[str, str] = {**RESEARCH_CHECKLIST, **OFFER_CHECKLIST}


class Process(_Strict):
    """Where an option's application stands and what the person makes of it.

    The option's own `stage` is where the process stands now; `history` is the dated record of how
    it got there (`core.process.tracking.move_to_stage` keeps the two together).
    """

    history: list[StageChange] = Field(default_factory=list, max_length=100)
    next_step: ShortText = ""
    next_step_on: date | None = None
    decide_by: date | None = None  # when you must or want to give an answer
    contacts: list[Contact] = Field(default_factory=list, max_length=20)
    interviews: list[Interview] = Field(default_factory=list, max_length=100)
    rating_history: list[RatingSnapshot] = Field(default_factory=list, max_length=100)
    would_take: WouldTake = "maybe"
    worth: Worth = Field(default_factory=Worth)
    time_cost: Amount = 1  # how much of your time the process takes
    what_to_say: ShortText = ""  # in your words, what you want them to know (used in the drafts)
    checked: list[str] = Field(default_factory=list, max_length=len(CHECKLIST_ITEMS))
    drafts: dict[MessageKind, LongText] = Field(default_factory=dict)  # drafts you edited

    @model_validator(mode="after")
    def _known_checklist_items(self) -> Process:
        unknown = [item for item in self.checked if item not in CHECKLIST_ITEMS]
        if unknown:
            raise ValueError(f"{', '.join(map(repr, unknown))} is not an item of the checklists")
        if len(set(self.checked)) != len(self.checked):
            raise ValueError("a checklist item is ticked twice; list each once")
        return self


class Reason(_Strict):
    """A reason you started looking: one of your criteria (`criterion`, its id) or your own words.

    `text` keeps the criterion's name as it was when ticked, so the reason still reads well if the
    criterion is later renamed or removed.
    """

    criterion: Annotated[str, Field(max_length=40)] | None = None
    text: ShortText = ""
    resolved: bool = False  # resolved since, e.g. by a raise or a promotion

    @model_validator(mode="after")
    def _says_something(self) -> Reason:
        if self.criterion is None and not self.text.strip():
            raise ValueError("a reason needs a few words, or a criterion")
        return self


class Satisfaction(_Strict):
    """How satisfied you are in the current role, 0-10; None: not answered."""

    work_life: Rating | None = None
    environment: Rating | None = None
    relationships: Rating | None = None
    values_fit: Rating | None = None


SATISFACTION_NAMES: dict[str, str] = {
    "work_life": "Work-life balance",
    "environment": "The work environment",
    "relationships": "Relationships with colleagues",
    "values_fit": "Fit with your values",
}


class Reflection(_Strict):
    """The current role, honestly: why you started looking, what is resolved, how you feel there."""

    reasons: list[Reason] = Field(default_factory=list, max_length=50)
    satisfaction: Satisfaction = Field(default_factory=Satisfaction)
    achievements: LongText = ""  # one per line

    @property
    def achievement_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.achievements.splitlines() if line.strip(" -•\t")]


class People(_Strict):
    """Names the message drafts use."""

    your_name: ShortText = ""
    manager: ShortText = ""  # your manager in the current role
