"""A profile's description as people write it: what they want, and what they exclude.

An embedding does not understand negation ("Not relevant: EEG" sits close to EEG papers), so
exclusion sentences are split off the description and used as negative descriptions that can
only push a score down. Recognised, in English and Chinese:

- a sentence that starts (after "Honestly,", "But" and the like) with "Not relevant:", "Not
  interested in", "Not for me:", "Exclude", "Excluding", "I don't want", "I don't care about",
  "I'm not interested in", "I'm not into", "What I (keep getting and) don't need:", "Avoid",
  "Ignore", "Skip", "Spare me", "Leave out", "No", "Outside my interest are", "Please don't
  send me / fill my feed with" (a list ends at a spaced dash; "I get plenty of those" and ";
  those only count if ..." are no items),
  "不相关", "不包括", "不要", "不感兴趣", "排除";
- a sentence that says it of its subject: "Medical imaging (MRI, CT) is not my thing",
  "Price forecasting isn't what I'm after, and neither is agent governance", "Surveys are
  out of scope", "X are outside my interest", "X falls outside this interest", "X is not what
  I need", "X is less my thing", "Token pruning is a different topic", "... don't interest me"
  (in "A counts, but B does not interest me" only B);
- a clause inside a sentence after "but not", "except (for)", "excluding", "other than",
  "rather than", ", not" ("RL in the classic sense, not chatbots"), "但不", "除了" ... "之外".

A listed exclusion ("Not relevant: A, B, and C") becomes one negative description per item,
keeping "such as" lists together ("diffusion for non-visual data such as text, molecules").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.sentences import split_sentences

_LEAD = (
    r"not\s+relevant|irrelevant|not\s+interested|no\s+interest|uninterested|not\s+wanted"
    r"|exclude[sd]?|excluding|i\s+(?:do\s+not|don't|dont)\s+(?:want|care\s+(?:about|for)|need)"
    r"|i(?:'m|’m|\s+am)\s+not\s+(?:really\s+|that\s+)?(?:interested|into|looking\s+for|after)"
    r"|i\s+have\s+no\s+interest|not\s+(?:looking\s+for|into)|leave\s+out|no\s+need\s+for"
    r"|what\s+i\b[^:.]{0,40}?\b(?:do\s+not|don't|dont)\s+(?:need|want)(?:\s+(?:is|are))?"
    r"|not\s+for\s+me|(?:please\s+)?(?:do\s+not|don't|dont)\s+(?:send|show|give|fill|flood)"
    r"(?:\s+(?:me|my\s+feed))?(?:\s+with)?|no(?=\s)"
    r"|outside\s+(?:of\s+)?(?:my|our|this|the)\s+(?:interests?|scope)(?:\s+(?:are|is))?"
    r"|(?:please\s+)?(?:avoid|ignore|skip|drop|spare\s+me)|nothing\s+(?:on|about)"
)
_EXCLUSION_START = re.compile(
    rf"^\s*(?:{_LEAD})\b(?:\s+(?:in|on|about|are|is|for|me|to\s+me))*\s*[:：,\-–—]?\s*", re.I
)
_ZH_START = re.compile(
    r"^\s*(?:不相关的?(?:有|是|包括)?|不包括|不要|不感兴趣的?|排除|不需要)[：:，,\s]*"
)
# "X is not my thing", "X isn't what I'm after", "X are out of scope": the subject is excluded
_NOT_WANTED = re.compile(
    r"\s+(?:(?:is|are)\s+not|isn't|aren't|isn’t|aren’t)\s+(?:really\s+|at\s+all\s+)?"
    r"(?:my\s+(?:thing|focus|area|interest|cup\s+of\s+tea)"
    r"|what\s+i(?:'m|’m|\s+am)\s+(?:after|looking\s+for|interested\s+in)"
    r"|what\s+i\s+(?:need|want)"
    r"|(?:of\s+)?(?:any\s+)?interest(?:ing)?(?:\s+to\s+me)?|relevant(?:\s+to\s+me|\s+here)?"
    r"|in\s+scope|for\s+me)\b"
    r"|\s+(?:is|are)\s+(?:out\s+of\s+scope|off[- ]topic|of\s+no\s+interest|irrelevant)\b"
    r"|\s+(?:is|are)\s+less\s+my\s+(?:thing|focus|area|interest)\b"
    r"|\s+(?:is|are|falls?|lies?)\s+outside\s+(?:of\s+)?(?:my|our|the|this)\s+"
    r"(?:interests?|scope|area|focus)\b"
    r"|\s+(?:is|are)\s+(?:a\s+)?(?:different|separate|another)\s+(?:topic|thing|area|field|problem)s?\b"
    r"|\s+(?:doesn't|don't|doesn’t|don’t|does\s+not|do\s+not)\s+(?:interest\s+me|matter\s+to\s+me)\b",
    re.I,
)
# "X counts, but Y does not interest me": only what follows the contrast is excluded
_CONTRAST = re.compile(r",?\s+but\s+", re.I)
# "Skip X - I get those all the time": a spaced dash ends the list; "I already get plenty of
# those" is a remark, not a topic
_DASH_TAIL = re.compile(r"\s+[-–—]\s+")
_FIRST_PERSON = re.compile(
    r"^(?:i|i'm|i’m|we|we're|we’re|those|these|they|that's|that’s|it's|it’s)\b", re.I
)
_PRONOUNS = frozenset(["those", "these", "they", "it", "that", "this", "both", "all of those"])
_EITHER = re.compile(r"\s+(?:either|too|as\s+well)\b", re.I)
_NEITHER = re.compile(r"\b(?:neither|nor)\s+(?:is|are|do|does)?\s*(.+)$", re.I)
_OPENER = re.compile(
    r"^(?:(?:honestly|frankly|but|however|also|and|though|to\s+be\s+(?:clear|honest))\b[,:]?\s*)+",
    re.I,
)
_INLINE = re.compile(
    r"(?:,\s*|\s+)(?:but\s+not|except(?:\s+for)?|excluding|other\s+than|rather\s+than)\s+"
    r"|(?:,|\s+[-–—])\s+not\s+(?!only\b|just\b|necessarily\b|merely\b|limited\b)"
    r"(?:about\s+|on\s+)?(?=\w)",
    re.I,
)
_ZH_INLINE = re.compile(r"[，,]?\s*(?:但不包括|但不要|但不是|但不)")
_ZH_EXCEPT = re.compile(r"除了?(.+?)(?:之外|以外)[，,]?")
_LISTING = re.compile(
    r"\b(?:such\s+as|like|e\.g\.|including|for\s+example|for\s+instance)\b|如|例如|比如", re.I
)
_CONNECTOR = re.compile(r"^(?:(?:and|or|nor|in|on|about|any|with)\b|和|或者|或|以及)\s*", re.I)
_HARD_SPLIT = re.compile(r"\s*[;；]\s*")
_SPLIT = re.compile(r"\s*[,，、]\s*")


@dataclass(frozen=True)
class ProfileText:
    """The description split into what is wanted and what is excluded."""

    wanted: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def wanted_text(self) -> str:
        """The description without its exclusions."""
        return " ".join(self.wanted)


def _items(text: str) -> list[str]:
    """A listed exclusion as separate items, keeping short "such as" tails together."""
    items: list[str] = []
    for segment in _HARD_SPLIT.split(text.strip().rstrip(".。;；")):
        start = len(items)
        for part in _SPLIT.split(segment):
            part = _CONNECTOR.sub("", _CONNECTOR.sub("", part.strip())).strip()
            if not part:
                continue
            if len(items) > start and _LISTING.search(items[-1]) and len(part.split()) <= 4:
                items[-1] += ", " + part
            else:
                items.append(part)
    return items


def _split_inline(sentence: str) -> tuple[str, list[str]]:
    """``"X, but not Y"`` -> ("X", ["Y"]); a sentence without such a clause is all wanted."""
    zh = _ZH_EXCEPT.search(sentence)
    if zh:
        rest = (sentence[: zh.start()] + sentence[zh.end() :].lstrip("的")).strip()
        return rest, _items(zh.group(1))
    for pattern in (_INLINE, _ZH_INLINE):
        match = pattern.search(sentence)
        if match and match.start() >= 8:  # a real clause after the wanted part
            wanted = sentence[: match.start()].rstrip(" ,;，；")
            return wanted + ("" if wanted.endswith((".", "。")) else "."), _items(
                sentence[match.end() :]
            )
    return sentence, []


def _not_wanted(sentence: str) -> tuple[str, list[str]] | None:
    """(wanted part, excluded items) of a sentence that says its subject is not wanted
    ("Medical imaging is not my thing, and neither are surveys" -> ("", ["Medical imaging",
    "surveys"]); "X should be papers; Y are outside my interest" -> ("X should be papers.",
    ["Y"])); ("", []) when the subject is a pronoun ("Those are different problems"); None for
    any other sentence."""
    match = _NOT_WANTED.search(sentence)
    if not match:
        return None
    before, _, head = sentence[: match.start()].rpartition(";")
    *contrasted, subject = _CONTRAST.split(_OPENER.sub("", head.strip(" ,;")).strip())
    subject = _OPENER.sub("", subject).strip()
    kept = " ".join(
        part.strip().rstrip(".") + "."
        for part in (before, ", ".join(contrasted))
        if part.strip(" ,;.")
    )
    if len(subject) < 3:
        return None
    if subject.lower() in _PRONOUNS:
        return kept, []
    items = _items(subject)
    neither = _NEITHER.search(sentence[match.end() :])
    if neither:
        items += _items(neither.group(1))
    return kept, items


def parse_profile_text(description: str) -> ProfileText:
    """Split a profile description into wanted sentences and excluded items.

    Args:
        description: the profile's plain-language description (English or Chinese).

    Returns:
        The wanted sentences (empty when every sentence excludes) and the exclusions.
    """
    wanted: list[str] = []
    excluded: list[str] = []
    for sentence in split_sentences(" ".join(description.split())):
        opened = _OPENER.sub("", sentence)  # "Honestly, I don't care about ..."
        lead = _EXCLUSION_START.match(opened) or _ZH_START.match(opened)
        if lead and opened[lead.end() :].strip():
            # "... and driving isn't my area either": the second subject is excluded too
            rest = _EITHER.sub("", _NOT_WANTED.sub("", opened[lead.end() :]))
            rest = "; ".join(  # "...; those only count if ...": a remark, not a topic
                part for part in _HARD_SPLIT.split(_DASH_TAIL.split(rest)[0])
                if not _FIRST_PERSON.match(part)
            )  # fmt: skip
            excluded += [item for item in _items(rest) if not _FIRST_PERSON.match(item)]
            continue
        said = _not_wanted(sentence)
        if said is not None:
            kept, dropped = said
            excluded += dropped
            wanted += [kept] if kept else []
            continue
        kept, dropped = _split_inline(sentence)
        excluded += dropped
        if kept.strip(" .。"):
            wanted.append(kept)
    return ProfileText(wanted=wanted, excluded=list(dict.fromkeys(excluded)))
