"""Seeded demo data for the fake Kickflip API, with the ground truth recorded beside it.

The data is built to exercise a moderation client, not to look pretty: designs carry ordinary
customization texts, offending texts in plain and evasive spellings, innocent texts that a
naive substring filter would flag (Scunthorpe-style), and the odd shapes the reference leaves
open (``views`` empty or not a list, ``text`` null/empty/a number, no ``configuration``).
Everything derives from one ``random.Random(seed)``, so a seed always gives the same brand,
and generation is O(number of orders).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

__all__ = ["DemoData", "Truth", "generate", "make_jwt", "read_dir", "write_dir"]

TOKEN_EXP = 4102444800  # 2100-01-01: "far in the future"
EXPIRED_EXP = 946684800  # 2000-01-01

ORDINARY = [
    "Zoé", "José", "Müller", "Chloé", "Emma", "Liam", "Noah", "Olivia", "Léa", "Mateo",
    "Anaïs", "François", "Jürgen", "Søren", "Björn", "Renée", "Sofia", "Lucas", "Mia",
    "Wildcats", "Thunder Hawks", "FC Lions", "Blue Sharks", "Riverside Rovers",
    "Class of 2025", "12/05/2024", "01.01.2000", "142,460", "911", "#23", "No. 7",
    "Joyeux anniversaire", "Je t'aime maman", "Bonne fête papa", "Feliz cumpleaños",
    "Alles Gute", "Love you ❤️", "Best Dad 🏆", "🎸 Rock on", "Happy birthday Jessica",
    "Grandpa Joe", "Mom & Dad", "Forever young", "Skate every day", "Est. 1987",
]
# Offending texts use only base words every default list will hold, in evasive spellings.
OFFENDING = [
    "fuck", "FuCk off", "sh1t happens", "b1tch", "a$$hole", "5hit", "f.u.c.k", "f u c k",
    "s_h_i_t", "b-i-t-c-h", "fuuuuck", "shiiiit", "fu\u0441k", "\u0430sshole",
    "\uff46\uff55\uff43\uff4b", "\U0001d42c\U0001d421\U0001d422\U0001d42d", "fu\u200bck",
    "fück", "fucking awesome", "Bullshitter", "motherfuckers", "Happy birthday you old bastard",
    "cunt", "Dick", "whore", "slut", "motherfucker", "bullshit", "Merde alors", "Putain",
    "connard", "Salope", "puta", "Mierda", "Scheisse", "Du Arschloch", "Team Asshole",
]
INNOCENT = [
    "Scunthorpe United", "Class of 2025", "Dickens Book Club", "Cocktail Hour",
    "Best Therapist Ever", "Sussex Cricket", "Hitchcock Film Society", "Shiitake Farm",
    "Data Analysis Team", "Assassin", "Push it real good", "The pen is mightier",
    "Hot water bottle", "Grape Expectations", "Essex Girls", "Peacock Lane", "Cockpit Crew",
    "Therapist", "Bass Fishing Club", "Hancock Family",
]
# (name, price, [(productionData key, summary key, values)], text slot keys, has logo)
PRODUCTS: list[tuple[str, int, list[tuple[str, str, list[str]]], list[str], bool]] = [
    ("Custom Skateboard", 89, [("Deck material", "Deck", ["Maple", "Bamboo", "Carbon"]),
                               ("Wheels color", "Wheels", ["White", "Red", "Yellow"])],
     ["Name text", "Bottom text", "Tail text"], True),
    ("Engraved Bracelet", 49, [("Metal", "Metal", ["Silver", "Gold", "Rose gold"]),
                               ("Size", "Size", ["S", "M", "L"])],
     ["Engraving text", "Inside text"], False),
    ("Team Jersey", 65, [("Jersey color", "Color", ["Red", "Navy", "White"]),
                         ("Size", "Size", ["S", "M", "L", "XL"])],
     ["Name text", "Number text", "Team text"], True),
    ("Custom Guitar", 123, [("Body material", "Body", ["Bright Red", "Sunburst", "Black"]),
                            ("Pickguard material", "Pickguard", ["White", "Black"])],
     ["Name text", "Headstock text"], True),
    ("Phone Case", 29, [("Case model", "Model", ["iPhone 15", "Pixel 8", "Galaxy S24"]),
                        ("Finish", "Finish", ["Matte", "Glossy"])],
     ["Back text", "Side text"], False),
]
# Designs at these creation indices get one odd shape each (present once >= 20 designs exist).
ODD_AT = {2: "views_empty", 4: "views_not_list", 6: "text_null", 8: "text_empty",
          10: "text_number", 12: "two_views", 14: "no_configuration", 16: "views_missing",
          18: "second_view_offending"}
DEMO_WORDS = ["fuck", "shit", "bitch", "Damn"]


@dataclass
class Truth:
    """What the demo data contains, so tests and benchmarks can score a scan exactly."""

    offending_design_ids: set[str] = field(default_factory=set)
    innocent_design_ids: set[str] = field(default_factory=set)
    missing_design_ids: set[str] = field(default_factory=set)
    odd_shapes: dict[str, str] = field(default_factory=dict)  # kind -> design _id
    offending_texts: dict[str, str] = field(default_factory=dict)  # design _id -> text

    def to_json(self) -> dict[str, Any]:
        return {k: sorted(v) if isinstance(v, set) else v for k, v in vars(self).items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Truth:
        return cls(set(data.get("offending_design_ids", [])),
                   set(data.get("innocent_design_ids", [])),
                   set(data.get("missing_design_ids", [])),
                   dict(data.get("odd_shapes", {})), dict(data.get("offending_texts", {})))


@dataclass
class DemoData:
    orders: list[dict[str, Any]]
    designs: list[dict[str, Any]]
    wordfilter: dict[str, Any]
    truth: Truth


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def make_jwt(brand: str, exp: int, key: str) -> str:
    """A JWT-shaped HS256 token; the fake only compares it as a string, clients may decode it."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": "api-key", "brand": brand, "iat": 1700000000, "exp": exp}
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(sig)}"


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


class _Gen:
    """One generation run; holds the rng, counters and per-product ids."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0
        self.cycle = {"offending": 0, "innocent": 0}
        self.store = self.oid(datetime(2023, 6, 1, tzinfo=UTC))
        self.products = [self._product(p) for p in PRODUCTS]

    def oid(self, when: datetime) -> str:
        """Mongo-like 24-hex id: timestamp, random part, counter (so ids never collide)."""
        self.counter += 1
        return f"{int(when.timestamp()):08x}{self.rng.getrandbits(40):010x}{self.counter:06x}"

    def short(self, prefix: str) -> str:
        chars = "0123456789abcdefghijklmnopqrstuvwxyz"
        return prefix + "".join(self.rng.choice(chars) for _ in range(6))

    def _product(self, spec: tuple[Any, ...]) -> dict[str, Any]:
        name, price, options, slots, logo = spec
        when = datetime(2023, 6, 1, tzinfo=UTC)
        return {
            "name": name, "price": price, "logo": logo, "id": self.oid(when),
            "customizerId": self.oid(when),
            "options": [(key, label, self.short("OPTION-"),
                         [(v, self.short("CHOICE-")) for v in values])
                        for key, label, values in options],
            "slots": [(key, self.short("OPTION-"), self.short("CHOICE-")) for key in slots],
            "filler": [(self.short("OPTION-"), self.short("CHOICE-")) for _ in range(4)],
            "logoIds": (self.short("OPTION-"), self.short("CHOICE-")),
        }

    def pick(self, kind: str, pool: list[str]) -> str:
        """Cycle through a pool so every offending/innocent spelling appears once data is big."""
        text = pool[self.cycle[kind] % len(pool)]
        self.cycle[kind] += 1
        return text

    def design(self, index: int, when: datetime, truth: Truth) -> dict[str, Any]:
        rng, prod = self.rng, self.products[index % len(self.products)]
        odd = ODD_AT.get(index)
        roll = rng.random()
        kind = "odd" if odd else "offending" if roll < 0.09 else "innocent" if roll < 0.17 else ""
        n_slots = len(prod["slots"])
        count = rng.choice((0, 1, 1, 2, 2, 3))
        count = max(1, min(count, n_slots)) if kind else min(count, n_slots)
        texts: list[Any] = [rng.choice(ORDINARY) for _ in range(count)]
        special = rng.randrange(count) if count and not odd else 0  # odd shape: first slot
        if kind == "offending":
            texts[special] = self.pick(kind, OFFENDING)
        elif kind == "innocent":
            texts[special] = self.pick(kind, INNOCENT)
        _id = self.oid(when)
        config: dict[str, Any] = {}
        production: list[dict[str, Any]] = []
        summary: list[dict[str, Any]] = []
        for key, label, option_id, choices in prod["options"]:
            value, choice_id = rng.choice(choices)
            config[option_id] = choice_id
            production.append({"key": key, "value": value,
                               "ref": {"optionId": option_id, "choiceId": choice_id}})
            summary.append({"key": label, "value": value})
        summary.append({"key": "Your name"})  # the reference shows a summary key with no value
        for option_id, choice_id in prod["filler"]:
            config[option_id] = choice_id
        if prod["logo"]:
            config[prod["logoIds"][0]] = self._logo(prod["logoIds"][1], when)
        for i, (slot, text) in enumerate(zip(prod["slots"], texts, strict=False)):
            key, option_id, choice_id = slot
            views: Any = [{"type": "text", "text": text}]
            choice = {"id": choice_id, "type": "text", "name": "Default text", "views": views}
            if odd and i == special:
                text = self._odd(odd, choice)
            config[option_id] = choice
            production.append({"key": key, "value": text if isinstance(text, str) else "",
                               "ref": {"optionId": option_id, "choiceId": choice_id}})
        image = {"_id": self.oid(when), "originalFilename": f"design-{index + 1}.png",
                 "size": rng.randint(100_000, 900_000), "date": _iso(when), "__v": 0}
        image["filename"] = f"{image['_id']}.png"
        image["url"] = f"https://cdnv2.mycustomizer.com/demo-brand/{image['filename']}"
        design: dict[str, Any] = {
            "productionData": production, "summary": summary, "designImages": [image],
            "_id": _id, "price": prod["price"], "configuration": config,
            "productId": prod["id"], "productName": prod["name"],
            "customizerProductId": prod["customizerId"], "designImage": dict(image),
            "store": self.store, "createdAt": _iso(when), "updatedAt": _iso(when),
            "designId": index + 1, "__v": 0, "id": _id,
        }
        if odd:
            truth.odd_shapes[odd] = _id
            if odd == "no_configuration":
                del design["configuration"]
            if odd == "second_view_offending":
                kind = "offending"
                texts[special] = "\u0430sshole"
        if kind == "offending":
            truth.offending_design_ids.add(_id)
            truth.offending_texts[_id] = texts[special]
        elif kind == "innocent":
            truth.innocent_design_ids.add(_id)
        return design

    def _odd(self, odd: str, choice: dict[str, Any]) -> Any:
        """Reshape one text choice in place; return the text productionData should carry."""
        views = choice["views"]
        if odd == "views_empty":
            choice["views"] = []
        elif odd == "views_not_list":
            choice["views"] = views[0]
        elif odd in ("text_null", "text_empty", "text_number"):
            views[0]["text"] = {"text_null": None, "text_empty": "", "text_number": 23}[odd]
            return views[0]["text"]
        elif odd == "two_views":
            views.append({"type": "text", "text": "Back side"})
        elif odd == "views_missing":
            del choice["views"]
        elif odd == "second_view_offending":
            views.append({"type": "text", "text": "\u0430sshole"})
            return f"{views[0]['text']} / \u0430sshole"
        return views[0]["text"]

    def _logo(self, choice_id: str, when: datetime) -> dict[str, Any]:
        logo_id = self.oid(when)
        logo = {"_id": logo_id, "originalFilename": "yourlogo.png", "size": 9539,
                "date": _iso(when), "filename": f"{logo_id}.png",
                "url": f"https://cdn1.mczr.co/demo-brand/{logo_id}.png", "id": logo_id}
        return {"id": choice_id, "name": "Custom logo", "code": "", "description": "",
                "thumbnail": None, "type": "logo", "views": [{"type": "logo", "logo": logo}]}


def generate(seed: int = 7, orders: int = 300) -> DemoData:
    """Build ``orders`` orders (orderId 1..N, ascending dates) and the designs they reference.

    Orders have 1-3 items; about 3% of items reuse a design of an earlier order (order 4 always
    does) and about 1% reference a design id that does not exist (order 6 always does).
    """
    gen, truth = _Gen(seed), Truth()
    rng = gen.rng
    designs: list[dict[str, Any]] = []
    out: list[dict[str, Any]] = []
    when = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    for number in range(1, orders + 1):
        when += timedelta(minutes=rng.randint(5, 600), milliseconds=rng.randint(0, 999))
        items = []
        for slot in range(rng.choice((1, 1, 1, 2, 2, 3))):
            roll = rng.random()
            if designs and (roll < 0.03 or (number == 4 and slot == 0)):
                design_id = rng.choice(designs[-20:])["_id"]
            elif roll > 0.99 or (number == 6 and slot == 0):
                design_id = gen.oid(when)
                truth.missing_design_ids.add(design_id)
            else:
                design = gen.design(len(designs), when - timedelta(minutes=2), truth)
                designs.append(design)
                design_id = design["_id"]
            items.append({"quantity": rng.choice((1, 1, 1, 2, 3)), "design": design_id})
        _id = gen.oid(when)
        date = _iso(when)
        out.append({
            "currency": rng.choice(("CAD", "USD", "EUR")), "status": "pending",
            "paymentStatus": "paid", "statusHistory": [{"status": "pending", "date": date}],
            "exchangeRateAtCreation": round(rng.uniform(0.6, 1.1), 6),
            "transactionFeePercentage": 1.9, "trial": False, "_id": _id,
            "eCommerceOrderId": str(1014154653754 + number * 7),
            "eCommerceOrderName": f"#{1000 + number}", "store": gen.store, "items": items,
            "totalPrice": rng.randint(25, 400), "date": date, "orderId": number, "__v": 0,
            "id": _id,
        })
    wordfilter = {"isActive": True, "words": list(DEMO_WORDS)}
    return DemoData(out, designs, wordfilter, truth)


def read_dir(path: str | Path) -> DemoData:
    """Data for ``--data DIR``: orders.json and designs.json (arrays) are required."""
    root = Path(path)

    def load(name: str, default: Any = None) -> Any:
        file = root / name
        if default is not None and not file.exists():
            return default
        return json.loads(file.read_text("utf-8"))

    orders, designs = load("orders.json"), load("designs.json")
    if not isinstance(orders, list) or not isinstance(designs, list):
        raise ValueError(f"{root}: orders.json and designs.json must hold JSON arrays")
    _require_objects(root / "orders.json", orders)
    _require_objects(root / "designs.json", designs)
    for index, design in enumerate(designs):
        if not isinstance(design.get("_id"), str):
            raise ValueError(f"{root / 'designs.json'}: item {index} has no string \"_id\"")
    wordfilter = load("wordfilter.json", {"isActive": True, "words": []})
    if not isinstance(wordfilter, dict) or not isinstance(wordfilter.get("words", []), list):
        raise ValueError(f"{root / 'wordfilter.json'}: must be an object whose \"words\" "
                         "is an array")
    truth = load("truth.json", {})
    if not isinstance(truth, dict):
        raise ValueError(f"{root / 'truth.json'}: must be a JSON object")
    return DemoData(orders, designs, wordfilter, Truth.from_json(truth))


def _require_objects(file: Path, items: list[Any]) -> None:
    """Hand-written data files are the fake's user input: name the bad item instead of
    failing later with a TypeError deep in the server."""
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"{file}: item {index} is {json.dumps(item)[:40]}, "
                             "not a JSON object")


def write_dir(path: str | Path, data: DemoData) -> None:
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    files = {"orders.json": data.orders, "designs.json": data.designs,
             "wordfilter.json": data.wordfilter, "truth.json": data.truth.to_json()}
    for name, value in files.items():
        (root / name).write_text(json.dumps(value, ensure_ascii=False, indent=1), "utf-8")
