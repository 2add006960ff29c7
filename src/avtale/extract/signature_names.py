"""The words a signatory's name is made of, for cutting names an exporter joined (`signature_parts`).

Reads: nothing. Writes: nothing. `GIVEN`, common Norwegian given names, and `SURNAME`, the endings of the farm and
place names Norwegian surnames are made of: where an exporter joined the names of several columns with single
spaces, a name starts at a given name and seldom at a surname (`signature_parts.cut_names`).
"""

from __future__ import annotations

import re

# Common Norwegian given names: where an exporter turned the tab between two names into a space
# («Jon Ivar Sæle Astrid Bergset»), a second name starts at one of these.
GIVEN = set("""
Sigrid Sofie Johanne Elise Tone Unni Ragnhild Astrid Håkon Eirik Ingvild Kristine Karoline Emilie Nora Emma Sara
Thea Ingrid Maja Julie Hanna Helene Marthe Stine Lise Anette Cecilie Linn Vibeke Merete Gunhild Randi Oddny Signe
Live Åshild Torunn Solfrid Bodil Jorunn Eldbjørg Magnhild Dagny Frida Guri Tuva Vilde Mathilde Ane Kaja Jenny
Ola Stein Knut Olav Sigmund Gustav Leif Kåre Arild Frode Roar Dag Asbjørn Ståle Halvor Tor Are Atle Eivind Endre Fredrik
Jakob Johannes Mathias Sondre Simon Tobias Sander Daniel Markus Emil Henrik Oskar Elias Filip Adrian Kristoffer
Christian Alexander Sebastian Thomas Torstein Bård Vegard Haakon Ove Yngve Rolf Egil Reidar Ragnar Sverre Torgeir

Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne Randi Ida Nina Maria Elisabeth
Kristin Bente Heidi Silje Hanne Gunn Tone Line Wenche Camilla Ellen Mari Trine Lene Ingeborg Sissel Aud Guro Sunniva
Ragnhild Tove Elin Grethe Torill Unni Siri Monica Kirsten Turid Karin Åse Gro Laila Kjersti Vigdis Hege Marte Synnøve
Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin Andreas John Anders
Rune Trond Harald Jon Olav Tore Espen Håkon Sindre Eirik Oddvar Trygve Jonas Magnus Sverre Sigurd Gunnar Nils Stian
Torbjørn Jens Einar Petter Øystein Kristian Henrik Tormod Helge Audun Jørgen Aksel Vidar Ivar Even Steinar Øyvind
""".split())


# The endings of Norwegian farm and place names that surnames are made of («Lyngstad», «Ravndal», «Haugen»,
# «Bakke», «Nygård»): a name seldom starts with one, so a cut that starts a name with one is the worse cut. An ending
# is often a surname by itself («Moen», «Berg», «Strand»), so case does not count.
SURNAME = re.compile(r"(?i:stad|dal|sen|son|gen|rud|vik|berg|heim|land|nes|haug|haugen|bakke|bakken|gård|gard|ås|øy|lund|"
                     r"voll|strand|seth|moen|rønning|holm|fjord|fjeld|fjell|aas|aune|tveit)$")
