"""Organisation rules: brands, suffix spans, anchored names, Latin names, sports teams, listed and
place institutions, grown organisations (divisions, sub-units), club prefixes, book titles."""
from __future__ import annotations

import bisect
import re
from itertools import compress

from transforms.entities.lexicon import CLUB, SPORT
from transforms.entities.vocab import (
    AFTER_NAME, ENUM_SEP, FUNCTION_CHARS, GENERIC, LEFT_STOP, LOC_COMMON_FREQ, NAME_TAGS, NAME_VERBS,
    ORG_SUFFIXES, POS_ANCHOR_MAX_FREQ, SUFFIX_TITLES, TITLES, TITLE_TAILS, _ASCII_LETTER, _CJK, _NAMEABLE,
    _NUMERAL, _ORG_RE, _TRANSLIT_WORD, _WEAK, _brand_word, _enumerated, _is_org, _is_place, _proper,
)
from transforms.entities.token_kinds import NAME_GLUE, TokenKind


# words that end a trade name (佳游|网络, 伟业|顾问, 擎峰|媒介): after a brand word they make a company
INDUSTRY_HEADS = {"网络", "科技", "传媒", "文化", "娱乐", "软件", "数码", "电子", "咨询", "顾问", "地产", "置业", "投资",
                  "资本", "物业", "影业", "影视", "动漫", "媒介", "互动", "拍卖", "投资顾问", "物流", "快递", "制药",
                  "药业", "医药", "生物", "食品", "乳业", "酒业", "汽车", "电器", "家居", "服饰", "教育", "酒店", "商贸"}


_HEAD_RE = re.compile("|".join(sorted(INDUSTRY_HEADS, key=len, reverse=True)))


def _brand_companies(text, tokens, starts, lex, out):
    """A brand word + an industry head is a company (佳游网络, 数力游戏) when no noun follows (not a
    product: 魔域游戏攻略)."""
    n = len(tokens)
    for m in _HEAD_RE.finditer(text):
        i = _token_at(starts, m.start())
        if i < 1 or tokens[i] not in INDUSTRY_HEADS:
            continue
        b = tokens[i - 1]
        if b[0] in NAME_GLUE and len(b) == 3 and b[1:] not in lex.word_tag and _CJK.match(b):
            left = starts[i - 1] + 1      # 由数力|游戏: a function character glued on by the HMM
        elif _brand_word(b, lex) and not (b[0] in lex.surnames1 and len(b) <= 3 and lex.given_char.get(b[-1], -9) > 0):
            left = starts[i - 1]
        else:
            continue
        nxt = lex.word_tag.get(tokens[i + 1], "x") if i + 1 < n else "x"
        if nxt[0] != "n":
            out.append((left, starts[i] + len(tokens[i]), "ORG", None, None, None, 1))


def _suffix_spans(text, tokens, starts, lex, bounds, regex, etype, out, matches=None):
    """Name + suffix spans (杭州娃哈哈集团, 丽泽商务区) built leftwards over name-like tokens."""
    tag, auto_words = lex.word_tag, lex.surfaces
    for m in (regex.finditer(text) if matches is None else matches):
        s, e, suf = m.start(), m.end(), m.group()
        # the suffix must end a word (not 签署/布局/总部); 银行行长, 医院院长 are segmented as one word
        if e not in bounds and not (etype == "ORG" and text.startswith(TITLE_TAILS, e)):
            continue
        if text.startswith(SUFFIX_TITLES, s) and not any(len(suf) >= len(t) for t in SUFFIX_TITLES if text.startswith(t, s)):
            continue        # 局长, 部长, 行长: the suffix character starts a title (电影局|局长)
        k = bisect.bisect_right(starts, s) - 1
        if k < 0:
            continue
        tok_k = tokens[k]
        if starts[k] < s and starts[k] + len(tok_k) == e and tok_k in lex.word_freq \
                and not tag[tok_k].startswith(("nt", "ns", "nz")) and tok_k not in auto_words:
            # a known word ending with the suffix: an institution noun after a place (上海市|规划局,
            # 福建省|公安厅) is a name; otherwise an ordinary word (签署, 布局, 总部)
            if not (tag[tok_k][0] in "nj" and k and (lex.word_tag.get(tokens[k - 1], "").startswith("ns")
                                                    or tokens[k - 1] in NAME_VERBS
                                                    or (len(tok_k) >= 3 and _brand_word(tokens[k - 1], lex)))):
                continue
        if etype == "LOC" and starts[k] + len(tok_k) == e and tok_k in lex.place_words:
            continue        # a known place: the dictionary gives it (with its code)
        if etype == "LOC" and starts[k] + len(tok_k) == e and len(tok_k) > len(suf) \
                and (lex.word_freq.get(tok_k, 0) >= LOC_COMMON_FREQ or tok_k in GENERIC):
            continue        # a common word ending like a place (城市, 上市, 社区, 思路): not a place name
        left = starts[k]
        pre = [text[left:s]] if left < s else []
        seen_proper = bool(pre)     # a head glued to the suffix in one word is the name core
        j = k - 1
        if pre and etype == "ORG" and _is_org(tok_k, lex) \
                and j >= 0 and not _is_place(tokens[j], lex):
            j = -1      # a known name in one word (渣打银行) only grows by a place before it
        while j >= 0 and s - starts[j] <= 18:
            tok = tokens[j]
            t = tag.get(tok)
            if not _NAMEABLE.match(tok) or tok.isdigit() or tok in ("vs", "VS", "Vs"):
                break
            if etype == "LOC" and tok[-1] in "省市县区" and tok in lex.place_words:
                break       # 浙江省|杭州市: each administrative unit stays a span of its own (with its code)
            if (t is None and (tok[0] in LEFT_STOP or tok[-1] in FUNCTION_CHARS)) or (len(tok) >= 2 and tok[-1] == "于"):
                break       # an unknown word made by the HMM around a function word (已到, 由快钱)
            is_proper = _proper(tok, t, lex)
            if seen_proper and not is_proper:
                break       # names start with a place/brand: do not swallow 领域领军企业
            if t is None or t.startswith(NAME_TAGS) or tok in NAME_VERBS or (t[0] == "a" and len(tok) >= 2):
                if len(tok) >= 2 and regex.fullmatch(tok) and tok not in _WEAK:
                    break    # the previous organisation/place ends here
                pre.insert(0, tok)
                left = starts[j]
                seen_proper = seen_proper or is_proper
                j -= 1
                if j >= 0 and _is_place(tok, lex) and not _is_place(tokens[j], lex) \
                        and not tokens[j].endswith(ORG_SUFFIXES) and not _is_org(tokens[j], lex):
                    break   # a name starts with its place (实拍|武汉市政府) unless a branch (工商银行|宁波市|分行)
                if j >= 0 and etype == "ORG" and _is_org(tok, lex) \
                        and not _is_place(tokens[j], lex):
                    break   # a known organisation starts the name unless a place precedes (中标|西门子集团)
            else:
                break
        while pre and (pre[0] in GENERIC or pre[0][:1] in "经本该这那其各"):
            left += len(pre.pop(0))
        if not pre or (s - left < 2 and suf not in ("银行", "医院", "集团")):
            continue
        proper = [t for t in pre if _proper(t, tag.get(t), lex)]
        if not proper:
            continue
        if suf in _WEAK and not any(tag.get(t, "x").startswith(("ns", "nt", "nz", "nr", "j", "x", "eng")) for t in proper):
            continue
        if etype == "LOC" and len(suf) == 1 and e - left <= 2:
            continue        # 2-char words ending in 市/山/河 are the dictionary's business
        out.append((left, e, etype, None, None, None, 1))


ANCHOR_INNER_TAGS = ("n", "vn", "j", "nz", "b", "an")
ANCHOR_WEAK_SUFFIX = {"报", "网", "社", "基金", "证券", "保险", "控股", "署", "队", "委"}
ANCHOR_STOP = {"会议", "活动", "时间", "期间", "方面", "工作", "问题", "消息", "记者", "新闻", "报道", "市场", "地区",
               "项目", "产品", "服务", "业务", "领域", "行业", "经济", "城市", "国家", "政府", "人民", "企业"}


def _anchored_orgs(text, tokens, starts, lex, bounds, out, matches):
    """A place or organisation, up to three descriptive nouns and an organisation suffix form one
    organisation even when the nouns are common words (北京市|住房贷款|担保|中心, 中国银行|总行|战略|发展部,
    招行|信用卡|中心): the anchor is the proper part the suffix rule needs."""
    for m in matches:
        e = m.end()
        if e not in bounds or text.startswith(SUFFIX_TITLES, m.start()):
            continue
        k = bisect.bisect_right(starts, e - 1) - 1
        if k < 1 or starts[k] + len(tokens[k]) != e or m.group() in ANCHOR_WEAK_SUFFIX:
            continue
        if not lex.word_tag.get(tokens[k], "n").startswith(("n", "j")) or lex.word_tag.get(tokens[k], "").startswith("nt") \
                or _is_org(tokens[k], lex):
            continue        # 签署, 部署: a verb that ends like an organisation; 东亚银行: a name already
        j = k - 1
        inner = 0
        while j >= 0 and inner <= 3:
            tok = tokens[j]
            vals = lex.surfaces.get(tok, ())
            t = lex.word_tag.get(tok, "")
            if any(v[0] in ("LOC", "ORG") and v[2] in (0, CLUB) for v in vals) \
                    or (t.startswith(("ns", "nt")) and lex.word_freq.get(tok, 0) < POS_ANCHOR_MAX_FREQ):
                if inner and e - starts[j] <= 20:
                    out.append((starts[j], e, "ORG", None, None, None, 1))
                break
            # a verb only right before a long suffix word (保利|拍卖|有限公司), not 美团|推进|公司
            ok_tag = t.startswith(ANCHOR_INNER_TAGS) or (t[:1] == "v" and j == k - 1 and len(tokens[k]) >= 4)
            if not ok_tag or not _CJK.match(tok) or tok in ANCHOR_STOP or tok in GENERIC or tok[-1] in FUNCTION_CHARS:
                break
            inner += 1
            j -= 1


# the lookbehinds come after the first letter: a pattern that starts with a character class lets the
# regex engine skip CJK text quickly (~3x faster than a leading lookbehind, same matches)
_LATIN_NAME = re.compile(r"[A-Za-z](?<![A-Za-z0-9&.\-][A-Za-z])[A-Za-z0-9&\-]*[A-Za-z0-9](?![A-Za-z0-9&\-])")
LATIN_ORG_RIGHT = ("旗下", "公司", "集团", "股价", "股票", "市值", "总裁", "CEO", "首席执行官", "董事长", "发言人",
                   "官方", "官网", "等公司", "收购", "财报")


# a person's Latin name touches the Chinese title before it or the speech verb after it: matching only
# names next to a Han character skips the many Latin words of English passages (the pattern starts
# with [A-Z] so the regex engine's fast first-character scan applies)
_LATIN_REST = r"[a-z]{1,15}(?:[ ·.]?[A-Z][a-z]{1,15}){0,2}(?![A-Za-z])"
_LATIN_PERSON_BY_HAN = re.compile(
    rf"[A-Z](?<![A-Za-z][A-Z])(?:(?<=[\u4e00-\u9fff][A-Z]){_LATIN_REST}|{_LATIN_REST}(?=[\u4e00-\u9fff]))")
_TITLE_TUPLE = tuple(t for t in TITLES if len(t) >= 2 and not t.isascii())
_AFTER_TUPLE = tuple(w for w in AFTER_NAME if len(w) >= 2 and w not in ("获得", "签署", "带领", "接受", "发现"))


# an upper-case acronym acting (EA宣布, THQ发行) is an organisation; these acronyms are not
NOT_ORG_ACRONYMS = {"CEO", "CFO", "COO", "CTO", "APP", "GDP", "CPI", "PPI", "IPO", "PC", "TV", "VS", "PK", "CPU", "GPU", "AI",
                    "IT", "VR", "AR", "PS", "PS3", "PS4", "MV", "DJ", "QQ", "ID", "OK", "VIP", "PE", "PMI", "ETF", "QFII"}
ACRONYM_ORG_RIGHT = ("宣布", "发布", "推出", "公布", "开发", "发行", "制作", "起诉", "表示", "透露", "声明", "举办", "主办",
                     "收购", "投资", "称")


# only Latin names followed by a context word are candidates: the regex engine skips the others
_LATIN_NAME_IN_CONTEXT = re.compile(_LATIN_NAME.pattern + "(?=%s)" % "|".join(
    map(re.escape, sorted(set(LATIN_ORG_RIGHT) | set(ACRONYM_ORG_RIGHT), key=len, reverse=True))))


def _latin_orgs(text, out):
    """A Latin-script name followed by an organisation's context word (Sierra旗下, EA公司, NEOTV官方)."""
    if not text.isascii() and _ASCII_LETTER.search(text) is None:
        return
    for m in _LATIN_NAME_IN_CONTEXT.finditer(text):
        e = m.end()
        name = m.group()
        if name.upper() in NOT_ORG_ACRONYMS or name.isdigit():
            continue
        if text.startswith(LATIN_ORG_RIGHT, e) or (name.isupper() and text.startswith(ACRONYM_ORG_RIGHT, e)):
            out.append((m.start(), e, "ORG", None, None, None, 1))
    # a capitalised Latin name after a title or before a speech verb is a person (创意总监Eric, Linda表示)
    for m in _LATIN_PERSON_BY_HAN.finditer(text):
        s, e = m.span()
        if text[max(0, s - 5):s].endswith(_TITLE_TUPLE) or text.startswith(_AFTER_TUPLE, e):
            out.append((s, e, "PER", None, None, None, 1))


# Sports: a club is usually written as its city (罗马, 利物浦) or a bare transliteration (桑德兰); in a
# match context it is an organisation, not a place or person. Context words, not a list of clubs.
SPORT_RE = re.compile("联赛|赛季|主场|客场|主队|客队|球队|进球|让球|盘口|赔率|欧赔|亚盘|升班马|保级|主胜|客胜|积分榜|"
                      "门将|前锋|主帅|足彩|出线|德比|球员|比赛|vs|VS")
# football leagues and club competitions by their usual short names (a category of organisation)
LEAGUES = ("英超", "英冠", "意甲", "意乙", "西甲", "西乙", "德甲", "德乙", "法甲", "法乙", "荷甲", "葡超", "苏超", "俄超",
           "中超", "中甲", "日职联", "K联赛", "欧冠", "欧联杯", "联盟杯", "亚冠", "足总杯", "联赛杯", "国王杯", "意大利杯")
_LEAGUE_RE = re.compile("|".join(LEAGUES))
_SPORT_ANY = re.compile(SPORT_RE.pattern + "|" + _LEAGUE_RE.pattern)     # one scan for non-sports text
TEAM_BEFORE = {"vs", "VS", "对阵", "输给", "击败", "战胜", "逼平", "战平", "负于", "不敌", "力克", "大胜", "迎战", "做客",
               "对手", "升班马", "弱旅", "豪门", "注盘", "受让", "淘汰", "完胜", "险胜", "爆冷", "面对", "拿下"}
TEAM_AFTER = {"vs", "VS", "主场", "客场", "主队", "客队", "两队", "主胜", "客胜", "平赔", "赢球", "输球", "取胜", "不败",
              "连胜", "连败", "本赛季", "上赛季", "上轮", "本轮", "联赛", "小组赛", "主帅", "让球", "让出", "受让", "进球",
              "球迷", "队史", "阵中", "首发", "开出", "平赔", "初盘", "赔率", "平局",
              # squad roles after a club (拉齐奥|中场|大将, 阿森纳|新秀)
              "新秀", "中场", "前锋", "后卫", "门将", "主力", "主教练", "两强", "出线", "防平", "稳赢", "难胜",
              "后防", "锋线", "阵容"}
_TEAM_CUES = TEAM_BEFORE | TEAM_AFTER
_PAIR_SEP = ENUM_SEP | {"对"}


_TEAM_NAME: dict[str, bool] = {}     # word -> _team_name(word), cached across documents


def _team_name(tok, lex) -> bool:
    v = _TEAM_NAME.get(tok)
    if v is None:
        if len(_TEAM_NAME) > 200_000:
            _TEAM_NAME.clear()
        v = _TEAM_NAME[tok] = _team_name_uncached(tok, lex)
    return v


def _team_name_uncached(tok, lex) -> bool:
    """A word that can be a club's name: unknown, a place, a name, or a rare noun (皇马)."""
    if not 2 <= len(tok) <= 12 or tok in _TEAM_CUES or tok in GENERIC or tok in TITLES \
            or not _NAMEABLE.match(tok) or tok.isdigit() or tok[0] in FUNCTION_CHARS \
            or _NUMERAL.search(tok) or SPORT_RE.search(tok) or tok[-1] == "轮":
        return False        # 五大, 欧赔, 下轮: numbers and betting/match words
    t = lex.word_tag.get(tok)
    if t is None:       # an unknown word, unless the HMM glued a function word on (但同)
        return (len(tok) <= 6 and tok[0] not in LEFT_STOP and tok[-1] not in FUNCTION_CHARS) or tok.isascii()
    if any(v[2] >= SPORT for v in lex.surfaces.get(tok, ())):
        return True     # a club from the bundled list (皇马, 枪手)
    # jieba tags many ordinary words nr/nz (卫冕, 力争): only places and transliterations
    return t[:2] == "ns" or t == "nrt" or t == "eng" or _TRANSLIT_WORD.match(tok) is not None


def _teams(text, tokens, starts, lex, bounds, out):
    """Leagues (英超) anywhere; in a match context (vs, 主场, 击败, 让球...) a name-like word next to a
    match cue is a team (罗马|主场, 击败|桑德兰), and so are names listed or paired with a team."""
    if _SPORT_ANY.search(text) is None:
        return
    for m in _LEAGUE_RE.finditer(text):
        if m.start() in bounds and (m.end() in bounds or text.startswith("联赛", m.end())):
            out.append((m.start(), m.end(), "ORG", None, None, None, 3))
    if SPORT_RE.search(text) is None:
        return
    n = len(tokens)
    first = len(out)
    pending = []
    for i in compress(range(n), map(_TEAM_CUES.__contains__, tokens)):
        tok = tokens[i]
        if tok in TEAM_BEFORE and i + 1 < n and _team_name(tokens[i + 1], lex):
            out.append((starts[i + 1], starts[i + 1] + len(tokens[i + 1]), "ORG", None, None, None, 3))
        if tok in TEAM_AFTER and i and _team_name(tokens[i - 1], lex):
            out.append((starts[i - 1], starts[i], "ORG", None, None, None, 3))
    for i in compress(range(n), map(_PAIR_SEP.__contains__, tokens)):
        for j in (i - 1, i + 1):
            if 0 <= j < n and _team_name(tokens[j], lex):
                pending.append((starts[j], starts[j] + len(tokens[j]), "ORG", None, None, None, 3))
    if tokens.count("对"):      # 阿森纳|对|桑德兰: a pair of names in a match context
        for i in compress(range(n), map("对".__eq__, tokens)):
            if 0 < i < n - 1 and _team_name(tokens[i - 1], lex) and _team_name(tokens[i + 1], lex):
                out.append((starts[i - 1], starts[i], "ORG", None, None, None, 3))
                out.append((starts[i + 1], starts[i + 1] + len(tokens[i + 1]), "ORG", None, None, None, 3))
    _enumerated(text, pending, out, "ORG", first)
    names = {text[c[0]:c[1]] for c in out[first:] if c[1] - c[0] >= 2}
    if names:       # one sense per text: the team's other mentions (罗马 主场..., 罗马 的防守)
        for i in compress(range(n), map(names.__contains__, tokens)):
            out.append((starts[i], starts[i] + len(tokens[i]), "ORG", None, None, None, 3))
        # in a text about clubs, a foreign city (a place without a Chinese admin code) is a club too
        # (利物浦 in 托雷斯的受伤让利物浦十分头疼)
        for i in compress(range(n), map(lex.surfaces.__contains__, tokens)):
            vals = lex.surfaces[tokens[i]]
            if len(tokens[i]) >= 2 and tokens[i][-1] not in "国洲" and all(v[0] == "LOC" and v[1] is None for v in vals):
                out.append((starts[i], starts[i] + len(tokens[i]), "ORG", None, None, None, 3))


# "A、B等公司": names listed before 等 + a kind of organisation are organisations (招行、广发等银行)
ORG_KINDS = {"公司", "机构", "银行", "券商", "企业", "厂商", "媒体", "网站", "平台", "基金公司", "博彩公司", "保险公司",
             "金融机构", "大公司", "巨头", "集团", "球队", "俱乐部", "豪门", "车企", "房企", "药企", "开发商"}


_LISTED_RE = re.compile("等(?:%s)" % "|".join(sorted(ORG_KINDS, key=len, reverse=True)))


def _token_at(starts, pos):
    """Index of the token starting at character `pos`, or -1 (rules scan the text with a regex and
    only look at tokens around the matches: cheaper than a Python pass over all tokens)."""
    k = bisect.bisect_left(starts, pos)
    return k if k < len(starts) and starts[k] == pos else -1


def _listed_orgs(text, tokens, starts, lex, out):
    n = len(tokens)
    for m in _LISTED_RE.finditer(text):
        i = _token_at(starts, m.start())
        if i < 0 or i + 1 >= n or tokens[i] != "等" or tokens[i + 1] not in ORG_KINDS:
            continue
        j = i - 1
        while j >= 0 and _team_name(tokens[j], lex) and tokens[j] not in ORG_KINDS:
            out.append((starts[j], starts[j] + len(tokens[j]), "ORG", None, None, None, 1))
            if j < 2 or tokens[j - 1] not in ENUM_SEP:
                break
            j -= 2
EMBASSY = ("大使馆", "领事馆", "总领事馆", "使馆", "办事处", "代表处")


def _place_institutions(tokens, starts, lex, out, by_kind):
    for i in by_kind.get(TokenKind.PLACE_INSTITUTION, ()):
        if i and _is_place(tokens[i - 1], lex):
            left = starts[i - 1]
            if i >= 3 and tokens[i - 2] == "驻" and tokens[i] in EMBASSY and _is_place(tokens[i - 3], lex):
                left = starts[i - 3]
            out.append((left, starts[i] + len(tokens[i]), "ORG", None, None, None, 2))


# words that continue an organisation's name as a division or regional arm (新浪|房产, 暴雪|娱乐, 花旗|中国)
ORG_DIVISIONS = {"娱乐", "房产", "财经", "体育", "科技", "汽车", "游戏", "金控", "资本", "地产", "金融", "传媒",
                 "中国", "香港", "台湾", "澳门", "亚洲", "亚太", "大中华区", "中国区"}
# endings of a sub-unit inside an organisation (卫生局|医政科, 大学|建筑系, 海军|司令部, 分局|东风|派出所)
SUB_UNIT_END = ("科", "系", "处", "派出所", "司令部", "指挥部", "中队", "大队", "研究室", "工作组")
_DIVISION_TUPLE = tuple(ORG_DIVISIONS)
_SUB_UNIT_NEAR = re.compile("[科系处所部队室组]")     # cheap pre-check: most organisations grow by nothing


def _extend_orgs(text, spans, tokens, starts, bounds, lex):
    """Grow an organisation over a division word or a sub-unit on its right, and over a lone 省/市/县/区
    on its left (省|银监局: the province's office)."""
    todo = [i for i, c in enumerate(spans) if c[2] == "ORG" and (
        text.startswith(_DIVISION_TUPLE, c[1]) or _SUB_UNIT_NEAR.search(text, c[1], c[1] + 9)
        or (c[0] and text[c[0] - 1] in "省市县区"))]
    if not todo:
        return spans        # the usual case: nothing grows
    todo = set(todo)
    out = []
    n = len(tokens)
    for idx, c in enumerate(spans):
        s, e = c[0], c[1]
        if out and out[-1][1] > s:
            continue        # swallowed by the previous extension
        if idx in todo:
            k = bisect.bisect_left(starts, e)
            k = k if k < n and starts[k] == e else None
            if k is not None and tokens[k] in ORG_DIVISIONS and _ORG_RE.search(text[e - 2:e]) is None \
                    and not (k + 1 < n and lex.word_tag.get(tokens[k + 1], "n") in ("n", "vn", "j", "nz", "an")):
                e += len(tokens[k])     # a brand's division (新浪|娱乐|讯), not a phrase (政府|游戏|产业)
                k += 1
            if k is not None and k < len(tokens):
                tok = tokens[k]
                if k + 1 < len(tokens) and tokens[k + 1].endswith(SUB_UNIT_END) and len(tokens[k + 1]) >= 3 \
                        and _CJK.match(tok) and lex.word_tag.get(tok) in (None, "n", "ns") and len(tok) <= 3 \
                        and lex.word_tag.get(tokens[k + 1]) in (None, "n"):
                    k += 1          # 东风|派出所: a name word before the unit
                    tok = tokens[k]
                if len(tok) >= 2 and tok.endswith(SUB_UNIT_END) and _CJK.match(tok) \
                        and lex.word_tag.get(tok) in (None, "n") and (len(tok) >= 3 or tok not in lex.word_freq):
                    e = starts[k] + len(tok)
            if s >= 1 and text[s - 1] in "省市县区" and (s - 1) in bounds and s in bounds \
                    and not (out and out[-1][1] == s - 1):
                s -= 1
            c = (s, e, *c[2:])
        out.append(c)
    return out


# the Latin letters that start many clubs' names (AC米兰, FC巴塞罗那, AS罗马, SS拉齐奥, PSV埃因霍温):
# before a place or club name they make the whole a club, in any text
CLUB_PREFIXES = {"AC", "FC", "AS", "SS", "SC", "CF", "RC", "CD", "UD", "SD", "SV", "VFB", "VFL", "TSG", "PSV", "AZ"}
# a short Latin word right before a Han character; the pattern starts with a letter class so the regex
# engine's fast first-character scan applies (a leading lookbehind would try every position)
_SHORT_LATIN_BEFORE_HAN = re.compile(r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z]{1,2}(?![A-Za-z0-9])\s?(?=[\u4e00-\u9fff])")


def _club_prefixes(text, spans):
    """A place or organisation right after a club prefix grows into one club name (AC|米兰)."""
    prefixes = {m.end(): m.start() for m in _SHORT_LATIN_BEFORE_HAN.finditer(text)
                if m.group().rstrip().upper() in CLUB_PREFIXES}
    if not prefixes:
        return spans
    out = []
    for c in spans:
        if c[0] in prefixes and c[2] in ("LOC", "ORG"):
            start = prefixes[c[0]]
            while out and out[-1][0] >= start:
                out.pop()       # the prefix tagged alone (PSV) is now inside the club's name
            c = (start, c[1], "ORG", None, None, None, c[6])
        out.append(c)
    return out


_BOOK_TITLE = re.compile(r"《[^《》\n]{1,40}》")
MEDIA_END = ("报", "杂志", "周刊", "电视台")


def _outside_titles(text, spans):
    """Names inside a book/work title (《英雄联盟》, 《平安中国》) are part of the title, not entities;
    a newspaper or magazine (《中国证券报》) is an organisation."""
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)]     # in order, not overlapping
    if not titles:
        return spans
    title_starts = [a for a, _ in titles]
    keep = []
    for c in spans:
        s, e, etype = c[0], c[1], c[2]
        k = bisect.bisect_left(title_starts, s) - 1        # the last title opening before the span
        if k >= 0 and e < titles[k][1] and etype in ("PER", "LOC", "ORG") \
                and not (etype == "ORG" and text[s:e].endswith(MEDIA_END)):
            continue
        keep.append(c)
    return keep
