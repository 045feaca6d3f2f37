"""Build the bundled segmentation/tagging data from ``../shared/gazetteers``.

    python -m tools.dictionary_build --gazetteers ../shared/gazetteers --out transforms/data/

Writes (all UTF-8, LF):
  userdict.txt  jieba user dictionary ``word freq tag`` (loaded into rjieba/jieba by transforms.segment)
  entities.tsv  ``surface  type  canonical_id  flag`` for the character automaton of transforms.entities;
                flag ``amb`` = ambiguous short name (needs context before it becomes an entity)
  persons.txt   known person names (executives, natural-person controllers): weak PER evidence only
  surnames.txt  Chinese surnames (single and compound)
  given_name_chars.tsv  per character, log-odds of being part of a given name (persons list vs jieba's
                dictionary text): evidence for names that jieba cut apart (杨|振兴)
  NOTICE        sources and licences of everything above

Why a build step: the gazetteers are large and noisy; filtering (stopwords, ambiguous short names,
general-vocabulary clashes) is done once here, so workers only read small clean files.
"""
from __future__ import annotations

import argparse
import csv
import glob
import math
import os
import re
import unicodedata
from collections import defaultdict

import jieba

CJK = re.compile(r"^[\u4e00-\u9fff·]+$")
ENTITY_FREQ = 3000          # high enough for jieba to keep an entity whole over its pieces
HIGH_DF_COMMON = 2000
SURNAME_MIN_TF = 20
FAMOUS_2CHAR_MAX_FREQ = 400  # a two-character famous name this frequent in jieba's dictionary is mostly a word (孙子, 陆军)
FAMOUS_MIN_DF = 50          # THUOCL lishimingren document frequency: rarer entries are noisy
DIMING_MIN_DF = 100         # THUOCL diming document frequency: below this, mostly noise         # person_surnames.tsv frequency: keeps ~240 single-character surnames       # a jieba default-dict word this frequent (non-ns) is a common word

# Hand-written facts (Hong Kong listings are not in the gazetteers): short name -> HK code.
HK_LISTED = {
    "平安好医生": "01833.HK", "腾讯控股": "00700.HK", "腾讯": "00700.HK", "美团": "03690.HK",
    "小米集团": "01810.HK", "阿里健康": "00241.HK", "京东健康": "06618.HK", "汇丰控股": "00005.HK",
    "友邦保险": "01299.HK", "香港交易所": "00388.HK", "港交所": "00388.HK", "中国移动": "00941.HK",
    "石药集团": "01093.HK", "中国生物制药": "01177.HK", "信达生物": "01801.HK", "药明生物": "02269.HK",
    "加科思": "01167.HK", "快手": "01024.HK", "阿里巴巴": "09988.HK", "百度集团": "09888.HK",
    "网易": "09999.HK", "京东集团": "09618.HK", "百济神州": "06160.HK",
}
# Common abbreviations of listed banks and an old name (hand-written facts).
ABBREVIATIONS = {"工行": "601398.SH", "农行": "601288.SH", "中行": "601988.SH", "建行": "601939.SH",
                 "交行": "601328.SH", "招行": "600036.SH", "浦发": "600000.SH", "邮储银行": "601658.SH",
                 "深发展": "000001.SZ", "深发展银行": "000001.SZ", "广发行": "", "民生": "600016.SH",
                 "兴业": "601166.SH", "光大": "601818.SH", "中信": "601998.SH", "茅台": "600519.SH",
                 "国航": "601111.SH", "东航": "600115.SH", "南航": "600029.SH", "中石油": "601857.SH",
                 "中石化": "600028.SH", "中海油": "600938.SH", "中移动": "600941.SH", "中国联通": "600050.SH",
                 "中国电信": "601728.SH", "中国移动": "600941.SH", "中国神华": "601088.SH"}
# Well-known companies and institutions (global brands, regulators) absent from the A-share lists.
WELL_KNOWN = ["微软", "谷歌", "索尼", "三星", "诺基亚", "英特尔", "亚马逊", "脸书", "特斯拉", "丰田", "本田",
              "宝马", "奔驰", "福特", "联想", "海尔", "中兴", "小米", "京东", "新浪", "搜狐", "携程", "淘宝",
              "支付宝", "滴滴", "拼多多", "花旗", "汇丰", "渣打", "摩根大通", "高盛", "摩根士丹利", "瑞银",
              "德意志银行", "巴克莱", "美林", "瑞信", "野村", "贝莱德", "黑石", "软银", "雀巢", "可口可乐",
              "百事", "麦当劳", "肯德基", "星巴克", "沃尔玛", "家乐福", "宜家", "波音", "空客", "通用汽车",
              "大众汽车", "苹果公司", "银联", "中国银联", "银监会", "保监会", "银保监会", "国家金融监督管理总局",
              "外汇局", "国家外汇管理局", "国资委", "卫生部", "卫健委", "疾控中心", "中国疾控中心", "药监局",
              "医保局", "工信部", "科技部", "教育部", "人社部", "住建部", "农业农村部", "交通运输部", "新华社",
              "央视", "人民日报", "路透社", "彭博社", "美联社", "法新社", "穆迪", "标普", "惠誉", "纳斯达克",
              "纽交所", "港交所", "联交所", "世卫组织", "欧盟", "联合国", "北约", "东盟", "欧佩克", "世贸组织",
              "达能", "宝洁", "联合利华", "飞利浦", "西门子", "松下", "夏普", "东芝", "日立", "佳能", "尼康",
              "任天堂", "暴雪", "育碧", "动视", "腾讯公司", "网易公司", "新浪网", "搜狐网", "凤凰网", "新华网",
              # central government bodies, courts, armed forces (ORG in the usual NER conventions)
              "公安部", "外交部", "国防部", "民政部", "司法部", "审计署", "海关总署", "国家税务总局", "税务总局",
              "国家市场监督管理总局", "市场监管总局", "国家粮食局", "粮食局", "银监局", "证监局", "保监局",
              "统计局", "国土资源部", "自然资源部", "生态环境部", "住建委", "卫计委", "中纪委", "中央纪委",
              "全国人大", "全国人大常委会", "全国政协", "最高人民法院", "最高法", "最高人民检察院", "国家卫计委",
              "中国人民解放军", "解放军", "武警", "美军", "俄军", "德军", "日军", "英军", "法军", "盟军",
              "海军", "空军", "陆军", "美国海军", "美国空军", "美国陆军"]
# Latin-script names of well-known companies (matched case-sensitively, plus the lower-case form).
LATIN_ORG = ["Facebook", "Google", "Apple", "Microsoft", "Amazon", "Visa", "VISA", "MasterCard", "Nike", "IBM", "Intel",
             "Tesla", "Samsung", "Sony", "Nokia", "Oracle", "Netflix", "Uber", "Airbnb", "PayPal", "eBay", "Twitter",
             "OpenAI", "Nvidia", "NVIDIA", "AMD", "Qualcomm", "Cisco", "HSBC", "Citi", "Citigroup", "JPMorgan",
             "Goldman Sachs", "Morgan Stanley", "UBS", "Pfizer", "Moderna", "AstraZeneca", "Novartis", "Roche",
             "Merck", "GSK", "Sanofi", "Bayer", "BioNTech", "Activision", "Blizzard", "Ubisoft", "Valve", "Nintendo"]
AMB_WELL_KNOWN = {"小米", "京东", "百事", "标普", "海尔", "联想", "松下", "夏普", "动视", "野村"}   # also ordinary words or names: need context
# Well-known unlisted or foreign organisations missing from every list (hand-written).
EXTRA_ORG = ["微医集团", "百度", "阿里巴巴集团", "华为", "华为技术有限公司", "字节跳动", "蚂蚁集团",
             "阿斯利康", "辉瑞", "诺华", "罗氏", "默沙东", "强生", "赛诺菲", "葛兰素史克", "礼来",
             "诺和诺德", "拜耳", "世界卫生组织", "国家卫健委", "国家卫生健康委员会", "国家药监局",
             "国家药品监督管理局", "国家医保局", "中国证监会", "证监会", "银保监会", "中国人民银行", "央行",
             "国务院", "上交所", "深交所", "北交所", "上海证券交易所", "深圳证券交易所", "美联储",
             "国际货币基金组织", "世界银行", "国家统计局", "财政部", "商务部", "发改委", "国家发改委"]


# Short names that are ordinary phrases but in no vocabulary list we ship (hand-checked).
PHRASE_SHORT_NAMES = {"线上线下"}


KNOWLEDGE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "transforms", "knowledge")
_PLAIN_WORD = re.compile(r"^[A-Z][a-z]+$")


def knowledge_rows(folder: str):
    """(surface, type, flag) from the hand-written lists in transforms/knowledge/*.tsv (newsbeam's own,
    written from general knowledge). context `sport` -> flag `sport` (a club only in a sports text),
    an unambiguous club -> `club` (its mention makes a text a sports text), `amb` -> `amb`.
    Latin names also match in lower case (bet365, ncsoft) unless they are a plain capitalised word
    (Valve, Epic), whose lower case is an English word."""
    for path in sorted(glob.glob(os.path.join(folder, "*.tsv"))):
        clubs = os.path.basename(path) == "clubs.tsv"
        for r in rows(path):
            surface, context = r["surface"].strip(), r["context"].strip()
            flag = "sport" if context == "sport" else "amb" if context == "amb" else "club" if clubs else ""
            yield surface, r["type"], flag
            if surface.isascii() and surface.lower() != surface and not _PLAIN_WORD.match(surface) and len(surface) >= 3:
                yield surface.lower(), r["type"], flag or ("amb" if len(surface) <= 3 else "")


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _int(v: str) -> int:
    """THUOCL frequencies are integers, with a few corrupt cells (3?)."""
    digits = re.match(r"\d+", v or "")
    return int(digits.group()) if digits else 0


def jieba_dict() -> dict[str, tuple[int, str]]:
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 2:
                out[p[0]] = (int(p[1]), p[2] if len(p) > 2 else "")
    return out


class Entries:
    """What the loaders share: jieba's dictionary, the stop words and vocabularies, and the entries
    built so far ((surface, type) -> (canonical_id, flag); the first reading of a surface wins)."""

    ORG_END = ("银行", "证券", "保险", "集团", "股份", "控股", "医药", "药业", "科技", "电子", "电器", "汽车", "地产",
               "能源", "信托", "期货", "生物", "制药", "电力", "钢铁", "水泥", "航空", "传媒")

    def __init__(self, gz: str):
        self.j = jieba_dict()
        self.stop = {r["word"] for r in rows(f"{gz}/stopwords_iso_zh.tsv")}
        self.vocab = set()
        for fname in ("finance_thuocl_caijing", "health_thuocl_medical", "lexicon_thuocl_it", "lexicon_thuocl_law",
                      "lexicon_thuocl_car", "place_thuocl_diming", "person_thuocl_lishimingren"):
            self.vocab.update(r["word"] for r in rows(f"{gz}/{fname}.tsv"))
        self.ents: dict[tuple[str, str], tuple[str, str]] = {}

    def common_word(self, w: str) -> bool:
        """A word of everyday Chinese (not a name) according to jieba's own dictionary."""
        freq, tag = self.j.get(w, (0, ""))
        return freq >= HIGH_DF_COMMON and not tag.startswith(("ns", "nt", "nz", "nr"))

    def vocab_clash(self, w: str) -> bool:
        """A short name that is also a vocabulary word (线上线下, 三峡, 张家界) needs context."""
        j = self.j
        if w.endswith(self.ORG_END):
            return False
        if w in j and not j[w][1].startswith(("ns", "nt", "nz", "nr")) and len(w) >= 4:
            return True      # an idiom or phrase jieba already knows (线上线下)
        return len(w) <= 3 and w in self.vocab

    def add(self, surface: str, etype: str, cid: str = "", flag: str = ""):
        surface = unicodedata.normalize("NFKC", surface).strip()
        if len(surface) < 2 or surface in self.stop or "\t" in surface or surface.isdigit():
            return
        key = (surface, etype)
        old = self.ents.get(key)
        if old is None:
            self.ents[key] = (cid, flag)
        elif old[0] != cid and old[0] and cid:
            self.ents[key] = ("", old[1] or flag)     # same surface, several ids: ambiguous link
        elif not old[0] and cid and not old[1]:
            self.ents[key] = (cid, old[1])


def load_companies(e: Entries, gz: str) -> None:
    """Listed companies (A-shares, HK), hand-listed organisations and abbreviations."""
    j, add, common_word = e.j, e.add, e.common_word
    for r in rows(f"{gz}/finance_company_aliases.tsv"):
        at, alias = r["alias_type"], r["alias"]
        cid = r["entity_id"].split(":", 1)[1]
        if at == "full_name":
            add(alias, "ORG", cid)
        elif at in ("short_name", "short_name_nfkc", "short_name_base", "former_short_name_2018",
                    "short_name_2018_not_listed_2026"):
            a = unicodedata.normalize("NFKC", alias)
            if not CJK.match(a.rstrip("AB")):
                continue
            for name in {a, re.sub(r"[AB]$", "", a)}:     # 万科A -> 万科
                if len(name) == 2:
                    # two characters: a name only when jieba itself knows it as a proper noun (万科 nz)
                    amb = not (name in j and j[name][1] in ("nz", "nt")) or common_word(name)
                else:
                    amb = name in PHRASE_SHORT_NAMES or common_word(name) or e.vocab_clash(name) \
                        or name in j and j[name][1].startswith(("ns", "nr"))
                add(name, "ORG", cid, "amb" if amb else "")
    for name, code in HK_LISTED.items():
        add(name, "ORG", code, "amb" if common_word(name) else "")
    for name in EXTRA_ORG + WELL_KNOWN:
        add(name, "ORG", "", "amb" if name in AMB_WELL_KNOWN else "")
    for name in LATIN_ORG:
        for v in {name, name.lower()}:
            add(v, "ORG", "", "amb" if v.lower() in ("apple", "visa", "uber", "amd", "citi", "merck") and v.islower() else "")
    for name, code in ABBREVIATIONS.items():
        add(name, "ORG", code, "amb" if common_word(name) or name in ("民生", "兴业", "光大", "茅台") else "")


def load_banks(e: Entries, gz: str) -> None:
    """Banks, linked to listed banks through the full name."""
    add = e.add
    bank_full = {r["full_name"]: r["ts_code"] for r in rows(f"{gz}/finance_a_share_stocks_2026.tsv")
                 if r["industry"] == "银行"}
    for r in rows(f"{gz}/finance_banks.tsv"):
        name = r["name"]
        cid = bank_full.get(name + "股份有限公司", "") or bank_full.get(name + "有限责任公司", "")
        add(name, "ORG", cid)


def load_hospitals(e: Entries, gz: str) -> None:
    add = e.add
    for r in rows(f"{gz}/health_hospitals_2020.tsv"):
        for part in re.split(r"[()（）]", r["name"]):
            if part.endswith(("医院", "中心", "卫生院", "门诊部")) and len(part) >= 4:
                add(part, "ORG")


def load_places(e: Entries, gz: str) -> None:
    """Chinese admin divisions (with codes), HK/MO/TW, world places, THUOCL place names."""
    j, add, common_word, stop = e.j, e.add, e.common_word, e.stop
    loc_ids: dict[str, set[str]] = defaultdict(set)
    for r in rows(f"{gz}/place_cn_provinces.tsv"):
        loc_ids[r["name"]].add(r["code"].ljust(6, "0"))
    for r in rows(f"{gz}/place_cn_cities.tsv"):
        if r["name"] not in ("市辖区", "县"):
            loc_ids[r["name"]].add(r["code"].ljust(6, "0"))
    for r in rows(f"{gz}/place_cn_counties.tsv"):
        if r["name"] not in ("市辖区", "城区", "郊区", "矿区"):
            loc_ids[r["name"]].add(r["code"])
    for r in rows(f"{gz}/place_cn_location_aliases.tsv"):
        loc_ids[r["name"]].add(r["code"])
        for a in r["aliases"].split("|"):
            # short aliases like 和平/滨海/城关 clash with words: only keep those jieba knows as places
            if len(a) >= 2 and (not common_word(a)) and (len(a) >= 3 or j.get(a, (0, "ns"))[1].startswith("ns")):
                loc_ids[a].add(r["code"])
    for r in rows(f"{gz}/place_cn_hk_mo_tw.tsv"):
        for v in (r["region"], r["subregion"]):
            loc_ids.setdefault(v, set())
    for r in rows(f"{gz}/place_world_locations.tsv"):
        for v in [r["country"], r["country_full_name"], r["capital"], *r["major_cities"].split("|")]:
            if v:
                loc_ids.setdefault(v, set())
    for r in rows(f"{gz}/place_countries_zh.tsv"):
        if r["iso2"] not in ("XA", "XB"):
            loc_ids.setdefault(r["name_zh"], set())
    # THUOCL place-name vocabulary: only names (not generic place nouns such as 医院/小区/派出所)
    inst_end = ("医院", "学校", "大学", "学院", "中学", "小学", "公司", "银行", "集团", "中心", "局", "所", "站",
                "店", "馆", "厂", "部", "委", "会", "院", "处", "室", "队", "社", "台")
    for r in rows(f"{gz}/place_thuocl_diming.tsv"):
        w = r["word"]
        if _int(r["df"]) < DIMING_MIN_DF or len(w) < 2 or w.endswith(inst_end) or w in stop:
            continue
        if w in j and (not j[w][1].startswith("ns") or j[w][0] >= 300):
            continue        # a word jieba knows as something else (江湖, 三国) or a frequent one (城市, 上市)
        loc_ids.setdefault(w, set())
    for name, ids in loc_ids.items():
        if not CJK.match(name) or (len(name) == 2 and common_word(name)):
            continue
        add(name, "LOC", next(iter(ids)) if len(ids) == 1 else "")


def load_knowledge(e: Entries) -> None:
    """The hand-written lists (after the gazetteers: a gazetteer's reading and flag win)."""
    for surface, etype, flag in knowledge_rows(KNOWLEDGE_DIR):
        e.add(surface, etype, "", flag)


def load_health(e: Entries, gz: str) -> None:
    """Drugs and diseases."""
    add, common_word = e.add, e.common_word
    drug_fp = {"骨质疏松", "胆固醇", "涂片", "接种疫苗", "疫苗接种"}
    for r in rows(f"{gz}/health_drug_candidates_thuocl.tsv"):
        w = r["word"]
        if w not in drug_fp and len(w) >= 3 and not common_word(w):
            add(w, "DRUG")
    for r in rows(f"{gz}/health_icd10_categories.tsv"):
        if 2 <= len(r["name"]) <= 8 and "和" not in r["name"] and "其他" not in r["name"]:
            add(r["name"], "DISEASE", r["code"])
    dis_suffix = ("病", "癌", "瘤", "炎", "综合征", "综合症", "肺炎", "感染", "中毒")
    for r in rows(f"{gz}/health_thuocl_medical.tsv"):
        w = r["word"]
        organ2 = len(w) == 2 and w[1] in "癌瘤炎" and w[0] in "肺肝胃肠肾脑胰骨乳鼻咽喉胆宫眼耳皮"   # 肺癌, 肝炎
        if (len(w) >= 3 or organ2) and w.endswith(dis_suffix) and not w.endswith(("医院", "病人", "病房", "病历")):
            add(w, "DISEASE")


def load_people(e: Entries, gz: str) -> tuple[list[str], set[str], set[str]]:
    """(surnames, single-character surnames, persons): evidence for the PER rule; famous people as entries."""
    j, add, common_word, stop, ents = e.j, e.add, e.common_word, e.stop, e.ents
    # rare single-character surnames (本, 上, 中) mostly start ordinary words: keep the frequent ones
    surnames = [r["surname"] for r in rows(f"{gz}/person_surnames.tsv")
                if len(r["surname"]) > 1 or float(r["tf"] or 0) >= SURNAME_MIN_TF]
    single_surnames = {s for s in surnames if len(s) == 1}
    persons = set()
    for r in rows(f"{gz}/person_a_share_executives_2018.tsv"):
        n = r["name"]
        if CJK.match(n) and 2 <= len(n) <= 4 and not common_word(n):
            persons.add(n)
    for r in rows(f"{gz}/finance_a_share_stocks_2026.tsv"):
        n = r["actual_controller"]
        if r["controller_type"] in ("民营企业", "自然人", "外资") and CJK.match(n) and 2 <= len(n) <= 4:
            persons.add(n)
    # famous people (THUOCL lishimingren: 齐白石, 奥巴马, 希特勒): a dictionary PER when the name is not
    # also a place, an organisation or an everyday word, and not a bare Western first name (约翰, 哈利),
    # which is usually a piece of a longer name
    taken = {s for s, _ in ents}
    for r in rows(f"{gz}/person_thuocl_lishimingren.tsv"):
        w = r["word"]
        if _int(r["df"]) < FAMOUS_MIN_DF or not CJK.match(w) or not 2 <= len(w) <= 8 or w in taken \
                or w in stop or common_word(w) or (w in j and not j[w][1].startswith("nr") and j[w][0] >= 100):
            continue
        if len(w) == 2 and (w[0] not in single_surnames or j.get(w, (0, ""))[0] >= FAMOUS_2CHAR_MAX_FREQ
                            or (w in j and not j[w][1].startswith("nr"))):
            continue        # 约翰, 哈利: foreigners' first names (pieces of full names); 高昂, 文静: words
        if w[-1] in "的了在是和与及也对将等说称为被把从向到就都又还而并已曾则于以之其":
            continue        # 平常在: a phrase in the list
        add(w, "PER", "", "")
    return surnames, single_surnames, persons


def build(gz: str, out: str) -> dict[str, int]:
    os.makedirs(out, exist_ok=True)
    e = Entries(gz)
    load_companies(e, gz)
    load_banks(e, gz)
    load_hospitals(e, gz)
    load_places(e, gz)
    load_knowledge(e)
    load_health(e, gz)
    surnames, single_surnames, persons = load_people(e, gz)
    j, ents, stop = e.j, e.ents, e.stop

    # --- write ---------------------------------------------------------------------------------
    with open(f"{out}/entities.tsv", "w", encoding="utf-8") as f:
        f.write("surface\ttype\tcanonical_id\tflag\n")
        for (s, t), (cid, flag) in sorted(ents.items()):
            f.write(f"{s}\t{t}\t{cid}\t{flag}\n")
    with open(f"{out}/persons.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(persons)) + "\n")
    with open(f"{out}/surnames.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(surnames) + "\n")
    with open(f"{out}/given_name_chars.tsv", "w", encoding="utf-8") as f:
        f.write("char\tlog_odds\n")
        for c, v in sorted(given_name_char_scores(persons, single_surnames, j).items()):
            f.write(f"{c}\t{v:.3f}\n")

    # user dictionary: unambiguous entities (whole) + domain vocabularies missing from jieba
    tagmap = {"ORG": "nt", "LOC": "ns", "DRUG": "nz", "DISEASE": "nz", "PER": "nr"}
    udict: dict[str, tuple[int, str]] = {}
    for (s, t), (cid, flag) in ents.items():
        if (flag in ("amb", "sport") and len(s) < 3) or " " in s or not CJK.match(s) and t != "ORG" or (t == "PER" and len(s) < 3):
            continue
        if " " in s or len(s) > 20:
            continue
        if s in j:
            # jieba already has the word. Re-adding it would change jieba's and jieba-rs's totals
            # differently (jieba adds the new frequency, jieba-rs replaces the old): outputs would differ.
            continue
        udict.setdefault(s, (ENTITY_FREQ, tagmap[t]))
    for fname in ("finance_thuocl_caijing", "health_thuocl_medical", "lexicon_thuocl_law", "lexicon_thuocl_it"):
        for r in rows(f"{gz}/{fname}.tsv"):
            w = r["word"]
            if w in j or w in udict or len(w) < 2 or not CJK.match(w) or w in stop:
                continue
            freq = int(min(2000, max(50, 40 * math.log10(_int(r["df"]) + 1))))
            udict[w] = (freq, "n")
    with open(f"{out}/userdict.txt", "w", encoding="utf-8") as f:
        for w, (freq, tag) in sorted(udict.items()):
            f.write(f"{w} {freq} {tag}\n")

    _write_notice(gz, out)
    return {"entities": len(ents), "userdict": len(udict), "persons": len(persons), "surnames": len(surnames)}


def given_name_char_scores(persons, single_surnames, j) -> dict[str, float]:
    """log P(char | given names of the persons list) - log P(char | running text), the text side
    estimated from jieba's dictionary (word frequency x characters). Positive: typical of given names
    (伟, 勇, 燕), negative: typical of ordinary words (的, 市, 场). Only characters seen in a given name."""
    given: dict[str, int] = defaultdict(int)
    for n in persons:
        if len(n) in (2, 3) and n[0] in single_surnames:
            for c in n[1:]:
                given[c] += 1
    text: dict[str, int] = defaultdict(int)
    for w, (freq, _) in j.items():
        for c in w:
            text[c] += freq
    g_total, t_total = sum(given.values()), sum(text.values())
    return {c: math.log(n / g_total) - math.log((text.get(c, 0) + 1) / t_total) for c, n in given.items()}


def _write_notice(gz: str, out: str) -> None:
    used = ["finance_company_aliases.tsv", "finance_a_share_stocks_2026.tsv", "finance_a_share_stocks_2018.tsv",
            "finance_banks.tsv", "health_hospitals_2020.tsv", "place_cn_provinces.tsv", "place_cn_cities.tsv",
            "place_cn_counties.tsv", "place_cn_hk_mo_tw.tsv", "place_cn_location_aliases.tsv",
            "place_world_locations.tsv", "place_countries_zh.tsv", "health_drug_candidates_thuocl.tsv",
            "health_icd10_categories.tsv", "health_thuocl_medical.tsv", "person_a_share_executives_2018.tsv",
            "person_surnames.tsv", "finance_thuocl_caijing.tsv", "lexicon_thuocl_law.tsv", "lexicon_thuocl_it.tsv",
            "stopwords_iso_zh.tsv"]
    lines = ["newsbeam transforms/data: derived word lists built by tools/dictionary_build.py",
             "from the following third-party data files (filtered, merged, re-formatted; the Apache-2.0",
             "sources were modified in this way). Licence as stated by each source:", ""]
    for r in rows(f"{gz}/MANIFEST.tsv"):
        if r["file"] in used:
            lines.append(f"- {r['file']}: {r['source_repo']}@{r['commit'][:12]} ({r['original_path']}) -- {r['licence']}")
    lines += ["", "THUOCL: 韩世依 等. THUOCL：清华大学开放中文词库. 2016 (MIT).",
              "Hand-written additions (HK listings, well-known organisations, and the lists in",
              "transforms/knowledge/: football and basketball clubs, world places, organisations) are",
              "newsbeam's own work, written from general knowledge.",
              "Copyright notices of the MIT/Apache-2.0/WTFPL sources apply to the compilation."]
    with open(f"{out}/NOTICE", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteers", default="../shared/gazetteers")
    ap.add_argument("--out", default="transforms/data/")
    a = ap.parse_args(argv)
    print(build(a.gazetteers, a.out.rstrip("/")))


if __name__ == "__main__":
    main()
