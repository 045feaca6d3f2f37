from transforms.categories import categorize, category_label, split_source_labels
from transforms.write import safe_partition_value


def test_source_labels_win():
    assert categorize(["金融", "每经网", "分类"], "平安与上海市皮肤病医院达成战略合作", "医院 医院 医院") == "finance"
    assert categorize(["医疗"], None, "") == "health"


def test_keywords_when_no_label():
    text = "患者在医院接受治疗，医生表示疫苗和药物的临床试验进展顺利。"
    assert categorize([], "新药获批", text) == "health"
    assert categorize([], None, "今天天气很好。") == "other"


def test_labels_are_chinese_and_slugs_ascii():
    assert category_label("finance") == "财经"
    assert category_label("no-such") == "其他"


def test_feed_source_split():
    assert split_source_labels("news.zfe.space (RSSHub) / 新媒体/得到/新闻") == ["news.zfe.space (RSSHub)", "新媒体", "得到", "新闻"]


def test_partition_values_never_become_paths():
    for hostile in ["../../etc", "a/b", "/etc", "a/b=c%d", "..", "财经", "", "../../../tmp/x"]:
        v = safe_partition_value(hostile)
        assert v and "/" not in v and ".." not in v and "=" not in v and "%" not in v and v.isascii()
