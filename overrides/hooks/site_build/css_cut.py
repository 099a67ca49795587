"""Material's stylesheets cut to what this site can show, the way PurgeCSS cuts them: a rule stays
when one of its selectors matches an element of a built page (in either colour scheme, with the
states a reader brings, :hover, :checked, :focus…, left out of the test), or names a class, id or
attribute that a script can add (found in the text of Material's script and ours, except the
classes of Material's features this site has switched off, FEATURES). Then the custom properties
and keyframes no kept rule uses go too. @media and @supports are cut inside; @font-face, @page
and the like stay whole. The CSS is parsed with tinycss2 and selectors are matched with cssselect
on lxml's reading of the pages.

Every page links page.css: the kept rules that match a page, then site.css. The rules kept only
for what a script adds (or shows: SHOWN_BY_SCRIPT) go to scripted.css, then the site's own for
what its scripts add (added.css); starter.js loads it with Material's script. A rule stays in
page.css where a rule after it could otherwise lose where it won (keep_cascade). Both are
cached in .cache/css/ by the content of their inputs. tests/test_css_cut.py compares screenshots of the site with and
without the cut."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import cssselect
import lxml.html
import tinycss2
from lxml import etree

from site_build import head, material, styles

CACHE = Path(__file__).resolve().parents[3] / ".cache" / "css"
STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")  # Material's
OURS = ("assets/stylesheets/site.css", "assets/stylesheets/added.css")
PAGE = "assets/stylesheets/page.css"  # every page's: the rules of Material's that pages show, then ours
SCRIPTED = "assets/stylesheets/scripted.css"  # loaded with Material's script: the rules for what it adds
# The shorthands whose longhands begin with their name, and the longhands that do not.
SHORTHANDS = ("margin", "padding", "border", "background", "font", "grid", "flex", "transition", "animation",
              "outline", "list-style", "text-decoration", "mask", "overflow", "inset", "columns", "place", "gap")
LONGHANDS = {"top": "inset", "right": "inset", "bottom": "inset", "left": "inset", "row-gap": "gap",
             "column-gap": "gap", "align-items": "place", "align-content": "place", "align-self": "place",
             "justify-items": "place", "justify-content": "place", "justify-self": "place", "column-count": "columns",
             "column-width": "columns", "line-height": "font", "font-size": "font"}
SCRIPTS = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/before-paint.js", "assets/javascripts/starter.js",
           "assets/javascripts/search-worker.js", "assets/javascripts/words.js")

# Material's features whose script adds classes of their own, each with what turns it on: while
# it is off, its classes are not among those a script can add.
FEATURES = {
    "annotations and tooltips": (("md-annotation", "md-tooltip"),
                                 lambda config: _feature(config, "content.tooltips", "content.code.annotate")),
    "code blocks' buttons": (("md-code__", "md-clipboard"),
                             lambda config: _feature(config, "content.code.copy", "content.code.select",
                                                     "content.code.annotate")),
    "content tabs": (("tabbed-",), lambda config: "pymdownx.tabbed" in _extensions(config)),
    "code highlighting": (("highlight", "hll"),
                          lambda config: {"pymdownx.highlight", "codehilite"} & _extensions(config)),
    "diagrams": (("mermaid",), lambda config: "pymdownx.superfences" in _extensions(config)),
    "versions": (("md-version",), lambda config: bool(config.extra.get("version"))),
    "tags": (("md-tag",), lambda config: "tags" in config.plugins),
    # On where Material's partials/source.html shows the repository: the site's shows nothing.
    "repository facts": (("md-source__fact",), lambda config: bool(config.repo_url) and not
                         (Path(config.theme.custom_dir) / "partials" / "source.html").exists()),
}
# Elements of every page that nobody sees until Material's script shows them (the back-to-top
# button, hidden until the reader scrolls back up, and not drawn while hidden: added.css; the
# dialog, for the script's messages): their rules count as the script's, and come with it.
SHOWN_BY_SCRIPT = ".md-top, .md-dialog"
# States a reader (or a script) brings to an element, which the built pages cannot show.
DYNAMIC = {"hover", "focus", "focus-visible", "focus-within", "active", "checked", "target", "visited", "link",
           "any-link", "disabled", "enabled", "indeterminate", "placeholder-shown", "invalid", "valid",
           "required", "optional", "popover-open", "open", "modal", "autofill", "fullscreen", "defined",
           "read-only", "read-write", "default", "dir", "lang", "host", "scope",
           "before", "after", "first-line", "first-letter"}  # the last four: pseudo-elements, written with one colon
# An element a script makes: createElement("p"), Material's JSX x("p", …), or "<p>" in a string.
MADE = re.compile(r'createElement\("([a-z][a-z0-9]*)"|\b[A-Za-z_$]\("([a-z][a-z0-9]*)",|<([a-z][a-z0-9]*)[\s>/]')
# The classes a script gives an element it makes (class:"…", className = "…", class="…" in HTML),
# and those it adds to one it finds (classList.add("…"), .toggle("…", …), .replace(…, "…")).
CLASS_STRING = re.compile(r'\bclass(?:Name)?\s*[:=]\s*["`\']([^"`\']*)')
TOGGLED = re.compile(r'classList\.(?:add|toggle|replace)\(([^)]*)\)')
# An attribute a script sets: setAttribute("x", …), toggleAttribute("x"), el.hidden = …, a JSX prop
# (x("a", {href: …, "data-md-score": …})), and dataset.mdScore (data-md-score).
SET_ATTRIBUTE = re.compile(r'(?:set|toggle)Attribute\(\s*["\']([\w-]+)|\.(hidden|title|tabIndex|role|dir|lang|open)\s*=(?!=)'
                           r'|[{,]\s*"?([A-Za-z][\w-]*)"?\s*:')
DATASET = re.compile(r"\.dataset\.([A-Za-z]+)")
STRING_WORDS = re.compile(r'["`\']([^"`\']*)["`\']')
WORD = re.compile(r"-*[A-Za-z0-9_][A-Za-z0-9_-]*")


def _feature(config, *names) -> bool:
    return bool(set(config.theme.get("features") or []) & set(names))


def _extensions(config) -> set[str]:
    return {name if isinstance(name, str) else next(iter(name)) for name in config.markdown_extensions}


KINDS = ("tag", "class", "id", "attribute", "value")


@dataclass
class Site:
    """What the built pages show, and what the scripts can add to them, by kind of name."""
    pages: list = field(default_factory=list)
    schemes: list[dict] = field(default_factory=list)  # the body's data-md-color-* of each colour scheme
    shown: dict[str, set] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    added: dict[str, set] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    script_words: set[str] = field(default_factory=set)  # every word of the scripts (a custom property they read)
    class_sets: set[frozenset] = field(default_factory=set)  # the classes of one element, in a page or a script
    class_words: set[str] = field(default_factory=set)  # every class of class_sets
    toggled: set[str] = field(default_factory=set)  # the classes a script adds to an element it did not make

    def possible(self, kind: str, name) -> bool:
        if kind == "value":  # an attribute's value: on it in a page, or set by a script that has the word
            attribute, value = name
            return name in self.shown[kind] or attribute in self.added["attribute"] and value in self.script_words
        return name in self.shown[kind] or name in self.added[kind]


def read_scripts(site: Site, texts: list[str], switched_off: tuple[str, ...]):
    """What scripts can add, found in their text as PurgeCSS finds it, by the words of their
    strings and the calls that add: classes (of the elements they make, and those they add to
    others), attributes (set, toggled, written as properties, JSX's props, dataset names), the
    elements they make; an id or an attribute's value can be any word of theirs."""
    for text in texts:
        words = set(WORD.findall(text))
        site.script_words |= {word for word in words if not switched_off_property(word, switched_off)}
        made = {frozenset(WORD.findall(match.group(1))) for match in CLASS_STRING.finditer(text)}
        made = {classes for classes in made if not any(name.startswith(switched_off) for name in classes)}
        site.class_sets |= made
        site.toggled |= {word for match in TOGGLED.finditer(text) for word in STRING_WORDS.findall(match.group(1))}
        site.added["class"] |= set().union(*made) | site.toggled
        site.added["tag"] |= {tag for match in MADE.finditer(text) for tag in match.groups() if tag}
        site.added["attribute"] |= {next(filter(None, match.groups())).lower() for match in SET_ATTRIBUTE.finditer(text)}
        site.added["attribute"] |= {"data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), match.group(1))
                                    for match in DATASET.finditer(text)}
        site.added["id"] |= words
    site.added["class"] = {name for name in site.added["class"] if not name.startswith(switched_off)}
    site.class_words = set().union(*site.class_sets)


def switched_off_property(word: str, switched_off: tuple[str, ...]) -> bool:
    """A custom property of a switched-off feature's ("--md-mermaid-…", "--md-tooltip-…"): a script
    that reads it never runs here."""
    name = word.removeprefix("--")
    return name != word and (name.startswith(switched_off) or name.removeprefix("md-").startswith(switched_off))


def record(site: Site, names: dict[str, set], top):
    """The names of an element and all it holds, into `names` (what the pages show, or what a
    script adds)."""
    for element in top.iter(etree.Element):
        names["tag"].add(element.tag)
        site.class_sets.add(frozenset(element.get("class", "").split()))
        for name, value in element.attrib.items():
            names["attribute"].add(name)
            names["value"].update((name, word) for word in [value, *value.split()])
        names["class"].update(element.get("class", "").split())
        names["id"].add(element.get("id"))


def read_site(site_dir: Path, config) -> Site:
    switched_off = tuple(prefix for prefixes, on in FEATURES.values() if not on(config) for prefix in prefixes)
    site = Site()
    texts = [path.read_text(encoding="utf-8") for pattern in SCRIPTS for path in sorted(site_dir.glob(pattern))]
    for path in sorted(site_dir.rglob("*.html")):
        root = lxml.html.parse(str(path)).getroot()
        site.pages.append(root)
        for hidden in root.cssselect(SHOWN_BY_SCRIPT):
            record(site, site.added, hidden)
            hidden.drop_tree()
        record(site, site.shown, root)
        texts += [script.text or "" for script in root.iter("script") if script.get("type") != "application/ld+json"]
    read_scripts(site, texts, switched_off)
    first = site.pages[0]
    site.schemes = [{key: value for key, value in option.attrib.items() if key.startswith("data-md-color-")}
                    for option in first.cssselect("input.md-option")] or [{}]
    return site


def digest(site_dir: Path, config) -> str:
    parts = [Path(__file__).read_bytes(), Path(styles.__file__).read_bytes(), head.STYLESHEET.read_bytes(),
             head.ADDED_STYLESHEET.read_bytes(),
             repr(sorted(name for name, (_, on) in FEATURES.items() if on(config))).encode()]
    parts += [path.read_bytes() for path in material_stylesheets()]
    for pattern in SCRIPTS:
        parts += [path.read_bytes() for path in sorted(site_dir.glob(pattern))]
    parts += [path.read_bytes() for path in sorted(site_dir.rglob("*.html"))]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


class Cutter:
    """Says of each selector whether the site can show it: "page" (it matches an element of a
    built page), "script" (it names what a script can add), or None."""

    def __init__(self, site: Site):
        self.site = site
        self.translator = cssselect.HTMLTranslator()
        self.verdicts: dict[str, str | None] = {}

    def verdict(self, selector: list) -> str | None:
        text = tinycss2.serialize(selector).strip()
        if text not in self.verdicts:
            self.verdicts[text] = self._verdict(selector)
        return self.verdicts[text]

    def _verdict(self, selector: list) -> str | None:
        static = tinycss2.serialize(without_states(selector)).strip()
        try:
            parsed = cssselect.parse(static)
            path = etree.XPath(self.translator.css_to_xpath(static))
        except (cssselect.SelectorError, etree.XPathError):
            return "page"  # a selector the matcher does not read: left as it is, for every page
        names = set(selector_names(parsed[0].parsed_tree)) - {("tag", "*")}
        if not all(self.site.possible(kind, name) for kind, name in names):
            return None
        if self._matches(path, "data-md-color-" in static):
            return "page"
        if any(name in self.site.added[kind] for kind, name in names if kind != "value"):
            return "script"
        return None

    def _matches(self, path, by_scheme: bool) -> bool:
        for scheme in self.site.schemes if by_scheme else [{}]:
            for root in self.site.pages:
                body = root.find("body")
                saved = dict(body.attrib)
                body.attrib.update(scheme)
                found = bool(path(root))
                body.attrib.clear()
                body.attrib.update(saved)
                if found:
                    return True
        return False

    def rules(self, rules: list, kinds: dict) -> list:
        """The rules the site can show; `kinds` gets each kept qualified rule's verdict."""
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = split_on_commas(rule.prelude)
                verdicts = [self.verdict(selector) for selector in selectors]
                chosen = [selector for selector, verdict in zip(selectors, verdicts, strict=True) if verdict]
                if not chosen:
                    continue
                # A list holding a selector another browser's: one unknown selector voids the whole
                # rule in a browser, so the list is kept or dropped whole.
                if len(chosen) < len(selectors) and not any(vendor_specific(selector) for selector in selectors):
                    rule.prelude = join_with_commas(chosen)
                kinds[id(rule)] = "page" if "page" in verdicts else "script"
                kept.append(rule)
            elif is_group(rule):
                inner = self.rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                   kinds)
                if inner:
                    rule.content = inner
                    kept.append(rule)
            else:
                kept.append(rule)
        return kept


def split_on_commas(tokens: list) -> list[list]:
    parts = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if any(token.type != "whitespace" for token in part)]


def join_with_commas(selectors: list[list]) -> list:
    joined = []
    for index, selector in enumerate(selectors):
        if index:
            joined.append(tinycss2.ast.LiteralToken(0, 0, ","))
        joined += selector
    return joined


def vendor_specific(selector: list) -> bool:
    return any(token.type in ("ident", "function") and getattr(token, "lower_value", getattr(token, "lower_name", "")
                                                                ).startswith("-") for token in selector)


def selector_names(tree):
    """The (kind, name) pairs a parsed selector asks for, kind being tag, class, id, attribute or
    value, outside :not() (which asks for their absence)."""
    kind = type(tree).__name__
    if kind == "Element":
        if tree.element:
            yield "tag", tree.element.lower()
    elif kind == "Class":
        yield from selector_names(tree.selector)
        yield "class", tree.class_name
    elif kind == "Hash":
        yield from selector_names(tree.selector)
        yield "id", tree.id
    elif kind == "Attrib":
        yield from selector_names(tree.selector)
        yield "attribute", tree.attrib
        if tree.value is not None and tree.operator in ("=", "~="):
            yield "value", (tree.attrib, tree.value.value if hasattr(tree.value, "value") else tree.value)
    elif kind == "CombinedSelector":
        yield from selector_names(tree.selector)
        yield from selector_names(tree.subselector)
    elif kind in ("Pseudo", "Function", "Negation", "Matching", "SpecificityAdjustment", "Relation"):
        yield from selector_names(tree.selector)


def is_combinator(token) -> bool:
    return token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~"))


def tidy(selector: list) -> list:
    """Without whitespace at its ends or around > + ~, so that whitespace is only the descendant
    combinator."""
    out = []
    for token in selector:
        if token.type == "whitespace" and (not out or is_combinator(out[-1])):
            continue
        if is_combinator(token) and token.type != "whitespace" and out and out[-1].type == "whitespace":
            out.pop()
        out.append(token)
    while out and out[-1].type == "whitespace":
        out.pop()
    return out


def without_states(selector: list) -> list:
    """The selector with its pseudo-elements and state pseudo-classes taken out (a compound left
    empty becomes *), inside :is(), :where() and :has() too; a :not() holding a state goes whole."""
    out = []
    tokens = tidy(selector)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.type == "literal" and token.value == ":":
            element = tokens[index].type == "literal" and tokens[index].value == ":"
            name_token = tokens[index + 1 if element else index]
            index += 2 if element else 1
            name = getattr(name_token, "lower_value", None) or getattr(name_token, "lower_name", "")
            if element or name.startswith("-") or name in DYNAMIC:
                continue
            if name_token.type == "function" and name in ("is", "where", "has", "not"):
                parts = split_on_commas(name_token.arguments)
                inner = [without_states(part) for part in parts]
                if name == "not" and inner != [tidy(part) for part in parts]:
                    continue
                name_token = tinycss2.ast.FunctionBlock(0, 0, name_token.name, join_with_commas(inner))
            out += [token, name_token]
            continue
        if is_combinator(token) and (not out or is_combinator(out[-1])):
            out.append(tinycss2.ast.LiteralToken(0, 0, "*"))
        out.append(token)
    if not out or is_combinator(out[-1]):
        out.append(tinycss2.ast.LiteralToken(0, 0, "*"))
    return out


def is_group(rule) -> bool:
    """An @media or @supports holding rules: cut inside, kept while something is left in it."""
    return rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and bool(rule.content)


def declarations(rule) -> list:
    return [item for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            if item.type == "declaration"]


def qualified_rules(rules: list):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule
        elif is_group(rule):
            yield from qualified_rules(rule.content)


def references(tokens: list):
    """The custom properties var() names in a value, and the words of it (animation names)."""
    for token in tokens:
        if token.type == "function":
            if token.lower_name == "var":
                name = next((part for part in token.arguments if part.type == "ident"), None)
                if name is not None:
                    yield name.value
            yield from references(token.arguments)
        elif token.type == "ident":
            yield token.value
        elif token.type in ("() block", "[] block", "{} block"):
            yield from references(token.content)


def without_unused(rules: list, script_words: set[str]) -> list:
    """Drop the custom properties that no kept declaration (through others), page or script
    uses, and the keyframes no kept declaration names (no script names one: neither Material's
    nor ours sets an animation, and a word of theirs such as "consent" is no animation of a kept
    rule); rules left empty go."""
    found = {rule: declarations(rule) for rule in qualified_rules(rules)}
    custom = {}
    named = set()  # what the kept declarations name, through the custom properties they use
    for items in found.values():
        for item in items:
            if item.name.startswith("--"):
                custom.setdefault(item.name, []).append(item.value)
            else:
                named.update(references(item.value))
    used = named | script_words
    waiting = [name for name in used if name in custom]
    while waiting:
        for value in custom.pop(waiting.pop(), []):
            new = set(references(value)) - used
            used |= new
            named |= new
            waiting += [name for name in new if name in custom]
    for rule, items in found.items():
        kept = [item for item in items if not item.name.startswith("--") or item.name in used]
        if len(kept) < len(items):
            rule.content = join_declarations(kept)
    return prune_empty(rules, named)


def join_declarations(items: list) -> list:
    return tinycss2.parse_component_value_list(";".join(item.serialize() for item in items))


def prune_empty(rules: list, named: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule" and not any(token.type != "whitespace" for token in rule.content):
            continue
        if rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            name = next((token.value for token in rule.prelude if token.type == "ident"), None)
            if name not in named:
                continue
        if is_group(rule):
            rule.content = prune_empty(rule.content, named)
            if not rule.content:
                continue
        kept.append(rule)
    return kept


def families(rule) -> set[str]:
    """The properties a rule sets, each as the shorthand that covers it (margin for margin-left,
    mask for -webkit-mask-image), so that two rules that set one share a family."""
    found = set()
    for item in declarations(rule):
        name = item.lower_name if item.name.startswith("--") else re.sub(r"^-[a-z]+-", "", item.lower_name)
        found.add(next((shorthand for shorthand in SHORTHANDS if name == shorthand or name.startswith(shorthand + "-")),
                       LONGHANDS.get(name, name)))
    return found


@dataclass(frozen=True)
class Subject:
    """What a selector's rightmost compound asks of the element it styles, as far as it says whose
    box the declarations go to."""
    specificity: tuple
    pseudo_element: str | None
    tag: str | None
    classes: frozenset


def subjects(rule) -> list[Subject | None]:
    """The subject of each of a rule's selectors; None for one cssselect cannot read."""
    found = []
    for selector in split_on_commas(rule.prelude):
        try:
            parsed = cssselect.parse(tinycss2.serialize(selector))[0]
        except cssselect.SelectorError:
            # Another browser's pseudo-element (::-webkit-scrollbar) styles a box of its own.
            vendor = next((token.value for token in selector if token.type == "ident" and token.value.startswith("-")), None)
            found.append(Subject((), vendor, None, frozenset()) if vendor else None)
            continue
        tree = parsed.parsed_tree
        if type(tree).__name__ == "CombinedSelector":
            tree = tree.subselector
        tag, classes = None, set()
        while type(tree).__name__ != "Element":
            if type(tree).__name__ == "Class":
                classes.add(tree.class_name)
            tree = tree.selector
        tag = tree.element and tree.element.lower()
        found.append(Subject(parsed.specificity(), parsed.pseudo_element, tag, frozenset(classes)))
    return found


def keep_cascade(rules: list, kinds: dict, ours: list, site: Site):
    """A rule kept for what scripts add moves to the stylesheet that comes with Material's script,
    after every rule of the page's stylesheet: it stays where it was when a later rule could
    style the same element (the same box, the same specificity, one of its properties), whose
    value would then lose where it won."""
    later: dict[str, list] = {}  # property family: the subjects of the later rules that set it

    def together(one: Subject | None, other: Subject | None) -> bool:
        if one is None or other is None:
            return True
        if one.specificity != other.specificity or one.pseudo_element != other.pseudo_element:
            return False
        if one.tag and other.tag and one.tag != other.tag:
            return False
        classes = (one.classes | other.classes) - site.toggled
        return any(classes <= known for known in site.class_sets) or not classes <= site.class_words

    def add(rule_families: set[str], rule_subjects: list):
        for family in rule_families:
            later.setdefault(family, []).extend(rule_subjects)

    for rule in qualified_rules(ours):
        add(families(rule), subjects(rule))
    for rule in reversed(list(qualified_rules(rules))):
        rule_families, rule_subjects = families(rule), subjects(rule)
        if kinds[id(rule)] == "script" and any(together(mine, theirs) for family in rule_families
                                               for mine in rule_subjects for theirs in later.get(family, [])):
            kinds[id(rule)] = "page"
        if kinds[id(rule)] == "page":
            add(rule_families, rule_subjects)


def split(rules: list, kinds: dict) -> tuple[list, list]:
    """The rules for the page's stylesheet, and those for the script's, each in their order,
    inside copies of their @media and @supports."""
    page, script = [], []
    for rule in rules:
        if rule.type == "qualified-rule":
            (page if kinds[id(rule)] == "page" else script).append(rule)
        elif is_group(rule):
            for kept, inner in zip((page, script), split(rule.content, kinds), strict=True):
                if inner:
                    kept.append(tinycss2.ast.AtRule(rule.source_line, rule.source_column, rule.at_keyword, rule.lower_at_keyword,
                                                    rule.prelude, inner))
        else:
            page.append(rule)
    return page, script


def material_stylesheets() -> list[Path]:
    folder = material.templates()
    return [path for pattern in STYLESHEETS for path in sorted(folder.glob(pattern))]


def stylesheets(site_dir: Path, config, cut: bool = True) -> tuple[str, str]:
    """The page's stylesheet (Material's rules, then ours) and the one that comes with Material's
    script; uncut, all of Material's rules are in the first."""
    ours = head.STYLESHEET.read_text(encoding="utf-8")
    added = head.ADDED_STYLESHEET.read_text(encoding="utf-8")
    theirs = [path.read_text(encoding="utf-8") for path in material_stylesheets()]
    if not cut:
        return styles.minified("".join(theirs) + ours + added), ""
    cutter = Cutter(read_site(site_dir, config))
    kinds: dict = {}
    rules = [rule for css in theirs
             for rule in cutter.rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), kinds)]
    rules = without_unused(rules, cutter.site.script_words)
    keep_cascade(rules, kinds, tinycss2.parse_stylesheet(ours, skip_comments=True, skip_whitespace=True), cutter.site)
    page, script = split(rules, kinds)
    return (styles.minified(tinycss2.serialize(page) + "\n" + ours),
            styles.minified(tinycss2.serialize(script) + "\n" + added))


def write(site_dir: Path, config, cut: bool = True):
    """The site's two stylesheets in the built site (from the cache when nothing that goes into
    them has changed), in the place of Material's and ours."""
    key = digest(site_dir, config) + ("" if cut else "-uncut")
    cached = [CACHE / f"{key}-{Path(name).name}" for name in (PAGE, SCRIPTED)]
    if not all(path.exists() for path in cached):
        CACHE.mkdir(parents=True, exist_ok=True)
        for path, text in zip(cached, stylesheets(site_dir, config, cut), strict=True):
            part = path.with_suffix(".part")
            part.write_text(text, encoding="utf-8")
            part.replace(path)
    for name, path in zip((PAGE, SCRIPTED), cached, strict=True):
        (site_dir / name).write_bytes(path.read_bytes())
    for path in [site_dir / name for name in OURS] + [site_dir / "assets" / "stylesheets" / path.name for path in material_stylesheets()]:
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".map").unlink(missing_ok=True)
