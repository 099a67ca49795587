"""Social cards: a 1200x630 PNG per page and language, for link previews (og:image).

Drawn with Pillow's complex-text layout (Raqm: Devanagari conjuncts, matras and nukta shaped
as they should be) in Noto Sans Devanagari, and Chinese in Noto Sans CJK SC, each from a pinned
package, never a system font. A title is broken between words, a word wider than the card
between its letters, and cut short with an ellipsis past three lines: nothing is drawn outside
the margins. A card is drawn only when what goes into it changes: cards are kept in
.cache/cards/ under a key made of all of it (texts, fonts, drawing code, brand colour, library
versions), and copied beside each page as card.png. Each is byte-identical across builds. The
site's icons (offline.py) are kept in the same cache.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_build import head

SIZE = (1200, 630)
MARGIN = 80
COLOURS = {"accent": "#f4a340", "text": "#ffffff", "quiet": "#f3d9dd"}  # and the background: site.css's brand colour
CACHE = Path(__file__).resolve().parents[3] / ".cache" / "cards"

# Each font from a pinned package, never a system font: script -> (module, PyPI package, file).
FONTS = {"devanagari": ("fontpkg_noto_sans_devanagari", "fontpkg-noto-sans-devanagari", "files/NotoSansDevanagari*.ttf"),
         "cjk": ("manimgx_fonts_cjk", "manimgx-fonts-cjk", "NotoSansCJK-VF.otf.ttc")}
CJK_FACE = 2  # the collection's faces are JP, KR, SC, TC, HK: SC, for Simplified Chinese
TITLE_WEIGHT, SITE_NAME_WEIGHT = 700, 600
JOINERS = "\u200c\u200d"


@functools.cache
def font_file(script: str) -> Path:
    module, package, pattern = FONTS[script]
    try:
        imported = importlib.import_module(module)
    except ImportError as problem:
        raise PluginError(f"Social cards need the font package {package} (pyproject.toml): "
                          "run ./dev serve or ./dev build, which install it") from problem
    return next(Path(imported.__file__).parent.glob(pattern))


@functools.cache
def drawing_digest() -> str:
    """Everything besides its text that can change a card: the fonts (each file's place, size and
    time, as its package installed it: hashing the 33 MB of the Chinese one took a tenth of a
    build), this file's drawing code, and the versions of Pillow and of the libraries it lays
    text out with."""
    from PIL import __version__, features
    libraries = [f"{name} {features.version(name)}" for name in ("raqm", "fribidi", "harfbuzz", "freetype2")]
    fonts = [f"{path} {stat.st_size} {stat.st_mtime_ns}".encode()
             for path in map(font_file, FONTS) for stat in [path.stat()]]
    parts = [*fonts, Path(__file__).read_bytes(),
             head.brand_colour().encode(), f"Pillow {__version__}; {'; '.join(libraries)}".encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def check_layout_engine():
    from PIL import features
    if not features.check("raqm"):
        raise PluginError("Social cards need Pillow with Raqm (complex text layout, for Devanagari); this "
                          "Pillow has none: install libraqm, or its fribidi (Debian: apt-get install libfribidi0)")


@functools.cache
def font(script: str, size: int, weight: int):
    from PIL import ImageFont
    loaded = ImageFont.truetype(str(font_file(script)), size, index=CJK_FACE if script == "cjk" else 0,
                                layout_engine=ImageFont.Layout.RAQM)
    loaded.set_variation_by_axes([weight if axis["name"] == b"Weight" else axis["default"]
                                  for axis in loaded.get_variation_axes()])
    return loaded


class Setting:
    """Text set at one size and weight: Chinese, Japanese and Korean (the characters Unicode calls
    East Asian wide) in Noto Sans CJK, everything else in Noto Sans Devanagari (which has Latin too)."""

    def __init__(self, size: int, weight: int):
        self.size, self.weight = size, weight

    def runs(self, text: str) -> list[tuple[str, str]]:
        """The text as (script, run) pieces, each set in one font."""
        found = []
        for char in text:
            script = "cjk" if unicodedata.east_asian_width(char) in "WF" else "devanagari"
            # A mark, a joiner or a control stays with the letter before it.
            if found and (found[-1][0] == script or unicodedata.category(char)[0] in "MC"):
                found[-1] = (found[-1][0], found[-1][1] + char)
            else:
                found.append((script, char))
        return found

    def length(self, text: str) -> float:
        return sum(font(script, self.size, self.weight).getlength(run) for script, run in self.runs(text))

    def draw(self, pen, top: int, lines: list[str], fill: str, language: str):
        """The lines from the left margin down, the first line's ascender at `top`; each run on one baseline."""
        ascent = font("devanagari", self.size, self.weight).getmetrics()[0]
        for number, line in enumerate(lines):
            x, baseline = MARGIN, top + number * int(self.size * 1.45) + ascent
            for script, run in self.runs(line):
                face = font(script, self.size, self.weight)
                pen.text((x, baseline), run, font=face, fill=fill, anchor="ls", language="zh" if script == "cjk" else language)
                x += face.getlength(run)


def letters(word: str) -> list[str]:
    """The word in the pieces a line may break between: each letter with its marks, a conjunct
    (consonants joined by a virama) whole, a joiner with both its neighbours."""
    pieces = []
    for char in word:
        joined = pieces and (unicodedata.category(char).startswith("M") or char in JOINERS
                             or pieces[-1][-1] in JOINERS or unicodedata.combining(pieces[-1][-1]) == 9)
        if joined:
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def broken(word: str, setting: Setting, width: int) -> list[str]:
    """The word as it fits in lines of `width`: whole if it fits, else broken between letters."""
    pieces = [""]
    for letter in letters(word):
        if pieces[-1] and setting.length(pieces[-1] + letter) > width:
            pieces.append(letter)
        else:
            pieces[-1] += letter
    return pieces


def lines(text: str, setting: Setting, width: int) -> list[str]:
    """The text broken between words into lines no wider than `width` (a longer word broken)."""
    result = []
    for word in text.split():
        if result and setting.length(f"{result[-1]} {word}") <= width:
            result[-1] += f" {word}"
        else:
            result.extend(broken(word, setting, width))
    return result


def shortened(wrapped: list[str], setting: Setting, width: int, most: int) -> list[str]:
    """The first `most` lines, the last cut short to end in an ellipsis if any text is left out."""
    if len(wrapped) <= most:
        return wrapped
    words = wrapped[most - 1].split(" ")
    ended = next((" ".join(words[:count]) + " …" for count in range(len(words), 0, -1)
                  if setting.length(" ".join(words[:count]) + " …") <= width), None)
    if ended is None:  # one word, too wide with the ellipsis: cut between its letters
        kept = letters(words[0])
        while kept and setting.length("".join(kept) + "…") > width:
            kept.pop()
        ended = "".join(kept) + "…"
    return wrapped[:most - 1] + [ended]


def draw(title: str, site_name: str, language: str) -> bytes:
    from PIL import Image, ImageDraw
    image = Image.new("RGB", SIZE, head.brand_colour())
    pen = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    pen.rectangle([MARGIN, 150, MARGIN + 120, 158], fill=COLOURS["accent"])
    name = Setting(40, SITE_NAME_WEIGHT)
    name.draw(pen, 70, shortened(lines(site_name, name, width), name, width, 1), COLOURS["quiet"], language)
    for size in (76, 64, 54):  # the largest type that fits the title in three lines
        setting = Setting(size, TITLE_WEIGHT)
        wrapped = lines(title, setting, width)
        if len(wrapped) <= 3:
            break
    setting.draw(pen, 200, shortened(wrapped, setting, width, 3), COLOURS["text"], language)
    buffer = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def card(title: str, site_name: str, language: str) -> Path:
    """The card's file in the cache, drawn first if it is not there."""
    return cached([title, site_name, language], lambda: draw(title, site_name, language))


def cached(key: list[str], drawing: Callable[[], bytes]) -> Path:
    """The PNG that `drawing` makes, from the cache, keyed by `key` and the drawing's digest."""
    path = CACHE / f"{hashlib.sha256(chr(0).join([*key, drawing_digest()]).encode()).hexdigest()}.png"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        # Written beside its place and then renamed: an interrupted build leaves no half card.
        with tempfile.NamedTemporaryFile(dir=CACHE, suffix=".part", delete=False) as part:
            part.write(drawing())
        os.replace(part.name, path)
    return path


def write(page, site_name: str, language: str, home: bool):
    """The page's card, beside the page (which MkDocs writes after this)."""
    title = site_name if home else head.page_title(page)
    target = Path(page.file.abs_dest_path).with_name("card.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(card(title, site_name, language), target)
