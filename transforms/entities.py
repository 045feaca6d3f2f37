"""Entity tagging: ORG, PER, LOC, STOCK, MONEY, PERCENT, DRUG, DISEASE with offsets into the text.

Evidence, combined per candidate span and resolved longest-first:
1. dictionary matches (one Aho-Corasick pass; listed companies linked to ts_code, banks, hospitals,
   places with admin codes, drugs, diseases); ambiguous short names (长城, 华夏) need market context;
2. digit patterns (entity_patterns): stock codes validated against the listing, money, percent;
3. generic suffix rules: an organisation suffix (公司/集团/银行/医院/大学/委员会...) or a place suffix
   (村/路/广场/开发区...) plus a left extension over name-like tokens, kept only when the name part
   holds a proper word (place, name, unknown word);
4. PER rule: surname + given name from the segmentation, titles/speech verbs nearby as evidence;
5. jieba's dictionary POS tag of a token (ns/nr/nt) as weak evidence;
6. an anchored rule: a place or organisation + up to three common nouns + an organisation suffix
   (中国银行|总行|战略|发展部); Latin names before an organisation's context word (Sierra旗下).
7. context rules: in a match context (vs, 主场, 击败, 让球) a city or transliteration next to a match
   cue is a club (ORG), leagues (英超) are ORG; names listed before 等公司/等银行 are ORG; a place +
   an institution noun (英国|警方, 上海|地税) is one ORG; split or glued names (门将|诺|伊尔, 郭菲称);
   a name found once as a person is a person at its other mentions.
After longest-first resolution, contiguous spans are merged as one entity (an address is one LOC with
the most specific admin code; a place before an organisation is part of it; a branch joins its parent),
an organisation grows over a division (新浪|娱乐), a sub-unit (卫生局|医政科) or a lone 省/市 before it,
and names inside a 《book title》 are dropped (except newspapers and magazines).
Tokens come from transforms.segment (one segmentation per document, reused here). Speed matters
(>= 5 MB/s with segmentation): per-token Python work is limited to pre-filtered candidates.
"""
from __future__ import annotations

import bisect
import re
from enum import IntEnum
from itertools import accumulate, compress
from operator import itemgetter

from schemas.article import Entity
from transforms.entity_lexicon import AMB, CLUB, SPORT, lexicon
from transforms.entity_patterns import find_patterns
from transforms.segment import SURROGATE_RE, segment

ORG_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "集团", "控股", "银行", "分行", "支行",
                "医院", "卫生院", "大学", "学院", "中学", "小学", "委员会", "协会", "学会", "商会", "联合会",
                "研究院", "研究所", "研究中心", "基金会", "事务所", "交易所", "证券", "保险", "俱乐部",
                "出版社", "电视台", "日报", "晚报", "法院", "检察院", "人民政府", "政府", "监督管理局",
                "管理局", "局", "厅", "署", "委", "部", "队", "中心", "实验室", "信托", "研究会", "管委会", "居委会",
                "村委会", "派出所", "法庭", "自卫队", "办", "联盟", "基金", "工作室",
                "卫视", "中院", "高院", "看守所", "办事处", "代表处", "总队", "支队", "分局", "商行", "农商行",
                "海军", "陆军", "空军", "部队", "舰队", "网", "报", "社")
SUFFIX_TITLES = ("局长", "部长", "行长", "院长", "厅长", "署长", "队长", "委员")
LOC_SUFFIXES = ("商务区", "开发区", "新区", "园区", "工业园", "科技园", "广场", "大厦", "大街", "大道", "胡同",
                "小区", "花园", "公园", "机场", "火车站", "码头", "村", "镇", "乡", "街", "路", "巷", "区", "县",
                "市", "省", "州", "岛", "湾", "港", "山", "湖", "江", "河")
# short suffixes are frequent inside ordinary words (格局, 内部, 城市): a proper name must precede
_WEAK = {"网", "报", "社", "办", "信托", "局", "厅", "署", "委", "部", "队", "中心", "基金", "控股", "证券", "保险", "村", "镇", "乡", "街", "路",
         "巷", "区", "县", "市", "省", "州", "岛", "湾", "港", "山", "湖", "江", "河"}
_ORG_RE = re.compile("|".join(sorted(map(re.escape, ORG_SUFFIXES), key=len, reverse=True)))
_LOC_RE = re.compile("|".join(sorted(map(re.escape, LOC_SUFFIXES), key=len, reverse=True)))
GENERIC = {"商业", "中央", "投资", "上市", "子", "母", "保险", "证券", "基金", "国有", "民营", "外资", "大型",
           "中小", "科技", "互联网", "医疗", "金融", "信托", "管理", "咨询", "服务", "分", "总", "各", "全国",
           "地方", "城市", "农村", "村镇", "股份", "集团", "控股", "合资", "独资", "国内", "国外", "海外", "境内",
           "境外", "知名", "相关", "其他", "主要", "大", "小", "新", "老", "该", "本", "我", "贵", "其", "此",
           "一家", "这家", "两家", "多家", "著名", "某", "为", "以", "内外", "因受", "公立", "私立", "民办", "综合", "专科", "三甲", "定点", "医药", "药企",
           "银行", "公司", "医院", "全球", "世界", "国际", "人民", "政府", "旗下", "包括", "成立", "收购",
           "控股股东", "股东", "子公司", "合作", "携手", "联合", "企业", "领军", "龙头", "当地", "全市", "全省",
           "本市", "该市", "城区", "市区", "郊区", "地区", "景区", "社区", "小区", "山区", "东部", "西部", "南部",
           "北部", "中部", "附近", "周边", "所在", "一个", "这个", "那个", "各地", "外地", "内地", "老家",
           # kinds of business: 发卡银行, 中介公司 are common nouns, not names
           "小额贷款", "发卡", "收单", "中介", "网上", "政策性", "股份制", "城商", "典当", "外资", "中资"}
NAME_VERBS = {"控股", "发展", "投资", "建设", "实业", "科技", "制药", "生物", "医疗", "健康", "信息", "技术",
              "能源", "电子", "置业", "贸易", "物流", "传媒", "文化", "教育", "网络", "软件", "工程", "咨询",
              # business activities inside company names (房地产|开发|有限公司, 住房|保障|管理中心)
              "开发", "保障", "管理", "营销", "销售", "经营", "运营", "服务", "设计", "规划", "研究", "交易",
              "租赁", "担保", "拍卖", "印刷", "制造", "生产", "装饰", "运输", "培训", "策划", "代理", "经纪", "评估"}
PROPER_TAGS = ("ns", "nr", "nt", "nz", "j", "eng", "x")
NAME_TAGS = ("n", "j", "eng", "vn", "an", "b", "s", "x", "ng", "nz", "ns", "nt", "nr")
TITLES = {"董事长", "副董事长", "总经理", "副总经理", "行长", "副行长", "院长", "副院长", "主任", "副主任", "总裁",
          "副总裁", "CEO", "CFO", "COO", "CTO", "首席执行官", "创始人", "联合创始人", "主席", "董事", "监事", "秘书",
          "经理", "教授", "博士", "医生", "医师", "专家", "记者", "编辑", "律师", "分析师", "研究员", "总监", "部长",
          "局长", "市长", "省长", "书记", "委员", "代表", "负责人", "合伙人", "助理", "总编", "校长", "会长",
          "理事长", "处长", "科长", "厅长", "董秘", "首席", "经济学家", "总理", "总统", "老师", "选手", "球员",
          "主帅", "教练", "导演", "演员", "歌手", "队长", "主任医师", "党委书记", "县长", "区长", "镇长",
          "村民", "患者", "网友", "作者", "主持人", "兼", "前锋", "后卫", "门将", "主教练", "发言人", "院士",
          "执行董事", "独立董事", "副主席", "总工程师", "主治医师", "大使", "外长", "议员", "州长", "王子", "女王",
          "画家", "作家", "诗人", "书法家", "艺术家", "收藏家", "学者", "先生", "女士", "小姐", "同学", "市民",
          "主编", "秘书长", "副秘书长", "名导", "男星", "女星", "影星", "歌星", "球星", "明星", "新秀", "中锋", "后腰", "射手", "评论员",
          "解说员", "嘉宾", "总编辑", "社长", "所长", "站长", "台长", "首相", "国务卿", "部长助理", "律师事务所",
          "实习生", "通讯员", "摄影", "撰文", "文字", "司长", "副司长", "店主", "老板", "设计师", "大师", "制作人",
          "编剧", "丈夫", "妻子", "太太", "儿子", "女儿", "父亲", "母亲", "大将", "名将", "中场", "边锋", "国脚",
          "外援", "新援", "队友", "助教", "男友", "女友", "前妻", "前夫", "未婚妻", "未婚夫"}
AFTER_NAME = {"表示", "称", "说", "认为", "指出", "介绍", "透露", "强调", "坦言", "先生", "女士", "教授", "博士",
              "董事长", "院长", "行长", "总经理", "总裁", "说道", "回应", "建议", "告诉", "提到", "解释",
              "发现", "接受", "主任", "医生", "同志", "老师", "表明", "分析", "补充",
              "出任", "担任", "获得", "签署", "带领", "本人", "自己", "提醒", "呼吁", "回忆", "感叹", "承认",
              "否认", "坦承", "直言"}
# function words after a token: evidence only for a split name whose given part is unknown to jieba
AFTER_WEAK = {"等", "和", "与", "对", "在", "是", "的", "将", "已", "一直", "目前", "已经", "正在", "随后", "当时",
              "今年", "去年", "近日", "日前", "也", "还", "则", "曾"}
SPEECH_PUNCT = {"，", "：", ":"}
# characters of transliterated foreign names (沙尔克, 桑德兰): rare in Chinese given names
TRANSLIT = set("尔克斯坦吉萨蒂奥乌兹塔诺维夫德兰")
LINE_START = {"\n", "。", "■", "●", "▲", "【", "“", "\"", "（", "("}
AMB_RIGHT = ("股份", "股价", "集团", "公司", "控股", "(", "（", "A股", "H股", "港股", "股票", "市值", "发布公告",
             "公告", "涨停", "跌停", "董事", "总裁", "旗下")
AMB_LEFT = ("股票", "个股", "龙头", "公司", "旗下", "A股", "港股", "持有")
TITLE_TAILS = ("行长", "院长", "长", "董事", "总裁", "主任", "副", "会长", "所长", "局长", "部长", "处长", "科长",
               "经理", "总经理", "秘书", "书记", "主席")
NOT_NAME_END = set("化性者们型率式制业界度额量物品类法员商家局部区省市县季卡军人会队场馆站楼街路村镇港台节日月年期级称说卖买给让叫且里死席点巾")
ENUM_SEP = set("、和及与")
ADDRESS_FORMS = {"老板", "总", "董", "老", "某某", "姐", "哥", "叔", "伯", "氏"}
THING_END = set("派寺湖庙宫殿塔桥池水")
RARE_NOUN_FREQ = 150
POS_ANCHOR_MAX_FREQ = 1000  # jieba ns/nt words above this are common words too (上市 is 'ns')
LOC_COMMON_FREQ = 1000   # jieba frequency above which a word ending in 市/路/区 is a common noun      # jieba frequency under which a noun before 集团/公司 is likely a brand
PLACE_END = set("省市县区州国岛山河湖江镇村乡路街洲港湾")
FUNCTION_CHARS = set("的了在是和与及也对将等说称为被把从向到就都又还而并已曾则于以之其")
LEFT_STOP = FUNCTION_CHARS | set("由用据另告假注向往经当因未再又仅均皆")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_NAMEABLE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]+$")
# characters of transliterated names: a foreign name with a middle dot is a run of these only, so the
# match stops at the surrounding Chinese (与|詹姆斯·伍德|同时)
TRANSLIT_CHARS = ("阿埃艾爱安昂奥巴芭拜班邦保鲍贝本比彼毕庇波伯勃博布查达黛戴丹道德登迪蒂丁东杜顿多厄恩尔法菲费芬"
                  "丰佛夫弗福伏盖甘冈高戈格葛古瓜圭哈海汉豪赫亨胡华霍基吉纪加贾杰捷金卡凯坎康考柯科可克肯库奎"
                  "拉莱兰朗劳勒雷蕾里理利丽莉连林琳留卢鲁路伦罗洛玛马迈麦曼芒梅美蒙米密敏明摩莫默姆穆娜纳奈南"
                  "内妮尼宁纽努诺欧帕派潘佩彭皮珀普奇齐契乔切琴琼丘萨塞赛桑瑟森沙莎善尚舍圣施什史士斯松苏索"
                  "塔泰坦汤唐特滕提汀廷通图托瓦万威韦维温文沃乌伍西希锡席夏谢辛欣休许雅亚扬耶叶伊依因英尤于"
                  "约泽扎詹兹朱卓佐瑞芙丝娅薇柏贡让儒尔茨琪")
_NUMERAL = re.compile("[一二三四五六七八九十百千万]")
_TRANSLIT_WORD = re.compile(f"^[{TRANSLIT_CHARS}]+$")
_FOREIGN = re.compile(f"[{TRANSLIT_CHARS}]{{1,6}}(?:[·•][{TRANSLIT_CHARS}]{{1,8}})+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _dictionary(text, lex, bounds, out):
    """One Aho-Corasick pass over the text (all overlapping matches), then the per-match rules."""
    if _NON_ASCII.search(text) is None:
        return
    payloads = lex.payloads
    pending, clubs = [], []
    try:
        matches = lex.automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:      # lone surrogates (broken input) cannot cross into Rust: same-length copy
        matches = lex.automaton.find_matches_as_indexes(SURROGATE_RE.sub("\ufffd", text), overlapping=True)
    for idx, start, end in matches:
        simple, vals, latin = payloads[idx]
        if end - start < 4 and not (start in bounds and end in bounds):
            continue
        if latin and ((start and text[start - 1].isascii() and text[start - 1].isalnum())
                      or (end < len(text) and text[end].isascii() and text[end].isalnum())):
            continue        # a Latin name inside a longer Latin word (EA in EAST)
        if simple is not None:
            out.append((start, end, simple[0], simple[1], None, None, 2))
            continue
        if len(vals) > 1 or vals[0][2] >= SPORT:
            clubs.append((start, end, vals))
            continue
        _reading(text, start, end, vals, out, pending)
    if clubs:
        # a club named like a city or a word (米兰, 枪手) is a club only in a sports text: one with match
        # words (主场, 联赛) or an unambiguous club name (曼联)
        sports = any(v[2] == CLUB for _, _, vals in clubs for v in vals) or _SPORT_ANY.search(text) is not None
        for start, end, vals in clubs:
            if sports and any(v[2] >= SPORT for v in vals):
                out.append((start, end, "ORG", None, None, None, 2))
                continue
            vals = [v for v in vals if v[2] != SPORT]
            if vals:
                _reading(text, start, end, vals, out, pending)
    _enumerated(text, pending, out)


def _reading(text, start, end, vals, out, pending):
    # readings: an unambiguous organisation first, then other types, then an ambiguous short name
    etype, cid, amb = min(vals, key=lambda v: (v[2] == AMB, v[0] != "ORG"))
    if amb == AMB and not (text.startswith(AMB_RIGHT, end) or text[max(0, start - 2):start].endswith(AMB_LEFT)):
        pending.append((start, end, etype, cid, None, None, 2))
        return
    out.append((start, end, etype, cid, None, None, 2))


def _enumerated(text, pending, out, etype="ORG", first=0):
    """An ambiguous short name in an enumeration with organisations is one too (中信、兴业、民生、光大);
    so is a name-like word listed with people (孙晶、谭伟彬). Only out[first:] counts as neighbours."""
    if not pending:
        return
    org_starts = {c[0] for c in out[first:] if c[2] == etype}
    org_ends = {c[1] for c in out[first:] if c[2] == etype}
    changed = True
    while changed and pending:
        changed = False
        for c in list(pending):
            s, e = c[0], c[1]
            if (text[e:e + 1] in ENUM_SEP and e + 1 in org_starts) or (s and text[s - 1] in ENUM_SEP and s - 1 in org_ends):
                out.append(c)
                pending.remove(c)
                org_starts.add(s)
                org_ends.add(e)
                changed = True


def _proper(tok, t, lex) -> bool:
    """A word that can carry a name: unknown to jieba, tagged as a name, or a rare noun (绿城)."""
    if tok in GENERIC:
        return False
    if t is None or t.startswith(PROPER_TAGS) or (t[0] == "a" and len(tok) >= 2):
        # a frequent abbreviation is a common noun (房地产 is 'j'), not the name part
        return not (t == "j" and lex.word_freq.get(tok, 0) >= RARE_NOUN_FREQ * 10)
    return t[0] == "n" and len(tok) >= 2 and lex.word_freq.get(tok, 0) < RARE_NOUN_FREQ


def _is_place(tok, lex) -> bool:
    return tok in lex.place_words


def _is_org(tok, lex) -> bool:
    return tok in lex.org_words


def _brand_word(tok, lex) -> bool:
    """An unknown word of 2-4 Chinese characters that is not a function-word fragment: the usual shape
    of a brand or trade name (博宝, 佳游, 擎峰)."""
    return 2 <= len(tok) <= 4 and tok not in lex.word_tag and _CJK.match(tok) is not None \
        and tok[0] not in LEFT_STOP and tok[0] not in NOT_BRAND_START and tok[-1] not in FUNCTION_CHARS


# words that end a trade name (佳游|网络, 伟业|顾问, 擎峰|媒介): after a brand word they make a company
INDUSTRY_HEADS = {"网络", "科技", "传媒", "文化", "娱乐", "软件", "数码", "电子", "咨询", "顾问", "地产", "置业", "投资",
                  "资本", "物业", "影业", "影视", "动漫", "媒介", "互动", "拍卖", "投资顾问", "物流", "快递", "制药",
                  "药业", "医药", "生物", "食品", "乳业", "酒业", "汽车", "电器", "家居", "服饰", "教育", "酒店", "商贸"}
# first characters of adverbs and modals: an unknown word starting with one is a phrase fragment (很难, 最受)
NOT_BRAND_START = set("会最很能初继根更太都也可要没不刚才正就还曾已")


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


# common nouns naming a local institution: after a place they are that place's institution (英国|警方,
# 上海|地税, 房山区|建委, 美国|驻|格鲁吉亚|大使馆)
PLACE_INSTITUTIONS = {"警方", "交警", "公安", "地税", "国税", "税务", "海关", "工商", "建委", "教委", "住建委", "卫计委",
                      "红十字会", "大使馆", "领事馆", "总领事馆", "使馆", "足协", "篮协", "军区", "代表团", "国家队"}
EMBASSY = ("大使馆", "领事馆", "总领事馆", "使馆", "办事处", "代表处")


def _place_institutions(tokens, starts, lex, out, by_kind):
    for i in by_kind.get(TokenKind.PLACE_INSTITUTION, ()):
        if i and _is_place(tokens[i - 1], lex):
            left = starts[i - 1]
            if i >= 3 and tokens[i - 2] == "驻" and tokens[i] in EMBASSY and _is_place(tokens[i - 3], lex):
                left = starts[i - 3]
            out.append((left, starts[i] + len(tokens[i]), "ORG", None, None, None, 2))


_TOKEN_KIND: dict[str, int] = {}    # word -> _token_kind(word), cached across documents


def _per_candidate(tok, lex) -> bool:
    if tok[0] not in lex.surnames1 and tok[:2] not in lex.surnames2:
        return False
    if len(tok) == 1:
        return tok not in FUNCTION_CHARS and tok not in "向时成全应代原连"
    t = lex.word_tag.get(tok)
    return 2 <= len(tok) <= 4 and (t is None or t[:2] == "nr" or tok in lex.persons) and tok[-1] not in NOT_NAME_END \
        and _CJK.match(tok) is not None


NT_END = set("党团军部局委院署行社店厂馆所校处办站台盟")
NT_NOT = ("全会", "公报", "社会", "大会", "会议", "院校", "书院", "宅院", "庭院", "合院")


def _nt_org(tok, lex) -> bool:
    """A jieba 'nt' (organisation) word that ends like an institution (人民银行, 建设部, 民主党); the
    list also holds events and generic nouns (七中全会, 上市公司), which the filters drop."""
    if len(tok) < 3 or tok in lex.surfaces or tok in GENERIC or tok.endswith(NT_NOT) or not _CJK.match(tok):
        return False
    m = _ORG_RE.search(tok)
    if m and m.end() == len(tok):
        head = tok[:m.start()]
    elif tok[-1] in NT_END:
        head = tok[:-1]
    else:
        return False
    return len(head) >= 1 and head not in GENERIC


NAME_GLUE = FUNCTION_CHARS | set("他她但而那由被到趁问现据让给叫向")


class TokenKind(IntEnum):
    """What a token may start or anchor (the per-word verdict of _token_kind, cached across documents)."""
    NOTHING = 0
    PERSON_CANDIDATE = 1       # a person-name candidate
    PLACE_WORD = 2             # a jieba ns word with a place-like ending, or two places in one word
    FOREIGN_NAME = 3           # a transliterated foreign name in jieba's dictionary (nrt: 约翰逊)
    NT_ORGANISATION = 4        # a jieba nt organisation
    UNKNOWN_TRANSLIT = 5       # an unknown word of transliteration characters (托雷斯)
    NEEDS_TITLE = 6            # a surname-led word that needs a title (彭小军, 江平)
    NAME_AND_SPEECH = 7        # a name glued to 称/说 by the HMM (郭菲称)
    TITLE = 8                  # anchors of the split foreign-name rules
    SPEECH_VERB = 9
    TITLE_AND_SPEECH = 10
    PLACE_INSTITUTION = 11     # an institution noun (警方) that follows a place
    GLUED_SURNAME = 12         # a function character glued to a surname (但梁)


def _token_kind(tok, lex) -> TokenKind:
    """The TokenKind of one word (see the enum)."""
    if tok.isascii():   # numbers and Latin words (most new words of a text) are at most anchors (CEO)
        return _anchor_kind(tok)
    tag = lex.word_tag
    t = tag.get(tok)
    if tok in lex.pos_places:
        return TokenKind.PLACE_WORD
    if t is not None and 4 <= len(tok) <= 8 and t.startswith("ns") and tok not in lex.surfaces \
            and any(_is_place(tok[:k], lex) and _is_place(tok[k:], lex) for k in range(2, len(tok) - 1)):
        return TokenKind.PLACE_WORD        # one jieba word made of two places (英国伦敦, 北京王府井)
    if t == "nrt" and len(tok) >= 2 and tok not in lex.surfaces:
        return TokenKind.FOREIGN_NAME
    if t == "nt" and _nt_org(tok, lex):
        return TokenKind.NT_ORGANISATION
    if _per_candidate(tok, lex):
        return TokenKind.PERSON_CANDIDATE
    if t is None and 3 <= len(tok) <= 4 and tok[-1] in "称说" and tok[0] in lex.surnames1 and _CJK.match(tok) \
            and tok[-2] not in NOT_NAME_END and tok[-2] not in ADDRESS_FORMS and tok[-2:] not in lex.word_freq:
        return TokenKind.NAME_AND_SPEECH        # the HMM glued a name and a speech verb into one unknown word (郭菲称)
    if t is None and 3 <= len(tok) <= 5 and tok not in lex.surfaces and _TRANSLIT_WORD.match(tok):
        return TokenKind.UNKNOWN_TRANSLIT        # an unknown word made of transliteration characters (托雷斯, 德罗巴): a foreign name?
    if 2 <= len(tok) <= 3 and tok[0] in lex.surnames1 and _CJK.match(tok) \
            and (t is None or (t[:2] in ("nr", "ns", "nz") and lex.word_freq.get(tok, 0) < 1000)):
        return TokenKind.NEEDS_TITLE        # a name that looks like a word (彭小军 ends like 海军, 江平 is a place): needs a title
    if tok in PLACE_INSTITUTIONS:
        return TokenKind.PLACE_INSTITUTION       # 警方, 地税: an institution when a place precedes
    if len(tok) == 2 and t is None and tok[0] in NAME_GLUE and tok[1] in lex.surnames1:
        return TokenKind.GLUED_SURNAME       # 但梁, 他叶: a function character glued to a surname by the HMM
    return _anchor_kind(tok)


def _anchor_kind(tok) -> TokenKind:
    """A title, a speech verb or both: anchors of the split foreign-name rules; else NOTHING."""
    if tok in TITLES:
        return TokenKind.TITLE_AND_SPEECH if tok in AFTER_NAME else 8
    return TokenKind.SPEECH_VERB if tok in AFTER_NAME else 0


def _token_candidates(tokens, lex):
    """Indexes of tokens worth a closer look, by kind; the per-word verdict is cached across documents so the
    per-token cost stays in C (map/compress)."""
    cache = _TOKEN_KIND
    if len(cache) > 500_000:
        cache.clear()
    for tok in set(tokens).difference(cache):
        cache[tok] = _token_kind(tok, lex)
    kinds = list(map(cache.__getitem__, tokens))
    by_kind: dict[TokenKind, list[int]] = {}     # kind -> token indexes, so each rule visits only its own
    for i in compress(range(len(tokens)), kinds):
        by_kind.setdefault(kinds[i], []).append(i)
    return by_kind


# what may stand next to a name that jieba split (punctuation, function words, speech verbs)
NAME_BOUNDARY = FUNCTION_CHARS | SPEECH_PUNCT | AFTER_NAME | AFTER_WEAK | LINE_START | set("。；;！？!?、）)”\"不在") \
    | {"先生", "女士", "表示", "认为", "透露", "等人"}
GIVEN_NAME_MIN = 3.0        # sum of the two characters' log-odds of being in a given name (persons list vs all text)


def _boundary(tok) -> bool:
    """The token after a name may end it: text end, punctuation, a function word, a speech verb."""
    return not tok or tok in NAME_BOUNDARY or tok[0] in NAME_BOUNDARY


def _given_score(w, lex) -> float:
    """Sum of the characters' log-odds of being in a given name: > 0 name-like (建勇), < 0 word-like (水盘)."""
    return sum(lex.given_char.get(c, -9.0) for c in w)


def _given_name_like(w, lex) -> bool:
    """Two characters typical of a Chinese given name (振兴, 大伟), by the persons list's statistics."""
    a, b = lex.given_char.get(w[0], -9.0), lex.given_char.get(w[1], -9.0)
    return min(a, b) > -1.5 and a + b >= GIVEN_NAME_MIN and lex.word_freq.get(w, 0) < 3000


def _persons(text, tokens, starts, lex, out, by_kind):
    tag, freq, persons = lex.word_tag, lex.word_freq, lex.persons
    n = len(tokens)
    foreign = by_kind.get(TokenKind.FOREIGN_NAME, ())
    listed = []     # name-like words without evidence of their own: a name list may give it (孙晶、谭伟彬)
    first = len(out)
    for i in by_kind.get(TokenKind.UNKNOWN_TRANSLIT, ()):
        # unknown transliterations are also clubs and places: only with person context around
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if prev in TITLES or prev[-2:] in TITLES or nxt in AFTER_NAME or nxt in TITLES \
                or (nxt in AFTER_WEAK and nxt not in ("的", "在")) or (prev == "、" and nxt in ("、", "等")):
            out.append((starts[i], starts[i] + len(tokens[i]), "PER", None, None, None, 1))
    for i in by_kind.get(TokenKind.NEEDS_TITLE, ()):
        prev = tokens[i - 1] if i else ""
        if prev in TITLES or prev[-2:] in TITLES or prev[-3:] in TITLES:
            out.append((starts[i], starts[i] + len(tokens[i]), "PER", None, None, None, 3))
    for i in by_kind.get(TokenKind.NAME_AND_SPEECH, ()):
        out.append((starts[i], starts[i] + len(tokens[i]) - 1, "PER", None, None, None, 1))
    for i in by_kind.get(TokenKind.PERSON_CANDIDATE, ()):
        tok = tokens[i]
        L = len(tok)
        t = tag.get(tok)
        if L >= 2:
            if tok[1:] in TITLES or tok[2:] in TITLES or tok[1:] in ADDRESS_FORMS:
                continue                        # 张女士, 李先生: a form of address, not the name
            prev = tokens[i - 1] if i else ""
            nxt = tokens[i + 1] if i + 1 < n else ""
            evidence = prev in TITLES or prev[-2:] in TITLES or prev[-3:] in TITLES or nxt in AFTER_NAME \
                or (len(prev) == 2 and prev[1] == "长" and prev in lex.word_freq) \
                or nxt in TITLES or \
                (nxt in ("：", ":") and (i == 0 or prev in LINE_START))     # interview format 姜山：...
            if L >= 3 and not evidence and tok[-1] in THING_END:
                continue                        # 宁玛派, 古琼寺, 陶波湖: a sect, temple, lake
            if L >= 3 and not evidence and any(c in TRANSLIT for c in tok[1:]):
                continue                        # a transliteration (桑德兰, 沙尔克): club, place or person
            weak = nxt in AFTER_WEAK or nxt in SPEECH_PUNCT
            if t is None and L == 2 and not evidence and tok[0] in lex.top_surnames and weak \
                    and _given_score(tok[1:], lex) > 0:
                evidence = True                 # 赵刚就…, 于海将…: a frequent surname + unknown character
            if t is None:                       # unknown word from the HMM: usually a name, unless it is
                if L == 3 and not evidence and (freq.get(tok[1:], 0) >= 300 or freq.get(tok[:2], 0) >= 300) \
                        and not tag.get(tok[:2], "").startswith("nr"):
                    continue                    # surname-char + common word (本赛季, 银行卡, 申请人)
                # a two-character unknown word led by a frequent surname is mostly a name (吴飞, 于海);
                # positional/function second characters make words (周中, 史上)
                ok = (L == 3 and _given_score(tok[1:], lex) >= 0) or evidence or (tok in persons and L >= 3) \
                    or (L == 2 and tok[0] in lex.top_surnames and tok[1] not in "中上下内外里用至开妻"
                        and _given_score(tok[1:], lex) > 0)
            elif t[:2] == "nr" and freq.get(tok, 0) >= 1000 and prev not in TITLES:
                continue                        # a frequent word jieba also lists as a name (明白)
            elif t[:2] == "nr":
                # jieba's nr list also holds phrases (严肃处理, 高水平, 乐迷): without context only a
                # three-character word whose given part is not a common word
                ok = evidence or (tok in persons and L >= 3) or (L == 3 and freq.get(tok[1:], 0) < 300
                                                                 and freq.get(tok, 0) < 1000
                                                                 and _given_score(tok[1:], lex) >= 0)
            else:
                ok = evidence
            if not ok:
                if L <= 3 and (t is None or t[:2] == "nr"):
                    listed.append((starts[i], starts[i] + L, "PER", None, None, None, 1))
                continue
            end = starts[i] + L
            if L == 2 and i + 2 < n and len(nxt) == 1 and _CJK.match(nxt) and nxt not in FUNCTION_CHARS \
                    and nxt not in NOT_NAME_END and (tokens[i + 2] in AFTER_NAME or tokens[i + 2] in ("：", ":")):
                end += 1        # 张明|渝|表示: jieba cut a three-character name after two characters
            # 廖杰|远: a two-character name followed by a loose character after a title (only one
            # character: 周望|强|说 is not 周望强说)
            elif L == 2 and prev in TITLES and len(nxt) == 1 and _CJK.match(nxt) and nxt not in FUNCTION_CHARS \
                    and i + 2 < n and tokens[i + 2][:1] in FUNCTION_CHARS | set("，。、；："):
                end += 1
            out.append((starts[i], end, "PER", None, None, None, 1))
        elif i + 1 < n:
            # split name (张 | 朝晖): only with a title before or a speech verb after
            nxt = tokens[i + 1]
            prev = tokens[i - 1] if i else ""
            after = tokens[i + 2] if i + 2 < n else ""
            nt = tag.get(nxt)
            if len(nxt) <= 2 and _CJK.match(nxt) and nxt not in TITLES \
                    and (prev in TITLES or prev[-2:] in TITLES or prev[-3:] in TITLES or after in AFTER_NAME or (after in AFTER_WEAK and after != "的" and freq.get(nxt, 0) < 1000)
                         or (after in ("：", ":") and (i == 0 or prev in LINE_START))) \
                    and (nt is None or (nt[0] in "nax" and freq.get(nxt, 0) < 5000) or (nt[0] == "v" and freq.get(nxt, 0) < 1000)) \
                    and nxt[-1] not in NOT_NAME_END:
                out.append((starts[i], starts[i] + 1 + len(nxt), "PER", None, None, None, 1))
            elif len(nxt) == 2 and _given_name_like(nxt, lex) and _boundary(after) \
                    and (not prev or prev in NAME_BOUNDARY or prev in TITLES or prev[-1] in NAME_BOUNDARY) \
                    and nxt not in TITLES and tag.get(nxt, "n")[:1] in "nvaz" + "x":
                # 杨|振兴|的, 叶|兴盛|不: a surname and two characters typical of given names, standing
                # between boundaries (punctuation, function words, titles)
                out.append((starts[i], starts[i] + 3, "PER", None, None, None, 1))
    for i in by_kind.get(TokenKind.GLUED_SURNAME, ()):
        # a function character glued to a surname by the HMM (但梁|大伟, 他叶|兴盛): name = surname + next
        nxt = tokens[i + 1] if i + 1 < n else ""
        after = tokens[i + 2] if i + 2 < n else ""
        if len(nxt) == 2 and _given_name_like(nxt, lex) and _boundary(after):
            out.append((starts[i] + 1, starts[i] + 4, "PER", None, None, None, 1))
    _enumerated(text, listed, out, "PER", first)
    # a foreign name after a title, cut by jieba into pieces of transliteration characters
    # (门将|诺|伊尔, 主教练|科比|什利): the whole run is the name
    for i in by_kind.get(TokenKind.TITLE, []) + by_kind.get(TokenKind.TITLE_AND_SPEECH, []):
        if i + 1 >= n or not _TRANSLIT_WORD.match(tokens[i + 1]):
            continue
        j, end = i + 1, starts[i + 1]
        while j < n and end - starts[i + 1] < 8 and _TRANSLIT_WORD.match(tokens[j]):
            end += len(tokens[j])
            j += 1
        if end - starts[i + 1] >= 2 and (j - i > 2 or tag.get(tokens[i + 1], "nr")[0] == "n"):
            out.append((starts[i + 1], end, "PER", None, None, None, 1))
    # ... or before a speech verb (科|迪克|表示, 韦斯特|伍|来自)
    for i in by_kind.get(TokenKind.SPEECH_VERB, []) + by_kind.get(TokenKind.TITLE_AND_SPEECH, []):
        if i < 2 or not _TRANSLIT_WORD.match(tokens[i - 1]):
            continue
        j, start = i - 1, starts[i]
        while j >= 0 and starts[i] - start < 8 and _TRANSLIT_WORD.match(tokens[j]) and tokens[j] not in TITLES \
                and tokens[j] not in AFTER_NAME and tokens[j][0] not in LEFT_STOP:
            start = starts[j]
            j -= 1
        if i - j > 2 and starts[i] - start >= 3:
            out.append((start, starts[i], "PER", None, None, None, 1))
    for i in foreign:
        tok = tokens[i]
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if prev in TITLES or nxt in AFTER_NAME or nxt in TITLES or (len(tok) >= 3 and freq.get(tok, 0) < 100 and _TRANSLIT_WORD.match(tok)):
            if _NUMERAL.search(tok):
                continue    # 二十大: a numbered event
            out.append((starts[i], starts[i] + len(tok), "PER", None, None, None, 1))
    if "·" not in text and "•" not in text:
        return      # the regex below is slow on long CJK runs; foreign names need the dot
    for m in _FOREIGN.finditer(text):
        out.append((m.start(), m.end(), "PER", None, None, None, 1))


def _same_name_again(text, out, first, bounds):
    """One sense per text: a name found as a person once (with its evidence) is a person at its other
    mentions too (张捷认为… 张捷还指出…), when the mention is a whole word or words."""
    names = {text[c[0]:c[1]] for c in out[first:] if c[2] == "PER" and c[1] - c[0] >= 2}
    for name in names:
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if i in bounds and j in bounds:
                out.append((i, j, "PER", None, None, None, 1))
            i = text.find(name, j)


def _pos_places(tokens, starts, out, by_kind):
    # jieba tags many common words ns (深度, 入口): lex.pos_places keeps only place-like endings;
    # its nt words with an institution ending are organisations (kind 4)
    for i in by_kind.get(TokenKind.PLACE_WORD, ()):
        out.append((starts[i], starts[i] + len(tokens[i]), "LOC", None, None, None, 0))
    for i in by_kind.get(TokenKind.NT_ORGANISATION, ()):
        out.append((starts[i], starts[i] + len(tokens[i]), "ORG", None, None, None, 1))


def _resolve(text, cands):
    """Keep the longest non-overlapping spans (then higher priority, then earlier)."""
    taken = bytearray(len(text) + 1)
    keep = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], -c[6], c[0])):
        s, e = c[0], c[1]
        if taken.find(1, s, e) >= 0:
            continue
        taken[s:e] = b"\x01" * (e - s)
        keep.append(c)
    keep.sort(key=itemgetter(0))
    return keep


_ADDRESS_TAIL = re.compile(r"(?:街道|市区|城区|(?:[0-9０-９一二三四五六七八九十百千零甲乙丙-]+(?:号院|号楼|号|弄|栋|幢|层|楼|室|单元|座))+)")


_REGION_ARM = re.compile(r"[（(](?:中国|香港|澳门|台湾|亚洲|亚太|大中华|北京|上海)[）)](?:股份有限公司|有限责任公司|有限公司|投资有限公司)")


_ROAD_AFTER = re.compile(r"([\u4e00-\u9fff]{1,6}?)(?:大街|大道|胡同|路|街|巷)")


def _merge(text, spans, bounds):
    """Contiguous spans that name one thing become one span (the usual NER convention):
    - an address: places, districts, roads and a house number (北京市|朝阳区|建国路|8号) -> one LOC whose
      code is the most specific unit's (the last one with a code);
    - a place before an organisation (郑州市|城市规划局, 美国|苹果公司) -> one ORG, linked like the organisation;
    - an organisation and a branch/department found by the suffix rule (招行|东直门支行) -> one ORG linked
      to the parent."""
    out = []
    for c in spans:
        s, e, etype, cid = c[0], c[1], c[2], c[3]
        if out:
            ps, pe, ptype, pcid = out[-1][:4]
            if pe == s and ptype == "LOC" and etype == "LOC":
                out[-1] = (ps, e, "LOC", cid or pcid, None, None, c[6])
                continue
            if pe == s and ptype == "LOC" and etype == "ORG":
                out[-1] = (ps, e, "ORG", cid, None, None, c[6])
                continue
            if pe == s and ptype == "ORG" and etype == "ORG" and cid is None and c[6] == 1:
                out[-1] = (ps, e, "ORG", pcid, None, None, c[6])
                continue
        out.append(c)
    if "（" in text or "(" in text:
        arms = []
        for c in out:
            if arms and c[0] < arms[-1][1]:
                continue        # inside the arm just taken (the 中国 of 花旗银行（中国）有限公司)
            if c[2] == "ORG" and c[1] < len(text) and text[c[1]] in "（(":
                m = _REGION_ARM.match(text, c[1])     # the local arm of a company is one name
                if m:
                    c = (c[0], m.end(), *c[2:])
            arms.append(c)
        out = arms
    for i, c in enumerate(out):
        if c[2] == "LOC" and c[3] and c[1] < len(text) and (i + 1 == len(out) or out[i + 1][0] > c[1]):
            # a road after an administrative unit (沈河区|青年大街|270号): in an address, road names are
            # often ordinary words (青年, 人民, 解放)
            m = _ROAD_AFTER.match(text, c[1])
            if m and m.end() in bounds and not FUNCTION_CHARS.intersection(m.group(1)) \
                    and (i + 1 == len(out) or out[i + 1][0] >= m.end()):
                c = out[i] = (c[0], m.end(), *c[2:])
        if c[2] == "LOC":
            m = _ADDRESS_TAIL.match(text, c[1])
            if m and (i + 1 == len(out) or out[i + 1][0] >= m.end()):
                out[i] = (c[0], m.end(), *c[2:])
    return out


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


_LINKED: dict = {}      # span text -> _link result, cached across documents (company names recur)


def _link(span, lex):
    """Canonical id for a rule-found ORG that starts with a known listed name (平安银行股份有限公司...)."""
    try:
        return _LINKED[span]
    except KeyError:
        if len(_LINKED) > 200_000:
            _LINKED.clear()
        cid = _LINKED[span] = _link_uncached(span, lex)
        return cid


def _link_uncached(span, lex):
    for n in range(len(span) - 1, 1, -1):
        for etype, cid, amb in lex.surfaces.get(span[:n], ()):
            if etype == "ORG" and cid and not amb:
                return cid
    for n in range(2, len(span) - 1):
        if _is_place(span[:n], lex):     # a place before a listed name (上海|浦发银行)
            for etype, cid, amb in lex.surfaces.get(span[n:], ()):
                if etype == "ORG" and cid and not amb:
                    return cid
    return None


def entity_tuples(text: str, tokens: list[str] | None = None) -> list[tuple]:
    """(start, end, type, canonical_id, value, unit) sorted by start; the core of tag_entities."""
    if not text:
        return []
    lex = lexicon()
    if tokens is None:
        tokens = segment(text)
    ends = list(accumulate(map(len, tokens), initial=0))
    if ends[-1] != len(text):       # tokens of another text: offsets would be wrong, so re-segment
        tokens = segment(text)
        ends = list(accumulate(map(len, tokens), initial=0))
    starts = ends[:-1]
    bounds = set(ends)
    cands: list[tuple] = [(*c, 3) for c in find_patterns(text, lex.a_share_codes)]
    _dictionary(text, lex, bounds, cands)
    org_suffixes = list(_ORG_RE.finditer(text))     # shared by the two organisation rules
    _suffix_spans(text, tokens, starts, lex, bounds, _ORG_RE, "ORG", cands, org_suffixes)
    _suffix_spans(text, tokens, starts, lex, bounds, _LOC_RE, "LOC", cands)
    _anchored_orgs(text, tokens, starts, lex, bounds, cands, org_suffixes)
    _latin_orgs(text, cands)
    _brand_companies(text, tokens, starts, lex, cands)
    _teams(text, tokens, starts, lex, bounds, cands)
    _listed_orgs(text, tokens, starts, lex, cands)
    tok_cands = _token_candidates(tokens, lex)
    _place_institutions(tokens, starts, lex, cands, tok_cands)
    first = len(cands)
    _persons(text, tokens, starts, lex, cands, tok_cands)
    _same_name_again(text, cands, first, bounds)
    _pos_places(tokens, starts, cands, tok_cands)
    out = []
    spans = _extend_orgs(text, _merge(text, _resolve(text, cands), bounds), tokens, starts, bounds, lex)
    spans = _club_prefixes(text, spans)
    if "《" in text:
        spans = _outside_titles(text, spans)
    for s, e, etype, cid, value, unit, _ in spans:
        if etype == "ORG" and cid is None and e - s > 3:
            cid = _link(text[s:e], lex)
        out.append((s, e, etype, cid, value, unit))
    return out


def entity_dicts(text: str, tokens: list[str] | None = None) -> list[dict]:
    """Entities as plain dicts with the keys of schemas.Entity (what the Beam stage emits)."""
    return [{"text": text[s:e], "type": t, "start": s, "end": e, "canonical_id": cid, "value": v, "unit": u}
            for s, e, t, cid, v, u in entity_tuples(text, tokens)]


def tag_entities(text: str, tokens: list[str] | None = None) -> list[Entity]:
    """Entities of `text`; pass the tokens of transforms.segment.segment(text) to avoid re-segmenting."""
    # model_validate is faster than model_construct in pydantic 2 (validation runs in Rust)
    validate = Entity.model_validate
    return [validate(d) for d in entity_dicts(text, tokens)]
