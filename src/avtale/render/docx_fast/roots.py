"""The opening tags of the parts python-docx's template gives (their namespace declarations, in its order).

Reads and writes nothing: constants, as the base template has them (`docx_package.base_template()`).
"""

from __future__ import annotations

NS = {
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mo": "http://schemas.microsoft.com/office/mac/office/2008/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "mv": "urn:schemas-microsoft-com:mac:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": "urn:schemas-microsoft-com:vml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
# the document and numbering parts' order; the header's and footer's (python-docx's own templates)
BODY_ORDER = ("wpc", "mo", "mc", "mv", "o", "r", "m", "v", "wp14", "wp", "w10", "w", "w14", "wpg", "wpi", "wne", "wps")
STORY_ORDER = ("m", "mc", "mo", "mv", "o", "r", "v", "w10", "w14", "w", "wne", "wp14", "wp", "wpc", "wpg", "wpi", "wps")


def opening(tag: str, order: tuple) -> str:
    decls = "".join(f' xmlns:{p}="{NS[p]}"' for p in order)
    return f'<{tag}{decls} mc:Ignorable="w14 wp14">'


DOCUMENT = opening("w:document", BODY_ORDER)
NUMBERING = opening("w:numbering", BODY_ORDER)
FOOTER = opening("w:ftr", STORY_ORDER)
HEADER = opening("w:hdr", STORY_ORDER)
FOOTNOTES = f'<w:footnotes xmlns:w="{NS["w"]}" xmlns:r="{NS["r"]}">'
