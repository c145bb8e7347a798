"""Accuracy of the matcher: recall on obfuscated entries, false positives on innocent text.

Recall: every usable entry of the list is obfuscated once per evasion class (seeded,
``evasions.py``; inflections: every natural form) and put into one carrier sentence.
A form is *found* only when ``find()`` returns a match whose span is exactly the form
(for inflections the entry part, ``fuck`` of ``fucking``, is exact too); a match that
only overlaps it is *overlapping*; no overlapping match at all is *missed*. Peers only
say yes/no, so their column is "detected" (compare it with our "detected").

False positives: innocent classes (ordinary English words from wordfreq's top 50,000,
Scunthorpe-style words computed from the list plus a hand list, names, teams, dates,
numbers, English and French customization phrases). Dictionary words that ARE an entry
or an obvious derivation (entry + inflection, offensive compound, see ``Derivations``)
are left out and counted, unless the hand list says they are innocent (spicy, cocky);
hand-written texts are only left out when they are an entry themselves.

    .venv/bin/python benchmarks/bench_accuracy.py [--quick] [--lang en] [--words FILE]
                                                  [--seed N] [--no-peers]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import ahocorasick  # noqa: E402
import evasions  # noqa: E402
import peers  # noqa: E402

TARGET_RECALL_ALL = 0.99
TARGET_RECALL_CLASS = 0.97
TARGET_SPAN_EXACT = 0.99
TARGET_FP = {
    "dictionary": 0.0005, "scunthorpe": 0.01, "scunthorpe-hand": 0.01, "cross-word": 0.0,
    "scunthorpe-joined": 0.01,
}  # fmt: skip
CUSTOMIZATION = ("names", "teams", "dates", "numbers", "phrases-en", "phrases-fr")

# -- innocent data ----------------------------------------------------------------------

SCUNTHORPE_HAND = """
class classic classy assassin assassinate Scunthorpe cocktail cockpit peacock cockroach
therapist therapists Dickens Dickinson shiitake shitake analysis analyst canal banal Sussex
Essex Middlesex Wessex Hitchcock Penistone cumin cucumber succumb cumulative accumulate
cumbersome document circumstance grapes grape scrape scraped drape skyscraper trapeze passage
bass bassist compass massive embassy assess assume assignment associate brass grass Picasso
titan titanic title titular constitution petition competition appetite quantity repetition
sextant sexton arsenal spice spicy despicable conspicuous auspicious raccoon cocoon tycoon
Pakistan Pakistani among amongst mongoose Mongolia fishmonger spoon teaspoon harpoon lampoon
basement advertisement amusement specialist socialism button butter rebuttal scatter
scathing swank swanky twinkle twinkling spoof honeysuckle pubescent Montenegro negroni
manuscript Uranus janus Exxon buttercup butterfly shuttlecock Babcock Hancock woodcock
Cockburn hello shell Cassandra Cassidy Titus glasses molasses harass embarrass spices
spiced spicer assassins assassination monger mongers cocky cocker Cummings Dickey Tito
""".split()  # also overrides the "derivation" rule for dictionary words (spicy, cocky)

FIRST_NAMES = """
James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa
Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew
Donna Joshua Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa Edward Deborah
Ronald Stephanie Timothy Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary
Amy Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela
Scott Nicole Brandon Samantha Benjamin Katherine Samuel Emma Gregory Ruth Alexander
Christine Frank Catherine Patrick Rachel Jack Carolyn Dennis Janet Tyler Maria Aaron Heather
Adam Julie Nathan Joyce Henry Victoria Douglas Olivia Zachary Kelly Peter Christina Kyle
Lauren Noah Ethan Evelyn Jeremy Megan Christian Keith Andrea Hannah Austin Jacqueline Sean
Dylan Madison Abigail Gabriel Julia Logan Grace Amber Elijah Sophia Vincent Diana Natalie
Isabella Charlotte Mason Alexis Kayla Cassandra Cassidy Titus Gaylord Fanny Willy Assunta
Zoé Chloé Léa Anaïs Hélène Éloïse Maëlle Noémie Célia Inès Gaëlle Jérôme Benoît François
Stéphane Clément Théo Raphaël Loïc Joël Mélanie Françoise Renée Aurélie Sébastien Frédéric
Amélie José Sofía Lucía María Martín Andrés Nicolás Ramón Jesús Ángel Iñaki Begoña Jürgen
Jörg Björn Günter Søren Åsa Bjørn Łukasz Wojciech Małgorzata Zoë Dušan Tomáš Jiří Ondřej
Ştefan Ioana Mihály Zoltán Gábor Ömer Çağla Şebnem Gökhan Thị Hùng Tuấn Aoife Siobhán Niamh
Seán Oisín Pádraig Saoirse Aziz Fatima Mohammed Aïcha Youssef Priya Anjali Rahul Arjun
Hiroshi Yuki Haruto Sakura Wei Xiaoming Jun Seo-yeon Ji-ho Olumide Chiamaka Kwame Nkechi
""".split()

SURNAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook
Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo
Sanders Patel Myers Long Ross Foster Jimenez Müller Schröder Groß Weiß Böhm Dupont Lefèvre
Bélanger Côté Gagné Lévesque Muñoz Peña Ibáñez Gómez Sánchez Núñez Olsen Sørensen Åberg
Wałęsa Dvořák Nováková Kovačević Öztürk Yılmaz Çelik Nguyễn Trần Lê Phạm Ferreira Gonçalves
Conceição Hancock Babcock Cockburn Dickinson Dickens Sexton Titchmarsh Hitchcock Glasscock
Wankel Assange Cumberbatch Butterfield Shittu Fagan Titmuss Sexsmith Dickerson Dickey
Hiscock Alcock Willcock Woodcock Shitara Kuntz Analise Cassini Bassett Pissarro Gassaway
""".split()

TEAMS = [
    "Manchester United", "Arsenal", "Arsenal FC", "Scunthorpe United", "Tottenham Hotspur",
    "Sheffield Wednesday", "Real Madrid", "Paris Saint-Germain", "Olympique de Marseille",
    "Boston Red Sox", "Chicago Cubs", "Seattle Seahawks", "Penistone Church FC",
    "Middlesbrough", "Hull City", "Sussex Sharks", "Essex Eagles", "Tennessee Titans",
    "Brighton & Hove Albion", "Wigan Athletic", "Dallas Cowboys", "Golden State Warriors",
    "Juventus", "Bayern München", "Borussia Dortmund", "Atlético Madrid", "São Paulo FC",
    "Club América", "Galatasaray", "Fenerbahçe", "1. FC Köln", "Spartak Moskva",
    "Assyriska FF", "Hertha BSC", "Stade Rennais", "AS Saint-Étienne", "Shakhtar Donetsk",
    "Sporting CP", "New England Patriots", "Pittsburgh Steelers", "Cleveland Guardians",
    "Tampa Bay Buccaneers", "Vancouver Canucks", "Anaheim Ducks", "Nottingham Forest",
    "Crystal Palace", "Queens Park Rangers", "Accrington Stanley", "Kansas City Chiefs",
    "Los Angeles Lakers", "Miami Heat", "Toronto Raptors", "Montreal Canadiens", "Go Spurs Go",
    "Arsenal Ladies", "Lokomotiv Moscow", "Ajax Amsterdam", "Feyenoord", "PSV Eindhoven",
    "Celtic FC", "Rangers FC", "Cockermouth RFC", "Cumbernauld United", "Titchfield Thistle",
]  # fmt: skip

PHRASES_EN = [
    "Happy Birthday Mom", "Best Dad Ever", "World's Best Grandpa", "Go Team!", "Est. 1998",
    "Mr & Mrs Smith", "Cocktail Hour", "Bass Player", "Glass Half Full", "Live Laugh Love",
    "Therapist of the Year", "Grapes of Wrath", "Class Clown", "Magna Cum Laude",
    "Summa cum laude", "Just Married", "Team Bride", "Bride Squad", "Love you to the moon",
    "Property of the Athletics Dept", "Kiss the Cook", "Sassy Since Birth", "Hot Mess Express",
    "Dog Mom", "Cat Dad", "Coffee First", "Keep Calm and Carry On", "Made in Essex",
    "Stay Wild", "Good Vibes Only", "Class of 2025", "Proud Army Mom", "Little Miss Sunshine",
    "Big Brother", "Lil Sis", "Bachelorette Party", "Maid of Honor", "Sweet Sixteen",
    "Merry Christmas", "Spice Girls Forever", "Peacock Feathers", "Titanic Survivor",
    "Bass Fishing Club", "Hitchcock Film Fest", "Document Control", "Grass Roots",
]  # fmt: skip

PHRASES_FR = [
    "Joyeux anniversaire", "Je t'aime maman", "Bonne fête papa", "À la vie à la mort",
    "Meilleure maman du monde", "Bon courage", "Merci pour tout", "Mon petit chou", "Bisous",
    "Félicitations", "Vive les mariés", "Pour toujours", "Mamie d'amour", "Papi chéri",
    "Équipe de France", "Allez les Bleus", "Fait avec amour", "Joyeux Noël",
    "Bonne année 2025", "Je t'aime à la folie", "Le plus beau jour", "Ma sœur, mon amie",
    "Super tata", "Maîtresse en or", "Merci maîtresse", "Pâtisserie du coin", "Bon appétit",
    "Tonton d'exception", "Parrain officiel", "Marraine au top", "La vie est belle",
    "Bienvenue bébé", "Avec tout mon cœur", "Classe de CM2", "Enterrement de vie de garçon",
    "Capitaine", "Mon chéri", "Ma puce", "Fier d'être breton", "Cassoulet maison",
]  # fmt: skip

NUMBERS = [
    "142,460", "911", "#23", "Class of 2025", "No. 7", "+33 6 12 34 56 78", "80085",
    "5318008", "69", "420", "1-800-555-0199", "007", "3.14159", "100%", "$19.99", "€25",
    "#1 Dad", "24/7", "B52", "A380", "R2-D2", "C3PO", "4x4", "2nd", "3rd", "21st", "V8",
    "MP3", "XL", "XXL", "Size XXL", "XS", "7:30pm", "90210", "1,000,000", "0.5mm",
    "No.1 Fan", "Route 66", "I-95", "M25", "A1", "1337", "#10 Messi", "23 Jordan",
    "Apt 4B", "Room 101", "Level 99", "x2", "Ver. 2.0", "3 Musketeers", "12th Man",
]  # fmt: skip

_MONTHS = "January February March April May June July August September October November December"


def dates(n: int, seed: int) -> list[str]:
    rng = random.Random(f"dates{seed}")
    months = _MONTHS.split()
    out = ["12/05/2024", "2024-05-12"]
    formats = [
        "{d:02d}/{m:02d}/{y}", "{y}-{m:02d}-{d:02d}", "{m}.{d}.{yy:02d}", "{d} {M} {y}",
        "{M} {d}th, {y}", "Est. {y}", "since {y}", "'{yy:02d}", "{d:02d}.{m:02d}.{y}",
        "{M} {y}", "{d}/{m}", "Founded {y}", "{dd} {M} {y}",
    ]  # fmt: skip
    while len(out) < n:
        y = rng.randint(1900, 2030)
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        fmt = rng.choice(formats)
        dd = f"{d}er" if d == 1 else str(d)  # "1er mai" style when it shows up
        out.append(fmt.format(d=d, m=m, y=y, yy=y % 100, M=months[m - 1], dd=dd))
    return list(dict.fromkeys(out))


def names(seed: int) -> list[str]:
    rng = random.Random(f"names{seed}")
    full = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _ in range(60)]
    return list(dict.fromkeys([*FIRST_NAMES, *SURNAMES, *full]))


# -- entry keys, derivations ------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_INFLECT = (
    "s es ed d er ers r en ing ings in y ies ier iest ey ty ly ish age ery z zz n a o".split()
)
#: derivational suffixes, for entries of 5+ letters only (short ones: ass-ist, tit-le)
_DERIVE = set(
    "al ally ic ical ically ous uous e ist ists ism isms ity ities ation ations ize ized "
    "izes ise ised graphic graphy grapher graphers ographic ography ia iac iacs ed".split()
)
#: derivational suffixes for entries of any length: what the word means is the entry's
#: (sex-ual, shit-less, dick-less: the issue's own examples count dickless as offensive)
_DERIVE_ANY = set(
    "less lessly lessness ual ually uality ualities ualize ualized ualizes ualization".split()
)
#: offensive words that no rule above derives from their entry (goddamn-it, sext-ing)
OFFENSIVE_HAND = frozenset("goddamnit sexting sextings".split())
_HEADS = (
    "bull dumb bad jack smart mother horse hard big fat lard kick dip ape holy chicken pig "
    "butt dick cock shit fuck arse ass dog rat cow gay dumbass lame candy half cheap bat"
).split()
_TAILS = (
    "hole head face bag wad hat tard wipe stick sucker suck lord load licker lick monkey "
    "ass fuck shit bucket brain fest stain muncher star stars hub"
).split()


def key(text: str) -> str:
    """Lower-case ASCII letters and digits only (accents stripped)."""
    stripped = unicodedata.normalize("NFKD", text.lower())
    return _NON_ALNUM.sub("", stripped.encode("ascii", "ignore").decode())


class Derivations:
    """Is a text an entry, or an obvious derivation of one (so not innocent)?"""

    def __init__(self, entries: Sequence[str]) -> None:
        self.keys = {key(e) for e in entries} - {""}
        self.automaton = ahocorasick.Automaton()
        for k in self.keys:
            self.automaton.add_word(k, k)
        self.automaton.make_automaton()

    def contains(self, k: str) -> list[str]:
        return [e for _, e in self.automaton.iter(k)]

    def _suffix_ok(self, rest: str, stem: str) -> bool:
        if rest in _INFLECT or rest in self.keys or any(rest.startswith(t) for t in _TAILS):
            return True
        if rest in _DERIVE_ANY:
            return True
        if len(stem) >= 5 and (rest in _DERIVE or stem[-1] + rest in _DERIVE):
            return True  # vagina-l, porno-graphic, orgasm-ic
        if len(stem) >= 4 and rest == "e":  # shit-e
            return True
        return bool(stem) and rest[:1] == stem[-1:] and rest[1:] in _INFLECT

    def is_offensive(self, text: str) -> bool:
        k = key(text)
        if not k:
            return False
        if k in self.keys or k in OFFENSIVE_HAND:
            return True
        for e in self.keys:  # English spelling rules: whor-ing (e dropped), pussi-es (y -> i)
            if len(e) >= 4 and e[-1] in "ey" and k.startswith(e[:-1]):
                rest = k[len(e) - 1 :]
                if (e[-1] == "e" and rest in ("ing", "ings", "in")) or (
                    e[-1] == "y" and rest in ("ies", "ied", "ier", "iest", "iness")
                ):
                    return True
        for e in self.contains(k):
            i = k.find(e)
            while i >= 0:
                head, rest = k[:i], k[i + len(e) :]
                head_ok = not head or head in _HEADS or head in self.keys
                if head_ok and (not rest or self._suffix_ok(rest, e)):
                    return True
                i = k.find(e, i + 1)
        return False


# -- evaluation -------------------------------------------------------------------------


def classify(case: evasions.Case, matches: Sequence) -> str:
    spans = case.exact_spans()
    if any((m.start, m.end) in spans for m in matches):
        return "exact"
    if any(m.start < case.end and m.end > case.start for m in matches):
        return "overlap"
    return "missed"


def pct(x: float) -> str:
    return f"{100 * x:6.2f}%"


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def run_recall(
    entries: Sequence[str], detectors: dict[str, peers.Peer], ours: peers.Peer, seed: int
) -> dict[str, object]:
    cases = evasions.generate(entries, seed=seed)
    by_class: dict[str, list[evasions.Case]] = defaultdict(list)
    for c in cases:
        by_class[c.cls].append(c)
    stats: dict[str, dict[str, int]] = {}
    misses: dict[str, list[tuple[evasions.Case, str, list]]] = defaultdict(list)
    peer_hits: dict[str, dict[str, int]] = {name: defaultdict(int) for name in detectors}
    for cls, group in by_class.items():
        s = {"n": len(group), "exact": 0, "overlap": 0, "missed": 0}
        for c in group:
            found = ours.find(c.text)  # type: ignore[misc]
            verdict = classify(c, found)
            s[verdict] += 1
            if verdict != "exact":
                misses[cls].append((c, verdict, found))
            for name, peer in detectors.items():
                if not peer.is_clean(c.text):
                    peer_hits[name][cls] += 1
        stats[cls] = s
    return {"stats": stats, "misses": misses, "peers": peer_hits, "n": len(cases)}


def print_recall(result: dict, detectors: Sequence[str], show: int) -> None:
    stats: dict[str, dict[str, int]] = result["stats"]  # type: ignore[assignment]
    peer_hits: dict[str, dict[str, int]] = result["peers"]  # type: ignore[assignment]
    head = f"{'class':22} {'n':>5} {'recall':>8} {'detect':>8} {'span-ex':>8} {'overl':>5}"
    head += f" {'miss':>5} |" + "".join(f" {n[:16]:>16}" for n in detectors) + "  target"
    print(head)
    print("-" * len(head))
    tot = defaultdict(int)
    peer_tot: dict[str, int] = defaultdict(int)
    for cls in evasions.CLASSES:
        s = stats.get(cls)
        if not s:
            continue
        for k, v in s.items():
            tot[k] += v
        n = s["n"]
        detected = s["exact"] + s["overlap"]
        recall = s["exact"] / n
        line = f"{cls:22} {n:5d} {pct(recall):>8} {pct(detected / n):>8}"
        line += f" {pct(s['exact'] / detected if detected else 1):>8} {s['overlap']:5d}"
        line += f" {s['missed']:5d} |"
        for name in detectors:
            peer_tot[name] += peer_hits[name][cls]
            line += f" {pct(peer_hits[name][cls] / n):>16}"
        ok = recall >= TARGET_RECALL_CLASS
        print(line + f"  >=97% {'ok' if ok else 'FAIL'}")
    n = tot["n"]
    detected = tot["exact"] + tot["overlap"]
    line = f"{'ALL':22} {n:5d} {pct(tot['exact'] / n):>8} {pct(detected / n):>8}"
    span_ok = tot["exact"] / detected if detected else 1
    line += f" {pct(span_ok):>8} {tot['overlap']:5d} {tot['missed']:5d} |"
    line += "".join(f" {pct(peer_tot[name] / n):>16}" for name in detectors)
    ok = tot["exact"] / n >= TARGET_RECALL_ALL
    print(line + f"  >=99% {'ok' if ok else 'FAIL'}")
    print(
        f"span exactness (exact / detected): {pct(span_ok).strip()}"
        f"  target >=99% {'ok' if span_ok >= TARGET_SPAN_EXACT else 'FAIL'}"
    )
    print(
        "recall = a match with exactly the form's span; detect = any overlapping match;"
        " peers: is_profane(text) (no spans)"
    )
    print(f"\nworst misses per class (most frequent entries first, up to {show}):")
    misses: dict[str, list] = result["misses"]  # type: ignore[assignment]
    for cls in evasions.CLASSES:
        got = misses.get(cls)
        if not got:
            continue
        got = sorted(got, key=lambda x: (-zipf(x[0].entry), x[0].entry))[:show]
        shown = "; ".join(
            f"{c.text!r}" + (f"->{[(m.start, m.end, m.word) for m in found][:2]}" if found else "")
            for c, _v, found in got
        )
        print(f"  {cls:20} {shown}")


def cross_word_pairs(
    entries: Sequence[str], ordinary: Sequence[str], seed: int, limit: int = 600
) -> list[str]:
    """Two ordinary words in a row whose letters, joined, hold an entry across the space
    ("push it": shit, "pen is": penis, "hot water": twat): never one word split."""
    rng = random.Random(seed)
    common = [w.lower() for w in ordinary[:20_000] if w.isascii() and w.isalpha()]
    ending: dict[str, list[str]] = defaultdict(list)
    starting: dict[str, list[str]] = defaultdict(list)
    for word in common:
        for k in range(1, min(len(word), 6) + 1):
            ending[word[-k:]].append(word)
            starting[word[:k]].append(word)
    # a pair that spells a multi-word entry word for word ("blow jobs", "gang banged") is
    # that entry, not an ordinary pair
    phrases = {tuple(e.lower().split()) for e in entries if len(e.split()) == 2}
    pairs: set[str] = set()
    for entry in entries:
        letters = entry.lower()
        if not letters.isascii() or not letters.isalpha() or len(letters) < 3:
            continue
        for at in range(1, len(letters)):
            before, after = ending.get(letters[:at]), starting.get(letters[at:])
            if before and after:
                pair = f"{rng.choice(before)} {rng.choice(after)}"
                first, second = pair.split()
                if not any(first == a and second.startswith(b) for a, b in phrases):
                    pairs.add(pair)
    ordered = sorted(pairs)
    rng.shuffle(ordered)
    return ordered[:limit]


def scunthorpe_joined(
    scunthorpe: Sequence[str], ordinary: Sequence[str], seed: int, limit: int = 600
) -> list[str]:
    """A Scunthorpe-style word written together with a common word, either side, in
    lower case or as CamelCase ("hellokitty", "GlassHouse", "fanclass"): a shopper's
    team or shop name, innocent, whose parts hold an entry only by accident."""
    rng = random.Random(seed)
    holders = [w.lower() for w in scunthorpe if w.isascii() and w.isalpha() and len(w) >= 4]
    others = [w.lower() for w in ordinary[:3_000] if w.isascii() and w.isalpha() and len(w) >= 3]
    if not holders or not others:
        return []
    joined: set[str] = set()
    for _ in range(limit * 3):
        if len(joined) >= limit:
            break
        holder, other = rng.choice(holders), rng.choice(others)
        first, second = (holder, other) if rng.random() < 0.5 else (other, holder)
        if rng.random() < 0.5:
            joined.add(first + second)
        else:
            joined.add(first.capitalize() + second.capitalize())
    return sorted(joined)


def innocent_classes(
    entries: Sequence[str], seed: int, dict_size: int, hand: bool = True
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]:
    from wordfreq import top_n_list

    deriv = Derivations(entries)
    words = [w for w in top_n_list("en", dict_size) if key(w)]
    ordinary: list[str] = []
    scunthorpe: list[str] = []
    skipped_dict: list[str] = []
    override = {w.lower() for w in SCUNTHORPE_HAND}
    for w in words:
        if deriv.is_offensive(w) and w.lower() not in override:
            skipped_dict.append(w)
        elif deriv.contains(key(w)):
            scunthorpe.append(w)
        else:
            ordinary.append(w)
    classes = {
        "dictionary": ordinary,
        "scunthorpe": scunthorpe,
        "scunthorpe-hand": SCUNTHORPE_HAND,
        "names": names(seed),
        "teams": TEAMS,
        "dates": dates(150, seed),
        "numbers": NUMBERS,
        "phrases-en": PHRASES_EN,
        "phrases-fr": PHRASES_FR,
        "cross-word": cross_word_pairs(entries, ordinary, seed),
        "scunthorpe-joined": scunthorpe_joined(scunthorpe, ordinary, seed),
    }
    skipped: dict[str, list[str]] = {"dictionary": skipped_dict}
    for name, texts in list(classes.items()):
        if name in ("dictionary", "scunthorpe"):
            continue
        # hand lists are innocent by choice; only a text that IS an entry is left out
        keep = [t for t in texts if key(t) not in deriv.keys]
        skipped[name] = [t for t in texts if t not in keep]
        classes[name] = keep
    return classes, skipped, {"dictionary-all": len(words)}


def run_fp(
    classes: dict[str, list[str]], detectors: dict[str, peers.Peer], ours: peers.Peer
) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for cls, texts in classes.items():
        fps: list[tuple[str, list]] = []
        for t in texts:
            found = ours.find(t)  # type: ignore[misc]
            if found:
                fps.append((t, found))
        peer_fp = {name: sum(not p.is_clean(t) for t in texts) for name, p in detectors.items()}
        out[cls] = {"n": len(texts), "fps": fps, "peers": peer_fp}
    return out


def print_fp(result: dict[str, dict], detectors: Sequence[str], show: int) -> None:
    head = f"{'innocent class':18} {'n':>6} {'ours FP':>9} {'#':>4} |"
    head += "".join(f" {n[:16]:>16}" for n in detectors) + "  target"
    print(head)
    print("-" * len(head))
    custom_n = custom_fp = 0
    peer_custom: dict[str, int] = defaultdict(int)
    for cls, r in result.items():
        n = max(r["n"], 1)
        fp = len(r["fps"])
        line = f"{cls:18} {r['n']:6d} {pct(fp / n):>9} {fp:4d} |"
        line += "".join(f" {pct(r['peers'][name] / n):>16}" for name in detectors)
        if cls in TARGET_FP:
            target = TARGET_FP[cls]
            line += f"  <={100 * target:g}% {'ok' if fp / n <= target else 'FAIL'}"
        elif cls in CUSTOMIZATION:
            custom_n += r["n"]
            custom_fp += fp
            for name in detectors:
                peer_custom[name] += r["peers"][name]
            line += f"  0 {'ok' if fp == 0 else 'FAIL'}"
        print(line)
    line = f"{'customization(all)':18} {custom_n:6d} {pct(custom_fp / max(custom_n, 1)):>9}"
    line += f" {custom_fp:4d} |" + "".join(
        f" {pct(peer_custom[name] / max(custom_n, 1)):>16}" for name in detectors
    )
    print(line + f"  0 {'ok' if custom_fp == 0 else 'FAIL'}")
    print(f"\nworst false positives per class (most frequent first, up to {show}):")
    for cls, r in result.items():
        if not r["fps"]:
            continue
        fps = r["fps"] if cls != "scunthorpe-hand" else r["fps"]
        if cls in ("dictionary", "scunthorpe"):
            fps = r["fps"]  # already in frequency order (wordfreq rank)
        shown = "; ".join(
            f"{t!r}->{[(t[m.start : m.end], m.word) for m in found][:2]}" for t, found in fps[:show]
        )
        print(f"  {cls:18} {shown}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sample (seconds)")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--words", help="word-list file (default: wordlists/<lang>.txt)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--show", type=int, default=5, help="worst misses/FPs shown per class")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()

    raw, source = peers.load_words(args.lang, args.words)
    entries, rejected = peers.usable_entries(raw)
    print(
        f"word list: {source}: {len(raw)} lines, {len(entries)} usable entries"
        + (f", rejected by Matcher: {rejected}" if rejected else "")
    )
    from kickflip_moderation.matching.defaults import builtin_allowlist

    print(f"built-in allowlist: {len(builtin_allowlist())} entries")
    if args.quick:
        rng = random.Random(args.seed)
        entries = sorted(rng.sample(entries, min(30, len(entries))))
    dict_size = 3000 if args.quick else 50000

    ours = peers.build("ours", entries)
    names_ = [] if args.no_peers or args.quick else ["better_profanity", "glin"]
    detectors = {n: peers.build(n, entries) for n in names_}
    for carrier in evasions.CARRIERS:
        bare = carrier.replace("{x}", "").strip()
        dirty = [p.name for p in (ours, *detectors.values()) if bare and not p.is_clean(bare)]
        if dirty:
            print(f"WARNING: carrier {carrier!r} itself is flagged by {dirty}")
    print(
        "leet map: 0o 1il 3e 4a 5s 7t 8b 9g @a $s !i |il +t;"
        " homoglyphs (Cyrillic/Greek) for a e o p c x y i s\n"
    )

    recall = run_recall(entries, detectors, ours, args.seed)
    print_recall(recall, list(detectors), args.show)

    classes, skipped, counts = innocent_classes(entries, args.seed, dict_size)
    n_dict = counts["dictionary-all"]
    print(
        f"\nwordfreq top {n_dict}: {len(classes['dictionary'])} ordinary,"
        f" {len(classes['scunthorpe'])} Scunthorpe-style (contain an entry),"
        f" {len(skipped['dictionary'])} left out as entries/derivations"
        f" (e.g. {', '.join(skipped['dictionary'][:8])})"
    )
    other = {k: v for k, v in skipped.items() if v and k != "dictionary"}
    if other:
        print(
            "left out of hand lists (an entry or derivation):",
            "; ".join(f"{k}: {', '.join(v)}" for k, v in other.items()),
        )
    print()
    fp = run_fp(classes, detectors, ours)
    # the whole dictionary (ordinary + Scunthorpe-style) as one more row
    every = {
        "n": len(classes["dictionary"]) + len(classes["scunthorpe"]),
        "fps": fp["dictionary"]["fps"] + fp["scunthorpe"]["fps"],
        "peers": {
            k: fp["dictionary"]["peers"][k] + fp["scunthorpe"]["peers"][k] for k in detectors
        },
    }
    rows = {
        "dictionary": fp["dictionary"],
        "scunthorpe": fp["scunthorpe"],
        "dict+scunthorpe": every,
    }
    rows.update({k: v for k, v in fp.items() if k not in rows})
    print_fp(rows, list(detectors), args.show)
    print(f"\n(total {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
