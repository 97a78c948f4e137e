"""Quotations that are titles or names, not anyone's words.

News style sets the titles of books, films, shows and articles in quotation marks (AP
Stylebook, "composition titles"), and names and labels too ("the so-called "Gang of
Eight""). :mod:`service.analysis.voice` gives such a quotation no speaker, and does not
count a title's letters as quoted in its sentence's voice.
"""

from __future__ import annotations

from service.analysis.model import Quote

#: A short quotation in title case after these words is a name, a title or a label
#: ("CNN's “State of the Union”", "the so-called “Gang of Eight”"), not anyone's words.
TITLE_LEAD = frozenset({"'s", "’s", "on", "to", "so-called", "called", "dubbed", "titled",
                        "entitled", "named", "the", "a", "an", "its", "his", "her", "their",
                        "told", "tells", "tell", "telling"})
#: A short quotation in title case before these words names a programme or publication
#: ("MSNBC “Morning Joe” host Joe Scarborough").
TITLE_TAIL = frozenset({"host", "hosts", "co-host", "anchor", "anchors", "program", "programme",
                        "show", "segment", "broadcast", "podcast", "column", "columnist",
                        "editorial", "interview", "panel", "panelist"})
_POSSESSIVE = ("'s", "’s", "s'", "s’")
SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "nor", "but", "so", "yet", "of", "on",
                         "in", "to", "for", "at", "by", "up", "as", "via", "per", "with",
                         "into", "from", "onto", "over", "off", "out", "vs", "&"})


def title_cased(inner: str) -> list[str] | None:
    """Return the words of a text capitalised as a title, or None if it is not one."""
    words = inner.rstrip(".,").split()
    if not words or inner[-1:] in {"?", "!"} or ". " in inner or not words[0][:1].isupper():
        return None
    if all(w[:1].isupper() or w[:1].isdigit() or w.lower().strip(",:") in SMALL_WORDS
           for w in words):
        return words
    return None


def names_a_title(text: str, quote: Quote) -> bool:
    """Return whether a quotation is a name or title: at most six words in title case,
    no sentence mark, after a possessive, "on", "so-called" and the like."""
    return title_at(text, quote.start, quote.end)


def title_at(text: str, start: int, end: int) -> bool:
    """Return whether the quotation at ``text[start:end]`` is a name or title."""
    inner = text[start:end].strip("“”\"‘’«» ")
    words = title_cased(inner)
    if words is None or len(words) > 6:
        return False  # (a comma or full stop inside the marks is American punctuation)
    before = text[max(0, start - 40):start].split()
    lead = before[-1].lower() if before else ""
    after = text[end:end + 40].split()
    tail = after[0].lower().strip(",.;:") if after else ""
    # "CNN's", and a plural or sibilant possessive: "CBS’ “Face the Nation”", "Fox News'".
    return lead in TITLE_LEAD or lead.endswith(_POSSESSIVE) or tail in TITLE_TAIL


#: A term's introducers: a short quotation after them glosses or names something ("the
#: insurance markets, or “exchanges,”", "what is known as “vacating the chair”"): the
#: writer's term (AP Stylebook, "quotation marks": "in the so-called ... sense"), no
#: one's words.
_TERM_LEAD = ("so-called", "dubbed", "nicknamed", "termed", "known as", "referred to as",
              ", or", "—or", "— or")
TERM_WORDS = 4


def a_term(text: str, quote: Quote) -> bool:
    """Return whether a short quotation is a term the writer glosses or names with."""
    inner = quote.text.strip("“”\"‘’«» ,.")
    if not inner or len(inner.split()) > TERM_WORDS or any(c in inner for c in ".?!"):
        return False
    before = " ".join(text[max(0, quote.start - 40):quote.start].split()).lower()
    return before.endswith(_TERM_LEAD)


def composition_title(quote: Quote) -> bool:
    """Return whether a quotation is a composition title: three words or more in title case.

    News style sets the titles of books, films, shows and articles in quotation marks (AP
    Stylebook, "composition titles"): 'the author of "Liberalism or How to Turn Good Men
    into Whiners."' names a book; its words are no one's speech in the sentence.
    """
    words = title_cased(quote.text.strip("“”\"‘’«» "))
    return words is not None and len(words) >= 3
