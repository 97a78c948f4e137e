"""Name cards: a news site's pop-up about a person, scraped into the running text.

The Hill sets every mention of a member of Congress or an official as a link whose
pop-up card holds the person's full name and the site's three latest headlines about
them, ending in a "MORE" link. Scraped to text, the card lands right after the name:

    Rep. Tulsi Gabbard Tulsi GabbardGOP Sen. Cotton calls for monthly cash payments ...
    Tulsi Gabbard calls for giving Americans K a month during coronavirus outbreak MORE
    (D-Hawaii), a 2020 presidential candidate, introduced a resolution ...

The headlines are the site's, about other stories: not the writer's words, not this
story's quotations, not its loaded language. A card is read as: the name shown in the text,
then (with or without a space) the full name ending in the same surname, perhaps with
middle names and a nickname in brackets ("Addison (Mitch) Mitchell McConnell"), then the
headlines, glued to it or not, up to " MORE" on the same line. The repeated surname and
the closing capital "MORE" together are what no sentence of running text has ("READ
MORE" follows no repeated name). In the AllSides corpus and
genre set (6,000 articles) the pattern finds every one of The Hill's 1,056 " MORE"
endings (in 190 articles) and nothing else: the other 87 are "READ MORE" labels and
headlines set in capitals.

The parser reads the text with each card blanked out (one space for one character, so
every offset holds): the card becomes one token between the name and what follows it,
tagged as space, and the sentence around it parses as the writer wrote it. The quotation
finder, the sentence encoder and the sentiment read the blanked text too.
"""

from __future__ import annotations

import re

#: What a card ends with, the cheap test before the pattern.
_END = " MORE"
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|\([A-Z][\w'’. -]*\)|(?:de|del|der|da|di|van|von|la|le|al|bin)),? "
#: Tried at every word (a lookahead finds overlapping candidates): the display name's last
#: word, then the card's full name ending in it, its headlines and "MORE".
CARD = re.compile(r"(?=\b(?P<surname>[A-Z][\w'’.-]*[a-z][\w'’.-]*) ?(?P<card>(?:" + _NAME_WORD
                  + r"){0,5}(?P=surname)[^\n]{1,600}? MORE)(?=[\s.,;:)'’]|$))")


def cards(text: str) -> list[tuple[int, int]]:
    """Return the spans of the name cards in ``text``, from the full name to "MORE".

    Of the candidates that end at the same "MORE", the last to start is the card: in
    "Sen. Jane Roe Jane Mary RoeSenate panel ... MORE", "Jane" repeated also frames a
    candidate ("Roe Jane Mary ..."), which takes in the name shown.
    """
    if _END not in text:
        return []
    latest: dict[int, int] = {}
    for match in CARD.finditer(text):
        start, end = match.span("card")
        latest[end] = max(start, latest.get(end, start))
    out: list[tuple[int, int]] = []
    for end, start in sorted(latest.items(), key=lambda item: item[1]):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def blanked(text: str) -> str:
    """Return ``text`` with its name cards written as spaces, one for each character."""
    spans = cards(text)
    if not spans:
        return text
    parts, at = [], 0
    for start, end in spans:
        parts += [text[at:start], " " * (end - start)]
        at = end
    return "".join([*parts, text[at:]])
