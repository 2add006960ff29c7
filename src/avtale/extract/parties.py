"""The parties of an extracted agreement, and which party each signatory signs for.

Reads: the outline's texts (title, preamble, body), the signature block's signers
(with a «For <party>» or column header where the source has one) and the
organisation names clean saw in letterheads and logos. Writes: `Party`s in the
order the text first names them, and for each signer the index of its party (or
None, with a note, where nothing tells).

Heuristics, each because writers differ:

- *The preamble names the parties.* The first paragraph before the first section
  that names two or more organisations («Avtalen er inngått mellom …», «Partane i
  denne avtalen er …», «Kunnskapsdepartementet og KS inngår …») gives them.
- *Every signatory signs for a party.* A «For <party>» row or a column headed by the
  party's name says which; otherwise a minister's title names the ministry
  («Kultur- og likestillingsminister» → «Kultur- og likestillingsdepartementet», with
  a word list for the titles that do not follow the pattern); a title naming a party
  («Styreleder i KS») names it. A party found so joins the list.
- *Letterheads* (logo text, organisation lines above the title) name parties too.
- *Order*: the preamble's where one paragraph names two or more (`_order_of`), else the
  letterhead's, else the signatures'; a letterhead or signature block naming more parties
  in an order that agrees with the preamble's orders them all;
  a party neither has comes after, by its first mention in the text (title, preamble,
  then the body), the state's parties before KS as these agreements list them (a text
  may name KS, «representert ved KS», before the ministry that heads the letterhead).
- *Short names* only where the text uses one («Kunnskapsdepartementet (KD)», or the
  initials elsewhere in the text).
"""

from __future__ import annotations

import re

from avtale.extract.lines import Notes
from avtale.extract.outline import Signer
from avtale.i18n import _, ngettext
from avtale.model import Party

MINISTRY = re.compile(
    r"\b((?:[A-ZÆØÅ][\wæøå]*-,?\s+(?:[\wæøå]+-,?\s+){0,3}og\s+[\wæøå]*|[A-ZÆØÅ][\wæøå]*)departement(?:et)?)(?:s)?\b"
)
KS = re.compile(r"\bKS\b")
# Minister titles that do not become their ministry by «…minister» → «…departementet».
MINISTER_OF = {
    "statsminister": "Statsministerens kontor",
    "forsknings- og høyere utdanningsminister": "Kunnskapsdepartementet",
    "forskings- og høgare utdanningsminister": "Kunnskapsdepartementet",
    "fiskeri- og havminister": "Nærings- og fiskeridepartementet",
    "næringsminister": "Nærings- og fiskeridepartementet",
    "utviklingsminister": "Utenriksdepartementet",
    "eldre- og folkehelseminister": "Helse- og omsorgsdepartementet",
    "arbeidsminister": "Arbeids- og inkluderingsdepartementet",
    "distrikts- og digitaliseringsminister": "Kommunal- og distriktsdepartementet",
    "kommunalminister": "Kommunal- og distriktsdepartementet",
    "helseminister": "Helse- og omsorgsdepartementet",
    "justisminister": "Justis- og beredskapsdepartementet",
    "kulturminister": "Kultur- og likestillingsdepartementet",
    "klimaminister": "Klima- og miljødepartementet",
    "miljøminister": "Klima- og miljødepartementet",
    "landbruksminister": "Landbruks- og matdepartementet",
}
# («Forsknings- og høyere utdanningsminister»: one word may stand between «og» and «…minister», but not
# another «…minister»: two titles run together are no one minister's.)
MINISTER = re.compile(r"^(?:(?:stats)?råd\s+)?([A-ZÆØÅa-zæøå][\wæøå]*(?:-,?\s+(?:[\wæøå]+-,?\s+){0,3}og\s+(?:(?![\wæøå]*minister\s)[\wæøå]+\s+)?[\wæøå]+)?minister)$", re.IGNORECASE)


# pdftotext's plain text of a justified line loses «- » of a compound ministry name: «Klimaog miljødepartementet».
GLUED_OG = re.compile(r"\b([A-ZÆØÅ][a-zæøå]{2,})og(\s+[a-zæøå][\wæøå]*departement)")


def mentions(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every ministry and of KS in a text. A capitalised word glued to «og» right before a
    word ending in «-departement» is the first half of a compound name that lost its «- » («Klimaog
    miljødepartementet» → «Klima- og miljødepartementet»): no other word of a text stands so."""
    text = GLUED_OG.sub(r"\1- og\2", text)  # offsets move on by 2 a match: the order stays
    out = [(m.start(), _ministry(m.group(1))) for m in MINISTRY.finditer(text)]
    out += [(m.start(), "KS") for m in KS.finditer(text)]
    return sorted(out)


def _ministry(name: str) -> str:
    name = " ".join(name.split())
    return name if name.endswith("departementet") else name + "et"


def ministry_of(title: str) -> str | None:
    """«Kunnskapsminister» → «Kunnskapsdepartementet»; None for a title that is no minister's."""
    t = " ".join(title.split())
    m = MINISTER.match(t)
    if not m:
        return None
    stem = m.group(1)
    if stem.casefold() in MINISTER_OF:
        return MINISTER_OF[stem.casefold()]
    if stem[:1].islower():  # the tail of a title that wrapped in its cell: «utdanningsminister»
        whole = {v for k, v in MINISTER_OF.items() if k.endswith(" " + stem.casefold())}
        if len(whole) == 1:
            return whole.pop()
    name = stem[: -len("minister")] + "departementet"
    return name[0].upper() + name[1:]


def _key(name: str) -> str:
    """A name's key: casefolded, without spaces, hyphens and the «og» of a compound, so a name pdftotext
    wrote without them («Helseomsorgsdepartementet», «Digitaliseringsogforvaltningsdepartementet») is the same
    party as «Helse- og omsorgsdepartementet». Every «og» goes, glued or not: the key only compares names."""
    return re.sub(r"[\s,-]", "", name.casefold()).replace("og", "")


def _better(name: str, than: str | None) -> bool:
    """Of two spellings of one name, the one with the hyphen of a compound is the text's own."""
    return than is None or ("-" in name and "-" not in than)


def signer_party(signer: Signer, known: list[str]) -> str | None:
    """The party a signer signs for, by «For …», by a party named in the title, or by a minister's title.
    Where a cell cut a name short, the name the text names whole: a «For» row that opens it only («For
    Arbeids- og» over an underscore line), a minister's title whose wrapped tail names only the end of it
    («forvaltningsminister» → «Digitaliserings- og forvaltningsdepartementet»)."""
    if signer.party:
        named = [n for _, n in mentions(signer.party)]
        for n in known:
            if _key(n) == _key(signer.party) or (named and _key(n) == _key(named[0])):
                return n
        if named:
            return named[0]
        cut = " ".join(re.sub(r"[_.…]{2,}.*$", "", signer.party).split()).casefold()
        opened = [n for n in known if cut and " ".join(n.split()).casefold().startswith(cut)]
        return opened[0] if len(opened) == 1 else " ".join(signer.party.split())
    in_title = [n for _, n in mentions(signer.title)]
    if in_title:
        return in_title[0]
    name = ministry_of(signer.title)
    if name and _key(name) not in {_key(n) for n in known}:
        ends = [n for n in known if _key(n).endswith(_key(name))]
        return ends[0] if len(ends) == 1 else name
    return name


def find(texts: list[str], preamble: list[str], signers: list[Signer], orgs: list[str],
         notes: Notes) -> tuple[list[Party], list[int | None]]:
    """The parties, in order, and each signer's party index."""
    first: dict[str, tuple[int, int]] = {}  # name key → (text index, offset) of its first mention
    spelled: dict[str, str] = {}
    for i, text in enumerate(texts):
        for at, name in mentions(text):
            if _better(name, spelled.get(_key(name))):
                spelled[_key(name)] = name
            first.setdefault(_key(name), (i, at))
    names: list[str] = []
    named: list[str] = []  # keys in the order the preamble names them, from its sentence that names two on
    sentences = _sentences(preamble)
    for p, text in enumerate(sentences):
        found = list(dict.fromkeys(_key(n) for _, n in mentions(text)))
        if len(found) >= 2:
            names = list(dict.fromkeys(spelled.get(_key(n), n) for _, n in mentions(text)))
            named = list(dict.fromkeys(_key(n) for t in sentences[p:] for _, n in mentions(t)))
            break
    known = list(dict.fromkeys(names + list(spelled.values()) + [n for n in map(_clean_org, orgs) if n]))
    for n in [signer_party(s, known) for s in signers] + [ministry_of(s.title) for s in signers] + [_clean_org(o) for o in orgs]:
        if n and _key(n) in spelled and _better(n, spelled[_key(n)]):
            spelled[_key(n)] = n  # «Helse- og omsorgsminister» spells the «Helseomsorgsdepartementet» of a text
    names = [spelled.get(_key(n), n) for n in names]
    known = [spelled.get(_key(n), n) for n in known]
    signer_names = [_as_spelled(signer_party(s, known), spelled) for s in signers]
    for n in signer_names + [_clean_org(o) for o in orgs]:
        if n and _key(n) not in {_key(x) for x in names}:
            if _crossed(n, names):
                notes.meta(_("«{name}» joins the halves of two parties' names (cells read across); not a party")
                           .format(name=n))
                continue
            names.append(spelled.get(_key(n), n))
    if len(names) < 2:  # no preamble, signatures or letterhead say: the ministry named most, and KS
        counts = {k: sum(_key(n) == k for t in texts for _, n in mentions(t)) for k in first}
        ministries = sorted((k for k in first if spelled[k] != "KS"), key=lambda k: (-counts[k], first[k]))
        for key in ministries[:1] + (["ks"] if "ks" in first else []):
            if key not in {_key(x) for x in names}:
                names.append(spelled[key])
    never = len(texts) + 1
    letterhead = [_key(o) for o in dict.fromkeys(_clean_org(o) for o in orgs) if o]
    signed = [_key(n) for n in dict.fromkeys(n for n in signer_names if n)]
    primary = _order_of(named, letterhead, signed, {_key(n) for n in names})
    order = sorted(range(len(names)), key=lambda k: (
        (0, primary.index(_key(names[k])), 0, 0, 0) if _key(names[k]) in primary else (1, _key(names[k]) == "ks", *first.get(_key(names[k]), (never, k)))))
    names = [names[k] for k in order]
    while len(names) < 2:
        names.append(f"Part {len(names) + 1}")
        notes.meta(ngettext("only {n} party found in the text; «{name}» is a placeholder",
                            "only {n} parties found in the text; «{name}» is a placeholder", len(names) - 1)
                   .format(n=len(names) - 1, name=names[-1]))
    parties = _to_parties(names, texts)
    index = {_key(p.name): k for k, p in enumerate(parties)}
    which = []
    for s, n in zip(signers, signer_names):
        k = index.get(_key(n)) if n else None
        if k is None:
            notes.uncertain(s.line, _("nothing tells which party «{name}» signs for").format(name=s.name))
        which.append(k)
    return parties, which


def _crossed(name: str, names: list[str]) -> bool:
    """«Justis- og familiedepartementet» where the parties are «Barne- og familiedepartementet» and «Justis- og
    beredskapsdepartementet»: a compound's first half from one party's name and its last word from another's
    (or another's whole name: «Arbeids- og Finansdepartementet»), as a text export reads two narrow cells of names
    across (pdftotext, pypdf)."""
    m = re.match(r"^(\S+-) og (\S+)$", name)
    if not m:
        return False
    starts = {k for k, n in enumerate(names) if n.startswith(m.group(1) + " og ")}
    ends = {k for k, n in enumerate(names) if n == m.group(2) or n.endswith(" " + m.group(2)) and "-" in n}
    return bool(starts and ends and not starts & ends)


def _sentences(paragraphs: list[str]) -> list[str]:
    """Paragraphs joined where an exporter broke a sentence: one ends in a comma («Partene i denne avtalen er
    Kultur- og likestillingsdepartementet,» / «Finansdepartementet og KS.»), or in a lower-case word with the
    next going on in lower case. (A title left among them ends without a full stop too, but the sentence
    after it opens with a capital.)"""
    out: list[str] = []
    for text in paragraphs:
        prev = out[-1].strip() if out else ""
        if out and (prev.endswith(",") or (re.search(r"[a-zæøå]$", prev) and re.match(r"\s*[a-zæøå]", text))):
            out[-1] += "\n" + text
        else:
            out.append(text)
    return out


def _order_of(named: list[str], letterhead: list[str], signed: list[str], have: set[str]) -> list[str]:
    """Which list orders the parties: the preamble's, where it names two or more (a list of parties may
    go on into the next paragraph where an exporter broke it), else the letterhead's, else the signatures';
    but a letterhead or signature block that names more of the parties and agrees with that order where
    both name a party orders them all (the preamble lost a name an exporter broke: «Kommunalog»)."""
    primary = named if len(set(named) & have) >= 2 else letterhead if len(set(letterhead) & have) >= 2 else signed
    for other in (letterhead, signed):
        if len(set(other) & have) > len(set(primary) & have) and _agree(other, primary):
            primary = other
    return primary


def _agree(a: list[str], b: list[str]) -> bool:
    """The names both lists hold come in the same order in each."""
    common = set(a) & set(b)
    return [k for k in a if k in common] == [k for k in b if k in common]


# Ministries whose names differ between bokmål and nynorsk (a title mapped to the bokmål name
# is the nynorsk one where the text uses that).
NYNORSK_NAMES = {"utenriksdepartementet": "utanriksdepartementet"}


def _as_spelled(name: str | None, spelled: dict[str, str]) -> str | None:
    """The text's own spelling of a ministry a title named (bokmål or nynorsk)."""
    if name is None:
        return None
    key = _key(name)
    for a, b in NYNORSK_NAMES.items():
        for x, y in ((a, b), (b, a)):
            if key == x and y in spelled:
                return spelled[y]
    return spelled.get(key, name)


def _clean_org(text: str) -> str:
    named = [n for _, n in mentions(text)]
    return named[0] if named else ""


def _to_parties(names: list[str], texts: list[str]) -> list[Party]:
    words = {w for t in texts for w in re.findall(r"[\wÆØÅæøå]+", t)}
    out: list[Party] = []
    for name in names:
        short = _short(name, words, texts)
        pid = _slug(short or name)
        while pid in {p.id for p in out}:
            pid += "-2"
        out.append(Party(id=pid, name=name, short=short))
    return out


def _short(name: str, words: set[str], texts: list[str]) -> str | None:
    if name.isupper() and len(name) <= 6:
        return None
    for text in texts:
        m = re.search(re.escape(name) + r"\s*\(([A-ZÆØÅ]{2,6})\)", text)
        if m:
            return m.group(1)
    parts = re.split(r"-,?\s+(?:og\s+)?", name)
    guess = "".join(p[0].upper() for p in parts if p) + ("D" if name.endswith("departementet") and len(parts) > 1 else "")
    if len(parts) == 1 and name.endswith("departementet"):
        guess = name[0].upper() + "D"
    return guess if guess in words else None


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return (slug or "part")[:40]
