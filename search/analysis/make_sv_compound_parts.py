"""Write sv-compound-parts.txt: the Swedish words the engines' decompounding
filter splits compounds into (search/backends/engines.py, `sv_parts`).

How the list is made:

1. The source is the Swedish Hunspell dictionary maintained by Göran
   Andersson (LibreOffice's sv_SE), as packaged on npm by wooorm/dictionaries:
   `npm pack dictionary-sv@4.0.0` and unpack it; `package/index.dic` is read.
   Its licence is LGPL-3.0 (see README.md beside this script).
2. A word is a possible compound part when the dictionary flags it as one:
   X (may begin a compound), U (may stand in the middle) or Y (may end one).
3. Of those, the list keeps the words of four letters or more that readers of
   a public-sector case library meet: the words of the demo cases
   (cases/demo/cases.jsonl), the public-sector words in PUBLIC_SECTOR below,
   and, of five letters or more, the COMMON most frequent Swedish words by
   the `wordfreq` package (pip install wordfreq; only used to choose, none
   of its data is copied), so that the compounds of cases yet to come split
   too ("polismyndigheten": "polis"). An inflected word of these counts by
   the dictionary's base form ("besparingar": "besparing"). Short or rare
   parts would split unrelated words ("ring" in "hantering").
4. A word that is itself two words of the list ("ärendehantering": "ärende"
   and "hantering", a joining "s" allowed) is left out: the filter keeps only
   the longest part found at a place, and the parts are what is wanted. A
   common word never takes out a word of the demo cases or PUBLIC_SECTOR.

Run from the repository's root, with wordfreq installed:
    python search/analysis/make_sv_compound_parts.py package/index.dic
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUTPUT = HERE / "sv-compound-parts.txt"
COMPOUND_FLAGS = set("XUY")
MIN_LENGTH = 4
# How many of the most frequent Swedish words are read, and how long a word
# of them must be to be kept.
COMMON = 20_000
COMMON_MIN_LENGTH = 5
WORD = re.compile(r"[a-zåäöéü]+")

# Parts of the compounds public-sector texts are made of.
PUBLIC_SECTOR = """
ansökan arbete arkiv automatisering avgift beslut bidrag bygglov data del digital
dokument ekonomi ersättning förvaltning handläggare handläggning hantering information
inköp integritet kommun kund kunskap kvalitet lag ledning legitimation lösning medborgare
myndighet nämnd organisation personal plan process projekt register region rutin
samverkan service skatt skola stöd styrning system säkerhet tjänst tillstånd underlag
upphandling utbildning utveckling verksamhet vård ärende övergång omsorg sjukvård
förskola socialtjänst arbetsgivare arbetsmiljö avtal besked betalning blankett brev
dialog digitalisering diarium utredning rapport statistik analys risk kontroll tillsyn
granskning revision budget finansiering kostnad resurs kompetens ledare chef medarbetare
anställd rekrytering pension försäkring sjukskrivning bostad miljö energi klimat trafik
transport fordon körkort pass identitet bank betal telefon samtal chatt robot
assistent röst video möte distans hem webb sida portal formulär app mobil
molnet moln server nätverk infrastruktur arkitektur standard krav test pilot förstudie
införande förändring uppföljning utvärdering resultat nytta effekt mål strategi policy
riktlinje handbok vägledning rådgivning kundtjänst upplysning växel ärendehantering
""".split()


def compound_parts(dic_path):
    parts = set()
    with open(dic_path, encoding="utf-8") as dic:
        next(dic)  # the word count
        for line in dic:
            word, _, flags = line.strip().partition("/")
            if set(flags) & COMPOUND_FLAGS and word.isalpha() and word.islower():
                parts.add(word)
    return parts


def demo_words():
    words = set()
    with open(REPO / "cases" / "demo" / "cases.jsonl", encoding="utf-8") as lines:
        for line in lines:
            case = json.loads(line)
            if case.get("language") == "sv":
                words.update(WORD.findall(" ".join(texts(case)).lower()))
    return words


def texts(value):
    """The strings in a case's values (not its keys)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def is_compound(word, words):
    for cut in range(MIN_LENGTH, len(word) - MIN_LENGTH + 1):
        head, tail = word[:cut], word[cut:]
        if tail in words and (head in words or (head.endswith("s") and head[:-1] in words)):
            return True
    return False


# The endings of inflected forms whose base the dictionary holds
# ("besparingar": "besparing"), longest first.
ENDINGS = sorted(
    "arna erna orna ena arnas ernas ornas ar er or en et na an n t s".split(), key=len, reverse=True
)


def as_parts(words, parts):
    """The words the dictionary holds as compound parts, or the base of an
    inflected form that it holds ("besparingar": "besparing")."""
    found = set()
    for word in words:
        if word in parts:
            found.add(word)
            continue
        for ending in ENDINGS:
            if word.endswith(ending) and word[: -len(ending)] in parts:
                found.add(word[: -len(ending)])
                break
    return found


def common_words():
    from wordfreq import top_n_list

    return {w for w in top_n_list("sv", COMMON) if len(w) >= COMMON_MIN_LENGTH}


def without_compounds(words, among):
    return {w for w in words if not is_compound(w, among)}


def main(dic_path):
    parts = compound_parts(dic_path)
    chosen = {w for w in as_parts(demo_words() | set(PUBLIC_SECTOR), parts) if len(w) >= MIN_LENGTH}
    chosen = without_compounds(chosen, chosen)
    # The common words may not split the chosen ones ("handläggning" stays).
    common = {w for w in as_parts(common_words(), parts) if len(w) >= COMMON_MIN_LENGTH}
    kept = sorted(chosen | without_compounds(common - chosen, chosen | common))
    OUTPUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words written to {OUTPUT.name}")


if __name__ == "__main__":
    main(sys.argv[1])
