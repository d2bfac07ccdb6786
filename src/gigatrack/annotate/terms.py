"""Battery term mentions: cell chemistries, form factors and products, as the schema's normal values.

kinds: "chemistry" (NCM, NCA, NCMA, LFP, LMFP, LMR, sodium_ion, solid_state, other), "form_factor"
(a tuple (form factor, size or None): "4680" -> ("cylindrical", "4680")) and "product" (cells,
modules, packs, batteries, cathode, anode, precursor, separator, electrolyte, copper_foil, lithium,
nickel, cobalt, manganese, graphite). Case and hyphen tolerant; a chemistry beats the metal
names inside it ("nickel-cobalt-manganese" is NCM, not nickel).

Case-insensitive matching is slow in ``re``, so the finder first looks, case-sensitively in the
lower-cased text, for the word starts where a term can open, and tries the full pattern only there.
"""

from __future__ import annotations

import re

from gigatrack.model import Mention

_H = r"[\s-]?"  # a hyphen, a space or nothing between the words of a term

_CHEMISTRIES: tuple[tuple[str, str], ...] = (
    ("NCMA", rf"(?-i:NCMA)|nickel{_H}cobalt{_H}manganese{_H}alumin(?:i?um)"),
    ("NCA", rf"(?-i:NCA)|nickel{_H}cobalt{_H}alumin(?:i?um)(?:{_H}oxide)?"),
    ("LMFP", rf"(?-i:LMFP)|lithium{_H}manganese{_H}iron{_H}phosphate|manganese{_H}iron{_H}phosphate"),
    ("NCM", rf"(?-i:NCM|NMC)(?:{_H}\d{{3}})?|(?:high{_H}nickel{_H})?(?:ternary|(?-i:NCM|NMC)(?:{_H}\d{{3}})?)"
            rf"|(?:high{_H})?nickel{_H}(?:cobalt{_H}manganese|manganese{_H}cobalt)|high{_H}nickel"),
    ("LFP", rf"(?-i:LFP|LiFePO4)|(?:lithium{_H})?iron{_H}phosphate"),
    ("LMR", rf"(?-i:LMR)|lithium{_H}manganese{_H}rich|manganese{_H}rich|lithium{_H}rich"),
    ("sodium_ion", rf"sodium{_H}ion|(?-i:Na){_H}ion|sodium(?=\s+batter)"),
    ("solid_state", rf"(?:all|semi){_H}solid{_H}state|solid{_H}state"),
    ("other", rf"(?-i:LCO|LMO|LTO)|lithium{_H}(?:sulph|sulf)ur|lithium{_H}cobalt{_H}oxide"),
)
_SIZES = rf"46{_H}series|46xx|46\d\d|21700|2170|18650|46120"
_FORM_FACTOR = (
    rf"(?:cylindrical\s+)?(?P<size>{_SIZES})(?:-type|-format)?\b(?:\s+cylindrical\b)?"
    r"|(?P<shape>cylindrical|pouch|prismatic|(?-i:Blade)|blade(?=[\s-]+(?:batter|cell)))\b(?:[\s-](?:type|format)\b)?"
)
_PRODUCTS: tuple[tuple[str, str], ...] = (
    ("precursor", r"(?-i:pCAM)|precursors?|pre-?cathode(?:\s+active)?(?:\s+materials?)?"),
    ("cathode", r"cathode(?:\s+active)?(?:\s+materials?)?|cathodes|(?-i:CAM)"),
    ("anode", r"anode(?:\s+active)?(?:\s+materials?)?|anodes"),
    ("graphite", rf"(?:spherical|natural|synthetic|artificial|flake){_H}graphite|graphite"),
    ("copper_foil", rf"(?:electrolytic\s+)?copper{_H}foils?|elec-?foils?"),
    ("separator", r"separators?(?:\s+films?)?"),
    ("electrolyte", r"electrolytes?(?!\s+(?:imbalance|drink))"),
    ("lithium", rf"lithium{_H}(?:hydroxide|carbonate|salts?|concentrate)|battery{_H}grade\s+lithium|spodumene"
                rf"|lithium(?![\s-]?(?:ion|iron|manganese|metal|polymer|cobalt|sulph|sulf|rich|batter|cells?\b|-))"),
    ("nickel", rf"nickel{_H}(?:sulph|sulf)ate|nickel{_H}(?:matte|intermediate|mhp)"
               r"|nickel(?![\s-]?(?:cobalt|manganese|-))"),
    ("cobalt", rf"cobalt{_H}(?:sulph|sulf)ate|cobalt(?![\s-]?(?:manganese|alumin|-))"),
    ("manganese", rf"manganese{_H}(?:sulph|sulf)ate|high{_H}purity\s+manganese"
                  r"|manganese(?![\s-]?(?:iron|rich|cobalt|-))"),
    ("cells", r"(?<!fuel )(?<!solar )(?<!fuel-)(?:battery\s+)?cells?(?!\s+phones?)"),
    ("modules", r"(?:battery\s+)?modules?"),
    ("packs", r"(?:battery\s+)?packs?"),
    ("batteries", r"batteries"),
)


# One scan for every term; at one position a chemistry is tried before a form factor and a product.
_TERM = re.compile(
    r"(?<![\w$.,-])(?:"
    + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(_CHEMISTRIES))
    + f"|{_FORM_FACTOR}|"
    + "|".join(f"(?P<p{i}>{pattern})" for i, (_, pattern) in enumerate(_PRODUCTS))
    + r")(?!\w)",
    re.I,
)


# The words (or their first letters) that every term opens with, as a prefix-factored alternation.
_OPENING_WORDS = (
    "ncm nmc nca nickel lmfp lithium lifepo4 manganese high ternary lfp iron lmr sodium na all semi solid "
    "lco lmo lto cylindrical 46 2170 18650 pouch prismatic blade pcam precursor pre cathode cam anode "
    "spherical natural synthetic artificial flake graphite electrolytic copper elecfoil elec separator electrolyte "
    "battery batteries spodumene cobalt cell module pack"
).split()


def _prefix_alternation(words: list[str]) -> str:
    """A regex matching any of ``words`` with shared prefixes factored out, so one letter picks a branch."""
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[:1], []).append(word[1:])
    ends_here = "" in branches
    parts = [re.escape(letter) + _prefix_alternation(rest) for letter, rest in sorted(branches.items()) if letter]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 and not ends_here else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if ends_here else body


_OPENING = re.compile(r"(?<![\w$.,-])" + _prefix_alternation(_OPENING_WORDS))


def _value(match: re.Match[str]) -> tuple[str, object]:
    group = str(match.lastgroup)
    if group in {"size", "shape"}:
        size = match.group("size")
        if size:
            return "form_factor", ("cylindrical", re.sub(r"[\s-]+", "-", size))
        return "form_factor", (match.group("shape").lower(), None)
    if group.startswith("c"):
        return "chemistry", _CHEMISTRIES[int(group[1:])][0]
    return "product", _PRODUCTS[int(group[1:])][0]


def find_terms(text: str) -> list[Mention]:
    """Every chemistry, form factor and product named in ``text``, in order, none overlapping."""
    lowered = text.lower()
    if len(lowered) != len(text):
        matches = list(_TERM.finditer(text))
    else:
        matches = []
        done = 0
        for opening in _OPENING.finditer(lowered):
            match = _TERM.match(text, opening.start()) if opening.start() >= done else None
            if match is not None:
                matches.append(match)
                done = match.end()
    out = []
    for match in matches:
        kind, value = _value(match)
        out.append(Mention(kind, match.start(), match.end(), match.group(), value))
    return out
