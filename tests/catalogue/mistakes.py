"""The catalogue of drafter mistakes: what a policy adviser types into a real agreement, and what avtale says.

Each case is an edit of one of the two agreements in `agreements/` (made a
draft, so the seal does not speak first): the line as the file has it, the
line as the drafter typed it, and the one error avtale must give — its line
and column (the mistake's own place, not where the parser gave up), its code,
and its message in English and in bokmål.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import AGREEMENTS


@dataclass(frozen=True)
class Mistake:
    name: str
    base: str  # "2022-2025" or "2014-2017"
    old: str
    new: str
    at: tuple[int, int]
    code: str
    en: str
    nb: str


def draft(base: str) -> str:
    """The agreement as a draft: no seal, so a changed text is not reported as a changed signed text."""
    text = (AGREEMENTS / f"{base}.yaml").read_text(encoding="utf-8")
    return text.replace("\nstatus: signed\n", "\nstatus: draft\n").split("\nseal:\n")[0] + "\n"


def apply(case: Mistake) -> tuple[str, str]:
    """The text with the drafter's edit, and its file name."""
    text = draft(case.base)
    assert text.count(case.old) == 1, f"{case.name}: the edit's line must occur once"
    return text.replace(case.old, case.new), f"{case.base}.yaml"


ITEM = "      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse."
LIST_ITEM = "          - Bidra til utvikling av en mer variert og praktisk orientert skole."
SECTION = "  - title: Økonomi\n    blocks:"


CASES = [
    Mistake('comment-after-text', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - Avtalepartene skal ha jevnlig dialog om tiltak #1 og måloppnåelse.', (34, 56), 'AV101', "«#1 og måloppnåelse.» is read as a YAML comment, so it is left out of the text: put the whole text in quotes ('…'), or write «nr. 1» instead of «#1»", "«#1 og måloppnåelse.» leses som en YAML-kommentar og blir utelatt fra teksten: sett hele teksten i anførselstegn ('…'), eller skriv «nr. 1» i stedet for «#1»"),
    Mistake('item-folded-into-the-one-above', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '        - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', (34, 9), 'AV101', '«- Avtalepartene skal ha jevnlig dialog…» is indented too far, so it is read as words of the text above, not as an item of its own: indent its «-» as far as the item above', '«- Avtalepartene skal ha jevnlig dialog…» har for stort innrykk og leses som ord i teksten over, ikke som et eget punkt: gi «-» samme innrykk som punktet over'),
    Mistake('unclosed-quote', '2022-2025', "      - 'I avtaleperioden skal det særskilt samarbeides om følgende politisk prioriterte satsingsområder:'", "      - 'I avtaleperioden skal det særskilt samarbeides om følgende politisk prioriterte satsingsområder:", (41, 9), 'AV001', "the quotation mark ' that starts this text is never closed: end the text with ' on the same line", "anførselstegnet ' som begynner denne teksten, blir aldri lukket: avslutt teksten med ' på samme linje"),
    Mistake('colon-in-an-item', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - Avtalepartene skal ha jevnlig dialog om: tiltak og måloppnåelse.', (34, 48), 'AV100', "the text contains «: » (a colon and a space), which YAML reads as a key: put the whole text in quotes: 'Avtalepartene skal ha jevnlig dialog om: tiltak …'", "teksten inneholder «: » (kolon og mellomrom), som YAML leser som en nøkkel: sett hele teksten i anførselstegn: 'Avtalepartene skal ha jevnlig dialog om: tiltak …'"),
    Mistake('colon-in-a-title', '2022-2025', '  - title: Formålet med avtalen', '  - title: Formålet: avtalen', (19, 20), 'AV001', "the text contains «: » (a colon and a space), which YAML reads as a new key: put the whole text in quotes: 'Formålet: avtalen'", "teksten inneholder «: » (kolon og mellomrom), som YAML leser som en ny nøkkel: sett hele teksten i anførselstegn: 'Formålet: avtalen'"),
    Mistake('text-starting-with-a-quotation', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - "Avtalepartene" skal ha jevnlig dialog om tiltak og måloppnåelse.', (34, 9), 'AV001', 'a text that starts with a quotation mark must be in quotes as a whole: write \'"Avtalepartene" skal ha jevnlig dialog om tiltak …\', or use «…» for the quotation', 'en tekst som begynner med et anførselstegn, må stå i anførselstegn i sin helhet: skriv \'"Avtalepartene" skal ha jevnlig dialog om tiltak …\', eller bruk «…» for sitatet'),
    Mistake('text-starting-with-a-bracket', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - [Utkast] Avtalepartene skal ha jevnlig dialog.', (34, 9), 'AV001', "a text that starts with «[» must be in quotes: write '[Utkast] Avtalepartene skal ha jevnlig dialog.'", "en tekst som begynner med «[», må stå i anførselstegn: skriv '[Utkast] Avtalepartene skal ha jevnlig dialog.'"),
    Mistake('text-starting-with-at', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - @KS skal ha jevnlig dialog.', (34, 9), 'AV001', "a text cannot start with «@»: put the whole text in quotes: '@KS skal ha jevnlig dialog.'", "en tekst kan ikke begynne med «@»: sett hele teksten i anførselstegn: '@KS skal ha jevnlig dialog.'"),
    Mistake('star-for-a-bullet', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      * Avtalepartene skal ha jevnlig dialog.', (34, 7), 'AV001', "«*» does not start a list item in YAML: start the item with «- », or put the text in quotes: '* Avtalepartene skal ha jevnlig dialog.'", "«*» begynner ikke et listepunkt i YAML: begynn punktet med «- », eller sett teksten i anførselstegn: '* Avtalepartene skal ha jevnlig dialog.'"),
    Mistake('star-after-the-dash', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - * Avtalepartene skal ha jevnlig dialog.', (34, 9), 'AV001', "«*» does not start a list item in YAML: start the item with «- », or put the text in quotes: '* Avtalepartene skal ha jevnlig dialog.'", "«*» begynner ikke et listepunkt i YAML: begynn punktet med «- », eller sett teksten i anførselstegn: '* Avtalepartene skal ha jevnlig dialog.'"),
    Mistake('text-starting-with-an-ampersand', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - &KS skal ha jevnlig dialog.', (34, 9), 'AV001', "a text cannot start with «&»: put the whole text in quotes: '&KS skal ha jevnlig dialog.'", "en tekst kan ikke begynne med «&»: sett hele teksten i anførselstegn: '&KS skal ha jevnlig dialog.'"),
    Mistake('text-starting-with-an-exclamation', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - !Viktig: dialog.', (34, 9), 'AV001', "a text cannot start with «!»: put the whole text in quotes: '!Viktig: dialog.'", "en tekst kan ikke begynne med «!»: sett hele teksten i anførselstegn: '!Viktig: dialog.'"),
    Mistake('backslash-in-double-quotes', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      - "Se C:\\mappe for dialog."', (34, 15), 'AV001', 'a backslash (\\) inside "…" starts a special character: put the text in single quotes \'…\' instead, or write the backslash twice (\\\\)', 'en omvendt skråstrek (\\) inne i "…" innleder et spesialtegn: sett teksten i enkle anførselstegn \'…\' i stedet, eller skriv skråstreken to ganger (\\\\)'),
    Mistake('unknown-key-typo', '2022-2025', '  - title: Økonomi', '  - titel: Økonomi', (58, 5), 'AV100', '«titel:» is not a key here: did you mean «title:»?', '«titel:» er ikke en nøkkel her: mente du «title:»?'),
    Mistake('unknown-key-far', '2022-2025', '    short: KD', '    kortnavn: KD', (8, 5), 'AV100', '«kortnavn:» is not a key here; the keys here are «id», «name», «short», «logo»', '«kortnavn:» er ikke en nøkkel her; nøklene her er «id», «name», «short», «logo»'),
    Mistake('non-breaking-space-indentation', '2022-2025', '    short: KD', '  \xa0 short: KD', (8, 3), 'AV001', 'this line is indented with a non-breaking space (often pasted from Word or a web page): replace it with ordinary spaces', 'linjen har innrykk med hardt mellomrom (ofte limt inn fra Word eller en nettside): bytt det ut med vanlige mellomrom'),
    Mistake('tab-indentation', '2022-2025', '    short: KD', '\tshort: KD', (8, 1), 'AV001', 'a tab cannot indent YAML: use spaces', 'tabulator kan ikke brukes til innrykk i YAML: bruk mellomrom'),
    Mistake('key-indented-too-little', '2022-2025', '    blocks:\n      - >-\n        Kunnskapsdepartementet og KS', '   blocks:\n      - >-\n        Kunnskapsdepartementet og KS', (27, 4), 'AV001', '«blocks:» is indented 3 spaces, but the keys it belongs with are indented 4 spaces (like «title:» on line 26): indent it 4 spaces', '«blocks:» har innrykk på 3 mellomrom, men nøklene den hører sammen med, har 4 mellomrom (som «title:» på linje 26): gi den innrykk på 4 mellomrom'),
    Mistake('key-indented-too-far', '2022-2025', '  - title: Økonomi\n    blocks:', '  - title: Økonomi\n     blocks:', (59, 6), 'AV001', '«blocks:» is indented 5 spaces, but the keys it belongs with are indented 4 spaces (like «title:» on line 58): indent it 4 spaces', '«blocks:» har innrykk på 5 mellomrom, men nøklene den hører sammen med, har 4 mellomrom (som «title:» på linje 58): gi den innrykk på 4 mellomrom'),
    Mistake('item-indented-too-little', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '     - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', (34, 6), 'AV001', 'this item is indented 5 spaces, but the items of its list are indented 6 spaces (like line 28): indent its «-» 6 spaces', 'dette punktet har innrykk på 5 mellomrom, men punktene i listen har 6 mellomrom (som linje 28): gi «-» innrykk på 6 mellomrom'),
    Mistake('first-key-indented', '2022-2025', 'id: 2022-2025', ' id: 2022-2025', (2, 2), 'AV001', 'the keys at the top of the file start at the beginning of the line, but this one is indented 1 space: remove the indentation', 'nøklene øverst i filen begynner helt til venstre på linjen, men denne har innrykk på 1 mellomrom: fjern innrykket'),
    Mistake('missing-dash', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', (34, 7), 'AV001', 'this line is neither a key («name: value») nor an item («- text»): if it is a new item, start it with «- »; if it goes on from the text above, indent it like that text', 'denne linjen er verken en nøkkel («navn: verdi») eller et punkt («- tekst»): er den et nytt punkt, begynn den med «- »; fortsetter den teksten over, gi den samme innrykk som den teksten'),
    Mistake('dash-without-space', '2022-2025', '      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', '      -Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.', (34, 7), 'AV001', 'put a space after «-» to start an item: «- Avtalepartene skal ha …»', 'sett et mellomrom etter «-» for å begynne et punkt: «- Avtalepartene skal ha …»'),
    Mistake('key-without-colon', '2022-2025', '  - title: Økonomi\n    blocks:', '  - title Økonomi\n    blocks:', (58, 10), 'AV001', '«title» needs a colon after it: «title: Økonomi»', '«title» må ha kolon etter seg: «title: Økonomi»'),
    Mistake('colon-without-space', '2022-2025', 'language: nb', 'language:nb', (4, 10), 'AV001', 'put a space after the colon: «language: nb»', 'sett et mellomrom etter kolonet: «language: nb»'),
    Mistake('duplicate-key', '2022-2025', 'language: nb', 'language: nb\nlanguage: nn', (5, 1), 'AV001', '«language:» is written twice here (first on line 4): keep one', '«language:» står to ganger her (første gang på linje 4): behold én'),
    Mistake('second-document', '2022-2025', 'language: nb', 'language: nb\n---\nid: x', (5, 1), 'AV001', 'a file holds one agreement: remove the second «---» and what follows it, or put it in a file of its own', 'en fil inneholder én avtale: fjern den andre «---» og det som følger, eller legg det i en egen fil'),
    Mistake('number-as-title', '2022-2025', '  - title: Økonomi', '  - title: 2026', (58, 12), 'AV101', "«2026» is read as a number, not as text: put it in quotes: '2026'", "«2026» leses som et tall, ikke som tekst: sett det i anførselstegn: '2026'"),
    Mistake('decimal-as-item', '2022-2025', '          - Bidra til utvikling av en mer variert og praktisk orientert skole.', '          - 1.5', (47, 13), 'AV101', "«1.5» is read as a number, not as text: put it in quotes: '1.5'", "«1.5» leses som et tall, ikke som tekst: sett det i anførselstegn: '1.5'"),
    Mistake('yes-no-as-item', '2022-2025', '          - Bidra til utvikling av en mer variert og praktisk orientert skole.', '          - true', (47, 13), 'AV101', "«true» is read as a yes-or-no value, not as text: put it in quotes: 'true'", "«true» leses som en ja/nei-verdi, ikke som tekst: sett det i anførselstegn: 'true'"),
    Mistake('tilde-as-item', '2022-2025', '          - Bidra til utvikling av en mer variert og praktisk orientert skole.', '          - ~', (47, 13), 'AV101', "«~» is read as an empty value, not as text: write the text instead, or put it in quotes if «~» is the text: '~'", "«~» leses som en tom verdi, ikke som tekst: skriv teksten i stedet, eller sett det i anførselstegn hvis «~» er teksten: '~'"),
    Mistake('date-as-item', '2022-2025', '          - Bidra til utvikling av en mer variert og praktisk orientert skole.', '          - 2026-01-01', (47, 13), 'AV101', "«2026-01-01» is read as a date, not as text: put it in quotes: '2026-01-01'", "«2026-01-01» leses som en dato, ikke som tekst: sett det i anførselstegn: '2026-01-01'"),
    Mistake('empty-item', '2022-2025', '          - Bidra til utvikling av en mer variert og praktisk orientert skole.', '          -', (47, 11), 'AV101', 'this item has no text: write the text after «-», or delete the line', 'punktet har ingen tekst: skriv teksten etter «-», eller slett linjen'),
    Mistake('empty-title', '2022-2025', '  - title: Økonomi', "  - title: ''", (58, 5), 'AV101', '«title:» has no text: write the text after it', '«title:» har ingen tekst: skriv teksten etter nøkkelen'),
    Mistake('missing-title', '2022-2025', '  - title: Økonomi\n    blocks:', '  - blocks:', (58, 5), 'AV100', '«title:» is missing here: add it', '«title:» mangler her: legg den til'),
    Mistake('wrong-language', '2022-2025', 'language: nb', 'language: no', (4, 11), 'AV100', '«no» is not a choice for «language:»: write «nb» or «nn»', '«no» er ikke et valg for «language:»: skriv «nb» eller «nn»'),
    Mistake('wrong-status', '2022-2025', 'status: draft', 'status: signert', (13, 9), 'AV100', '«signert» is not a choice for «status:»: write «draft» or «signed»', '«signert» er ikke et valg for «status:»: skriv «draft» eller «signed»'),
    Mistake('date-in-norwegian-order', '2022-2025', '  end: 2025-12-31', '  end: 31.12.2025', (12, 8), 'AV100', '«31.12.2025» is not a date: write it as YYYY-MM-DD, for example 2014-11-07', '«31.12.2025» er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, for eksempel 2014-11-07'),
    Mistake('impossible-date', '2022-2025', '  end: 2025-12-31', '  end: 2025-13-31', (12, 8), 'AV100', '«2025-13-31» is not a date: write it as YYYY-MM-DD, for example 2014-11-07', '«2025-13-31» er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, for eksempel 2014-11-07'),
    Mistake('id-with-capitals', '2022-2025', 'id: 2022-2025', 'id: Avtale-2022', (2, 5), 'AV100', '«Avtale-2022» cannot be an id: use lower-case letters, digits and hyphens only (like «2014-2017» or «kd»)', '«Avtale-2022» kan ikke være en id: bruk bare små bokstaver, sifre og bindestrek (som «2014-2017» eller «kd»)'),
    Mistake('one-party', '2022-2025', '  - id: ks\n    name: KS\n', '', (5, 1), 'AV100', '«parties:» needs at least 2 parties', '«parties:» må ha minst 2 parter'),
    Mistake('bullets-as-one-text', '2022-2025', '      - numbered:\n          - Samarbeide om utvikling og oppfølging av hovedmålene i tillitsreformen i barnehage og skole.', '      - numbered: Samarbeide om utvikling og oppfølging av hovedmålene i tillitsreformen i barnehage og skole.', (42, 19), 'AV100', '«numbered:» holds a list: put each item on its own line below it, starting with «- »', '«numbered:» inneholder en liste: sett hvert punkt på en egen linje under, med «- » først'),
    Mistake('list-with-unknown-kind', '2022-2025', '      - numbered:', '      - nummerert:', (42, 9), 'AV100', 'a list starts with «bullets:» or «numbered:»; «nummerert:» is neither', 'en liste begynner med «bullets:» eller «numbered:»; «nummerert:» er ingen av dem'),
    Mistake('section-as-text', '2022-2025', '  - title: Økonomi\n    blocks:\n', '  - Økonomi\n  - blocks:\n', (58, 5), 'AV100', 'keys belong here («title:», «blocks:», «subsections:» …), not a text', 'her skal det stå nøkler («title:», «blocks:», «subsections:» …), ikke en tekst'),
]
