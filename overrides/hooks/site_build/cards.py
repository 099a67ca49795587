"""Social cards: a 1200x630 PNG per page and language, for link previews (og:image).

Drawn with Pillow's complex-text layout (Raqm: Devanagari conjuncts, matras and nukta shaped
as they should be) in Noto Sans Devanagari from the pinned fontpkg package, never a system
font. A card is drawn only when what goes into it changes: cards are kept in .cache/cards/ under
a key made of all of it (texts, font, drawing code, brand colour, library versions), and copied
beside each page as card.png. Each is byte-identical across builds.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_build import head

SIZE = (1200, 630)
MARGIN = 80
COLOURS = {"accent": "#f4a340", "text": "#ffffff", "quiet": "#f3d9dd"}  # and the background: site.css's brand colour
CACHE = Path(__file__).resolve().parents[3] / ".cache" / "cards"


@functools.cache
def font_file() -> Path:
    try:
        import fontpkg_noto_sans_devanagari as package
    except ImportError as problem:
        raise PluginError("Social cards need the font package fontpkg-noto-sans-devanagari (pyproject.toml): "
                          "run ./dev serve or ./dev build, which install it") from problem
    return next((Path(package.__file__).parent / "files").glob("NotoSansDevanagari*.ttf"))


@functools.cache
def drawing_digest() -> str:
    """Everything besides its text that can change a card: the font, this file's drawing code,
    and the versions of Pillow and of the libraries it lays text out with."""
    from PIL import __version__, features
    libraries = [f"{name} {features.version(name)}" for name in ("raqm", "fribidi", "harfbuzz", "freetype2")]
    parts = [font_file().read_bytes(), Path(__file__).read_bytes(), head.brand_colour().encode(),
             f"Pillow {__version__}; {'; '.join(libraries)}".encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def check_layout_engine():
    from PIL import features
    if not features.check("raqm"):
        raise PluginError("Social cards need Pillow with Raqm (complex text layout, for Devanagari); this "
                          "Pillow has none: install libraqm, or its fribidi (Debian: apt-get install libfribidi0)")


def fonts(size: int, weight: str):
    from PIL import ImageFont
    font = ImageFont.truetype(str(font_file()), size, layout_engine=ImageFont.Layout.RAQM)
    font.set_variation_by_name(weight)
    return font


def lines(text: str, font, width: int) -> list[str]:
    """The text broken between words into lines no wider than `width`."""
    result = []
    for word in text.split():
        if result and font.getlength(f"{result[-1]} {word}") <= width:
            result[-1] += f" {word}"
        else:
            result.append(word)
    return result


def draw(title: str, site_name: str, language: str) -> bytes:
    from PIL import Image, ImageDraw
    image = Image.new("RGB", SIZE, head.brand_colour())
    pen = ImageDraw.Draw(image)
    pen.rectangle([MARGIN, 150, MARGIN + 120, 158], fill=COLOURS["accent"])
    pen.text((MARGIN, 70), site_name, font=fonts(40, b"SemiBold"), fill=COLOURS["quiet"], language=language)
    for size in (76, 64, 54):  # the largest type that fits the title in three lines
        font = fonts(size, b"Bold")
        wrapped = lines(title, font, SIZE[0] - 2 * MARGIN)
        if len(wrapped) <= 3:
            break
    else:
        wrapped = lines(textwrap.shorten(title, 90, placeholder=" …"), font, SIZE[0] - 2 * MARGIN)[:3]
    for number, line in enumerate(wrapped):
        pen.text((MARGIN, 200 + number * int(size * 1.45)), line, font=font, fill=COLOURS["text"], language=language)
    buffer = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def card(title: str, site_name: str, language: str) -> Path:
    """The card's file in the cache, drawn first if it is not there."""
    key = hashlib.sha256("\0".join([title, site_name, language, drawing_digest()]).encode()).hexdigest()
    path = CACHE / f"{key}.png"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        # Written beside its place and then renamed: an interrupted build leaves no half card.
        with tempfile.NamedTemporaryFile(dir=CACHE, suffix=".part", delete=False) as part:
            part.write(draw(title, site_name, language))
        os.replace(part.name, path)
    return path


def write(page, site_name: str, language: str, home: bool):
    """The page's card, beside the page (which MkDocs writes after this)."""
    title = site_name if home else head.page_title(page)
    target = Path(page.file.abs_dest_path).with_name("card.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(card(title, site_name, language), target)
