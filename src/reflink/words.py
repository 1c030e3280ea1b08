"""Function words: the small words that join the content words of titles, names and headings.

One list, so a title, a journal name, a heading and an organisation's name are read alike
(and the particles of names, and the words a citation key skips, beside it):

    >>> "of" in FUNCTION_WORDS and "de" in FOREIGN_FUNCTION_WORDS
    True

The words that follow a citation callout ("nodules 5 and liver") are another matter and live
with the callouts (`citations.WORDS_AFTER_CALLOUT`).
"""

from __future__ import annotations

# English: "Cancer of the Lung", "2. Metastasis manners of ALK and" + "ROS1 rearrangement"
FUNCTION_WORDS = frozenset("a an the and or of in for to with on by from at".split())

# The particles and articles of the other languages reference lists print: "Revista de la
# Sociedad", "Zeitschrift für Krebsforschung", "van der Laak J"
FOREIGN_FUNCTION_WORDS = frozenset(
    "de des du der die und et la le les di da do dos das e y für van von".split()
)

# Lower-case particles that open a family name: "J. von Pawel", "van der Berg J", "bin Zayed"
NAME_PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le ten ter zu y al el bin ibn".split()
)

# Words a citation key skips to reach a title's first significant one, as Better BibTeX does:
# "The ALK story" → Smith2019ALK, "On the use of …" → Smith2019Use
KEY_SKIP_WORDS = FUNCTION_WORDS | frozenset(
    "some but nor so yet as is are into onto upon about after against among before between "
    "over under via through toward towards versus vs within without per".split()
)
