"""Vocabulary of the entity rules: suffixes, titles, cue words, character classes, small predicates."""
from __future__ import annotations

import re


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
# first characters of adverbs and modals: an unknown word starting with one is a phrase fragment (很难, 最受)
NOT_BRAND_START = set("会最很能初继根更太都也可要没不刚才正就还曾已")


# common nouns naming a local institution: after a place they are that place's institution (英国|警方,
# 上海|地税, 房山区|建委, 美国|驻|格鲁吉亚|大使馆)
PLACE_INSTITUTIONS = {"警方", "交警", "公安", "地税", "国税", "税务", "海关", "工商", "建委", "教委", "住建委", "卫计委",
                      "红十字会", "大使馆", "领事馆", "总领事馆", "使馆", "足协", "篮协", "军区", "代表团", "国家队"}
