"""transforms.entities: seeds, links, digit patterns, ambiguous names, offsets.

Seed files: /work/shared/seeds/000_61d2a8d4cd7de884.txt (HTML body; text = its <p> paragraphs) and
/work/shared/seeds/002_855c7fca1c059447.txt (plain text).
"""
import glob
import html
import re

import pytest

from transforms.entities import tag_entities
from transforms.segment import segment

SEEDS = "/work/shared/seeds"


def seed_text(prefix):
    paths = glob.glob(f"{SEEDS}/{prefix}_*.txt")
    if not paths:
        pytest.skip("seeds not available")
    raw = open(paths[0], encoding="utf-8").read()
    if "<p>" in raw:
        paras = (html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p>(.*?)</p>", raw, re.S))
        return "\n".join(p for p in paras if p)
    return raw


def found(text):
    ents = tag_entities(text, segment(text))
    for e in ents:
        assert text[e.start:e.end] == e.text
    return ents, {(e.type, e.text) for e in ents}


def test_seed_000():
    text = seed_text("000")
    ents, got = found(text)
    for name in ("平安健康医疗科技有限公司", "平安银行", "上海市皮肤病医院", "平安好医生"):
        assert ("ORG", name) in got, name
    for name in ("方蔚豪", "张朝晖", "李斌"):
        assert ("PER", name) in got, name
    assert ("STOCK", "01833.HK") in got
    ids = {e.text: e.canonical_id for e in ents}
    assert ids["平安好医生"] == "01833.HK" and ids["平安银行"] == "000001.SZ" and ids["01833.HK"] == "01833.HK"


def test_seed_002():
    ents, got = found(seed_text("002"))
    for name in ("平安银行", "微医集团", "交通银行", "工商银行", "百度"):
        assert ("ORG", name) in got, name
    for name in ("邵平", "廖杰远"):
        assert ("PER", name) in got, name
    ids = {e.text: e.canonical_id for e in ents}
    assert ids["交通银行"] == "601328.SH" and ids["工商银行"] == "601398.SH"


@pytest.mark.parametrize("text,code", [
    ("招商银行(600036)公告", "600036.SH"),
    ("平安银行（股票代码：000001）", "000001.SZ"),
    ("贵州茅台(股票代码：600519)", "600519.SH"),
    ("持有SZ000001的投资者", "000001.SZ"),
    ("加科思-B(01167)发布公告", "01167.HK"),
    ("腾讯控股(700.HK)", "00700.HK"),
    ("股票600036.sh走强", "600036.SH"),
])
def test_stock_codes_normalised(text, code):
    stocks = [e for e in tag_entities(text) if e.type == "STOCK"]
    assert [e.canonical_id for e in stocks] == [code]


def test_stock_code_on_wrong_exchange_rejected():
    # 600036 is listed in Shanghai, not Shenzhen: the listing refutes the code
    assert not [e for e in tag_entities("代码600036.SZ有误") if e.type == "STOCK"]
    # a bare 6-digit number without context is not a stock code
    assert not [e for e in tag_entities("共有600036人参加") if e.type == "STOCK"]


@pytest.mark.parametrize("text,value,unit", [
    ("入围单价27.5元", 27.5, "CNY"),
    ("最高可达20.15亿美元", 2.015e9, "USD"),
    ("募资3000万港元", 3e7, "HKD"),
    ("营收1,234.5万元", 1.2345e7, "CNY"),
    ("人民币5亿元", 5e8, "CNY"),
])
def test_money(text, value, unit):
    money = [e for e in tag_entities(text) if e.type == "MONEY"]
    assert len(money) == 1
    assert money[0].value == pytest.approx(value) and money[0].unit == unit
    assert text[money[0].start:money[0].end] == money[0].text


def test_percent():
    ents = [e for e in tag_entities("净利润同比增长12.5%，毛利率下降3个百分点") if e.type == "PERCENT"]
    assert [(e.text, e.value, e.unit) for e in ents] == [("12.5%", 12.5, "%")]


def test_ambiguous_short_names_need_context():
    assert not [e for e in tag_entities("祝大家一路平安，登上长城看华夏大地") if e.type == "ORG"]
    assert ("ORG", "中国平安") in {(e.type, e.text) for e in tag_entities("中国平安股价上涨")}


def test_generic_org_suffix_rule():
    got = {(e.type, e.text) for e in tag_entities("他曾在杭州娃哈哈集团和北京大学第一医院工作")}
    assert ("ORG", "杭州娃哈哈集团") in got
    assert ("ORG", "北京大学第一医院") in got or ("ORG", "北京大学") in got
    # generic nouns before a suffix are not an organisation
    assert not [e for e in tag_entities("商业银行和上市公司都在布局") if e.type == "ORG"]


def test_places_with_admin_codes():
    ents = {e.text: e for e in tag_entities("总部在浙江省，工厂在杭州市")}
    assert ents["浙江省"].type == "LOC" and ents["浙江省"].canonical_id == "330000"
    assert ents["杭州市"].type == "LOC" and ents["杭州市"].canonical_id == "330100"


def test_contiguous_address_is_one_span_with_the_most_specific_code():
    text = "公司位于浙江省杭州市余杭区文一西路969号，"
    ents = {e.text: e for e in tag_entities(text)}
    addr = ents["浙江省杭州市余杭区文一西路969号"]
    assert addr.type == "LOC" and addr.canonical_id == "330110"
    assert "浙江省" not in ents


def test_place_before_an_organisation_is_part_of_it():
    got = {(e.type, e.text): e.canonical_id for e in tag_entities("他在上海浦发银行工作，上海市卫生健康委员会发布通知")}
    assert got.get(("ORG", "上海浦发银行")) == "600000.SH" and ("LOC", "上海") not in got
    assert ("ORG", "上海市卫生健康委员会") in got and ("LOC", "上海市") not in got


def test_branch_joins_its_bank():
    got = {(e.type, e.text): e.canonical_id for e in tag_entities("他在招商银行北京分行工作")}
    assert got.get(("ORG", "招商银行北京分行")) == "600036.SH"


def test_foreign_name_stops_at_surrounding_chinese():
    got = {(e.type, e.text) for e in tag_entities("他与詹姆斯·伍德同时获奖")}
    assert ("PER", "詹姆斯·伍德") in got


def test_jieba_organisation_words_with_an_institution_ending():
    got = {(e.type, e.text) for e in tag_entities("中国人民银行和建设部联合发文，上市公司关注七中全会")}
    assert ("ORG", "建设部") in got
    assert not [e for e in tag_entities("上市公司关注七中全会") if e.type == "ORG"]


def test_person_title_context():
    got = {(e.type, e.text) for e in tag_entities("公司董事长王建国表示，今年业绩向好。")}
    assert ("PER", "王建国") in got


def test_empty_and_whitespace():
    assert tag_entities("") == []
    assert tag_entities("   \n") == []


def test_mismatched_tokens_are_recomputed():
    text = "平安银行行长邵平表示"
    assert tag_entities(text, ["wrong"]) == tag_entities(text)


def test_ambiguous_names_in_an_enumeration_of_banks():
    # 光大 and 民生 alone are ordinary words; next to 招行 in a list they are banks
    got = {(e.type, e.text): e.canonical_id for e in tag_entities("中信、兴业、民生、光大和招行都已跟进")}
    assert got[("ORG", "招行")] == "600036.SH"
    assert ("ORG", "民生") in got and ("ORG", "光大") in got
    assert not [e for e in tag_entities("这关系到国计民生") if e.type == "ORG"]


def test_institution_after_place():
    got = {(e.type, e.text) for e in tag_entities("上海市规划局和福建省公安厅发布通知")}
    assert ("ORG", "上海市规划局") in got and ("ORG", "福建省公安厅") in got


def test_split_name_with_speech_verb():
    # jieba cuts the name into surname + given name (杨 | 振兴)
    assert segment("杨振兴一直在英国")[:2] == ["杨", "振兴"]
    assert ("PER", "杨振兴") in {(e.type, e.text) for e in tag_entities("几年来，杨振兴一直在英国")}


def test_drug_and_disease_from_health_vocabularies():
    got = {(e.type, e.text) for e in tag_entities("患者确诊肺癌后服用阿莫西林胶囊")}
    assert ("DISEASE", "肺癌") in got
    assert ("DRUG", "阿莫西林胶囊") in got or ("DRUG", "阿莫西林") in got


def test_latin_company_names():
    got = {(e.type, e.text) for e in tag_entities("Facebook和Google都在加大投入")}
    assert ("ORG", "Facebook") in got and ("ORG", "Google") in got


def test_organisation_anchored_on_a_place_or_parent_across_common_nouns():
    got = {(e.type, e.text) for e in tag_entities("中国银行总行战略发展部和招行信用卡中心")}
    assert ("ORG", "中国银行总行战略发展部") in got and ("ORG", "招行信用卡中心") in got
    # a verb ending like a suffix is no organisation (签署, 部署)
    assert not [e for e in tag_entities("党中央统一部署，腾讯音乐签署协议") if e.type == "ORG" and e.text.endswith("署")]


def test_names_in_a_list_with_a_known_person():
    got = {(e.type, e.text) for e in tag_entities("董事长王建国、孙晶出席")}
    assert ("PER", "王建国") in got and ("PER", "孙晶") in got


def test_frequent_words_in_jiebas_name_list_are_not_people():
    text = "相关责任人被严肃处理，发生几率也会明显增加，自己很明白自己的处境"
    assert not [e for e in tag_entities(text) if e.type == "PER"]


def test_names_inside_a_book_title_are_part_of_the_title():
    text = "他玩《英雄联盟》，看《中国证券报》，董事长李斌表示要拍《平安中国》"
    got = {(e.type, e.text) for e in tag_entities(text)}
    assert ("ORG", "中国证券报") in got and ("PER", "李斌") in got
    assert not [e for e in tag_entities(text) if e.text in ("英雄联盟", "平安中国", "中国")]


def test_organisation_left_boundary_stops_before_verbs_and_datelines():
    got = {(e.type, e.text) for e in tag_entities("中新网4月13日电渣打银行集团行政总裁表示，银行再次中标西门子集团全面业务")}
    assert ("ORG", "渣打银行集团") in got and ("ORG", "西门子集团") in got
    got = {(e.type, e.text) for e in tag_entities("香港调查东亚银行被传倒闭一事")}
    assert ("ORG", "东亚银行") in got


def test_latin_names_in_person_and_company_context():
    got = {(e.type, e.text) for e in tag_entities("创意总监Eric表示，Sierra旗下多款游戏延期，Google表示将跟进")}
    assert ("PER", "Eric") in got and ("ORG", "Sierra") in got and ("ORG", "Google") in got


def spans(text):
    ents, _ = found(text)
    return {(e.type, e.text, e.start) for e in ents}


def test_leagues_and_clubs_in_a_match_context_are_organisations():
    text = "周日的英超比赛中，利物浦主场击败桑德兰。"
    got = spans(text)
    assert {("ORG", "英超", 3), ("ORG", "利物浦", 9), ("ORG", "桑德兰", 16)} <= got
    assert not [e for e in got if e[0] in ("LOC", "PER")]
    # one sense per text: the club's other mention without a cue of its own
    got = spans("上周日罗马主场2比1击败米兰，罗马的防守依旧稳固")
    assert {("ORG", "罗马", 3), ("ORG", "米兰", 12), ("ORG", "罗马", 15)} <= got
    # a pair of names around 对 in a match context
    assert {("ORG", "阿森纳", 0), ("ORG", "桑德兰", 4)} <= spans("阿森纳对桑德兰的比赛")
    # without a match context the city stays a place
    assert ("LOC", "罗马", 2) in spans("他去罗马旅游")


def test_names_listed_before_a_kind_of_organisation():
    got = spans("支付宝、财付通等平台下调了费率")
    assert ("ORG", "财付通", 4) in got


def test_place_and_an_institution_noun_form_one_organisation():
    got = spans("英国警方与上海地税都已介入调查")
    assert {("ORG", "英国警方", 0), ("ORG", "上海地税", 5)} <= got
    assert ("ORG", "法国驻上海总领事馆", 0) in spans("法国驻上海总领事馆发布提醒")


def test_title_before_a_name_that_looks_like_a_word():
    # 刘建军 ends like 海军/空军 and 军 is not a usual last character of a word-like name: the title decides
    assert ("PER", "刘建军", 4) in spans("集团总裁刘建军昨日表示")


def test_name_glued_to_a_speech_verb():
    text = "会上赵菲称此事已解决"
    assert segment(text)[1] == "赵菲称"
    assert ("PER", "赵菲", 2) in spans(text)


def test_byline_names():
    got = spans("记者王晓芸 实习生李婧/文")
    assert {("PER", "王晓芸", 2), ("PER", "李婧", 9)} <= got


def test_unknown_two_character_word_led_by_a_frequent_surname():
    assert ("PER", "王璐", 3) in spans("昨天，王璐来到医院")


def test_foreign_name_cut_into_pieces_after_a_title():
    text = "门将诺伊尔受伤离场"
    assert segment(text)[1:3] == ["诺", "伊尔"]
    assert ("PER", "诺伊尔", 2) in spans(text)


def test_organisation_grows_over_division_sub_unit_and_a_lone_admin_prefix():
    assert ("ORG", "花旗中国", 0) in spans("花旗中国表示将扩大业务")
    assert ("ORG", "东城公安分局和平里派出所", 0) in spans("东城公安分局和平里派出所民警")
    got = spans("省银监局发布通知，市住建委也表示")
    assert {("ORG", "省银监局", 0), ("ORG", "市住建委", 9)} <= got


def test_upper_case_acronym_acting_is_an_organisation():
    got = spans("昨日THQ宣布裁员，CEO表示GDP数据向好")
    assert ("ORG", "THQ", 2) in got
    assert not [e for e in got if e[1] in ("CEO", "GDP")]


def test_foreign_city_in_a_text_about_clubs_is_a_club():
    got = spans("阿森纳主场迎战切尔西，托雷斯的受伤让利物浦十分头疼")
    assert ("ORG", "利物浦", 18) in got and not [e for e in got if e[0] == "LOC"]
    assert {("LOC", "罗马", 2), ("LOC", "米兰", 10)} <= spans("他去罗马旅游，然后去米兰看球")


def test_a_person_found_once_is_a_person_at_other_mentions():
    got = spans("总经理彭宇军表示，彭宇军的团队已到位")
    assert {("PER", "彭宇军", 3), ("PER", "彭宇军", 9)} <= got


def test_split_three_character_name_takes_one_loose_character_only():
    got = spans("经理周望强说，周望强的团队")
    assert ("PER", "周望强", 2) in got and not [e for e in got if e[1] == "周望强说"]


def test_famous_people_from_the_bundled_list():
    _, got = found("徐悲鸿先生画马，齐白石老人画虾。")
    assert ("PER", "齐白石") in got


@pytest.mark.parametrize("text,name", [
    ("周茜与男友杨振兴的遇害现场，", "杨振兴"),        # 杨|振兴: the given name is a word
    ("市场有所回暖，但梁大伟提醒投资者，", "梁大伟"),   # 但梁|大伟: a function word glued to the surname
])
def test_names_cut_apart_by_the_segmenter(text, name):
    _, got = found(text)
    assert ("PER", name) in got


def test_surname_led_words_that_are_not_name_like_are_not_people():
    # 高水 (betting slang) and 周中 (midweek) start with surnames; their second characters are
    # typical of words, not of given names
    for text in ("让半球204高水，", "两支球队周中还都有联盟杯比赛"):
        _, got = found(text)
        assert not {t for t, _ in got if t == "PER"}, (text, got)


def test_given_name_character_scores():
    from tools.dictionary_build import given_name_char_scores
    jieba_like = {"市场": (5000, "n"), "伟大": (800, "a"), "建设": (3000, "vn"), "勇敢": (300, "a")}
    scores = given_name_char_scores({"张伟", "李建勇", "王勇"}, {"张", "李", "王"}, jieba_like)
    assert scores["勇"] > scores["伟"] > scores["建"]      # 勇: 2 names / rare in text; 建: frequent in text
    assert "市" not in scores                               # never in a given name


def test_brand_word_and_industry_head_is_a_company():
    _, got = found("开发商佳游网络以务实创新著称。")
    assert ("ORG", "佳游网络") in got
    _, got = found("难道要像所有沙盒游戏一样这么一直玩？")
    assert not {x for x in got if x[0] == "ORG"}


def test_company_name_over_business_verbs_and_regional_arm():
    _, got = found("北京香海会展房地产开发有限公司总经理、")
    assert ("ORG", "北京香海会展房地产开发有限公司") in got
    _, got = found("昨日，花旗银行（中国）有限公司宣布，")
    assert got == {("ORG", "花旗银行（中国）有限公司")}


def test_road_after_an_administrative_unit_joins_the_address():
    ents, _ = found("地址：沈阳市沈河区青年大街270号")
    locs = [e for e in ents if e.type == "LOC"]
    assert [e.text for e in locs] == ["沈阳市沈河区青年大街270号"]
    assert locs[0].canonical_id and locs[0].canonical_id.startswith("2101")   # 沈河区 (沈阳 2101xx)


def test_club_named_like_a_city_is_a_club_only_in_a_sports_text():
    _, got = found("曼联本赛季表现不错，米兰也不差。")          # an unambiguous club makes it a sports text
    assert {("ORG", "曼联"), ("ORG", "米兰")} <= got
    _, got = found("米兰时装周开幕，各大品牌云集。")
    assert ("ORG", "米兰") not in got and ("LOC", "米兰") in got


def test_latin_dictionary_names_need_latin_word_boundaries():
    _, got = found("AMD的新芯片，AMDX实验装置也有新进展。")
    assert ("ORG", "AMD") in got
    assert not [x for x in got if x[1].startswith("AMD") and x[1] != "AMD"]
    assert len([x for x in got if x == ("ORG", "AMD")]) == 1


def test_knowledge_rows_flags_and_lower_case_forms(tmp_path):
    from tools.dictionary_build import knowledge_rows
    (tmp_path / "clubs.tsv").write_text("surface\ttype\tcontext\tnote\n曼联\tORG\t\tclub\n米兰\tORG\tsport\tclub\n",
                                        encoding="utf-8")
    (tmp_path / "organisations.tsv").write_text(
        "surface\ttype\tcontext\tnote\nNCSoft\tORG\t\tgames\nValve\tORG\t\tgames\n苹果\tORG\tamb\tApple\n", encoding="utf-8")
    rows = set(knowledge_rows(str(tmp_path)))
    assert ("曼联", "ORG", "club") in rows and ("米兰", "ORG", "sport") in rows
    assert ("苹果", "ORG", "amb") in rows
    assert ("ncsoft", "ORG", "") in rows                 # mixed case: the lower-case form matches too
    assert not [r for r in rows if r[0] == "valve"]      # a plain capitalised word: its lower case is English


def test_club_prefix_makes_the_place_a_club():
    _, got = found("AC米兰主场战胜拉齐奥")
    assert ("ORG", "AC米兰") in got and ("ORG", "米兰") not in got
    _, got = found("米兰时装周开幕，AS罗马也来了")
    assert ("LOC", "米兰") in got and ("ORG", "AS罗马") in got
    _, got = found("PSV 埃因霍温客场取胜")
    assert [x for x in got if x[0] == "ORG"] == [("ORG", "PSV 埃因霍温")]
    _, got = found("BASS米兰")          # letters inside a longer Latin word are no prefix
    assert not [x for x in got if x[1].startswith("BASS")]
