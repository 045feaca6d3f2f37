#!/usr/bin/env python3
"""Write hand-made Chinese news page templates with known publication dates.

Deterministic, stdlib only.  Every page is written from a template modelled on a
common Chinese CMS / site layout; the label of each page is fixed by construction
(the stamp that is put on the page).  Run:  python3 make_pages.py
Outputs: pages/w-NN.html and labels.jsonl next to this script.
"""
import datetime as dt
import json
import os
import re
import html as htmlmod

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "pages")
LABELS = os.path.join(HERE, "labels.jsonl")
CST = dt.timezone(dt.timedelta(hours=8))
REFERENCE = "2024-10-01T12:00:00+08:00"
REF = dt.datetime(2024, 10, 1, 12, 0, tzinfo=CST)

HEADLINES = [
    "全市重点项目集中开工 总投资逾百亿元", "多部门联合部署秋冬季安全生产工作", "新一批惠企政策出台 涉及税费减免等六方面",
    "城区主干道改造工程进入收尾阶段", "教育部发布义务教育阶段课后服务指南", "国家统计局：居民消费价格温和上涨",
    "央行开展逆回购操作 市场流动性合理充裕", "A股三大指数集体收涨 成交额突破万亿", "新能源汽车下乡活动启动",
    "医保目录调整方案公布 多款抗癌药拟纳入", "秋季流感高发 专家提醒做好防护", "高铁新线开通运营 沿线城市迎来发展机遇",
    "多地发布暴雨预警 防汛进入关键期", "文旅消费持续升温 假日旅游人次创新高", "科技创新大会召开 一批成果集中发布",
    "小微企业贷款利率继续下行", "公积金贷款政策再优化", "冬季供暖准备工作全面展开",
    "我院专家团队完成首例高难度手术", "义诊活动走进社区 百余名居民受益", "基金发行市场回暖 权益类产品受青睐",
    "券商研报：四季度市场有望震荡上行", "乡村振兴示范村建设有序推进", "全国交通运输工作会议召开",
    "网络安全宣传周活动拉开帷幕", "跨境电商综试区扩容", "数字人民币试点场景持续拓展",
    "垃圾分类新规实施一周年回访", "老旧小区改造惠及万户居民", "职业技能大赛决赛落幕",
]
HOT = [
    "楼市新政落地首周成交回暖", "这种常见食物竟是“升糖高手”", "官方回应网传停课消息", "国产大飞机再获订单",
    "多地明确延长产假", "油价调整窗口今晚开启", "养老金调整方案公布", "一图读懂新版个税政策",
    "气象台发布寒潮蓝色预警", "高速公路节假日免费通行安排", "教师资格考试报名即将开始", "这些APP被点名通报",
]
COMMENT_TEXT = [
    "写得很详细，支持！", "希望政策能尽快落实到基层。", "请问具体怎么申请？", "关注很久了，终于等到这条消息。",
    "数据来源能否再说明一下？", "转发给家里人看看。", "说得有道理，点赞", "这个问题确实需要重视。",
]
USERS = ["清风徐来", "网友1385", "老张说事", "江南小雨", "匿名用户", "快乐的鱼", "北漂十年", "一叶知秋"]

TOOLBAR = ('<div class="toolbar">【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
           '<a href="javascript:doZoom(12)">小</a>】【<a href="javascript:window.print()">打印</a>】'
           '【<a href="javascript:window.close()">关闭</a>】</div>')


def fmt(d, f):
    """strftime with non-padded %-m / %-d / %-H support (deterministic)."""
    f = f.replace("%-m", str(d.month)).replace("%-d", str(d.day))
    if isinstance(d, dt.datetime):
        f = f.replace("%-H", str(d.hour))
    return d.strftime(f)


def related(anchor, n, f, start=0, days=(1, 2, 4, 6, 9, 13, 17, 25)):
    out = []
    for i in range(n):
        d = anchor - dt.timedelta(days=days[i % len(days)], hours=3 * i)
        out.append((HEADLINES[(start + i * 7) % len(HEADLINES)], fmt(d, f)))
    return out


def hot(anchor, n, start=0, f="%m-%d"):
    out = []
    for i in range(n):
        d = anchor + dt.timedelta(days=2 + i)
        out.append((HOT[(start + i * 5) % len(HOT)], fmt(d, f)))
    return out


def comments(anchor, n, f, start=0):
    out = []
    for i in range(n):
        d = anchor + dt.timedelta(days=1 + 3 * i, hours=2 + 5 * i, minutes=7 + 13 * i)
        out.append((USERS[(start + i) % len(USERS)], fmt(d, f), COMMENT_TEXT[(start + 3 * i) % len(COMMENT_TEXT)]))
    return out


def paras(ps):
    return "\n".join("<p>%s</p>" % p if not p.startswith("<") else p for p in ps)


def lis(items, tpl):
    return "\n".join(tpl.format(t=t, d=d, i=i + 1) for i, (t, d) in enumerate(items))


def head(title, site_name, charset_meta=True, extra="", mobile=False, kw=""):
    h = ['<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">']
    if mobile:
        h.append('<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no">')
    h.append('<title>%s_%s</title>' % (title, site_name))
    if kw:
        h.append('<meta name="keywords" content="%s">' % kw)
    h.append('<meta name="description" content="%s">' % title)
    if extra:
        h.append(extra)
    h.append('<link rel="stylesheet" href="/static/css/style.css">')
    h.append('</head>')
    return "\n".join(h)


# ---------------------------------------------------------------- layouts

def L_gov(s):
    a = s["anchor"]
    f = s.get("rel_fmt", "%Y-%m-%d")
    rel = related(a, 6, f, s["n"])
    side = hot(a, 6, s["n"], s.get("hot_fmt", "%m-%d"))
    copy = s.get("copyright", "版权所有：%s &copy;2003-2024 &nbsp; 主办单位：%s" % (s["org"], s["org"]))
    return "\n".join([
        head(s["title"], s["org"], extra=s.get("head_extra", "")),
        '<body>',
        '<div class="top-bar"><span>欢迎访问%s门户网站</span><a href="/wza/">无障碍</a> | <a href="/en/">English</a> | <a href="/">长者模式</a></div>' % s["org"],
        '<div class="banner"><img src="/images/banner_gov.png" alt="%s"></div>' % s["org"],
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>'
        '<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进%s</a></li><li><a href="/ztzl/">专题专栏</a></li></ul></div>' % s.get("short", "本市"),
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">%s</a> &gt; <a href="./">%s</a></div>' % s.get("crumb", ("政务公开", "通知公告")),
        '<div class="main clearfix"><div class="content-left">',
        '<div class="xxgk-table">' + s.get("gov_table", "") + '</div>',
        '<div class="article-title"><h1>%s</h1></div>' % s["title"],
        s.get("stamp", ""),
        '<div class="TRS_Editor" id="zoom">',
        paras(s["body"]),
        '</div>',
        s.get("attach", '<div class="fj">附件：<a href="./P020190306123456.pdf">相关附件.pdf</a></div>'),
        '<div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a></div>',
        '<div class="xgxx"><h3>相关链接</h3><ul>',
        lis(rel, '<li><a href="./t_{i}.html">{t}</a><span>[{d}]</span></li>'),
        '</ul></div></div>',
        '<div class="content-right"><div class="box"><h3>热点关注</h3><ul>',
        lis(side, '<li><a href="/rdgz/{i}.html">{t}</a><em>{d}</em></li>'),
        '</ul></div></div></div>',
        '<div class="footer"><p>%s</p><p>网站标识码：%s &nbsp; %s &nbsp; <img src="/images/jiucuo.png" alt="政府网站找错"></p>'
        '<p>地址：%s &nbsp; 联系电话：%s</p></div>' % (copy, s.get("bsm", "3601000012"), s.get("icp", "赣ICP备05003303号"),
                                                 s.get("addr", "市府大道1号"), s.get("tel", "0791-88912345")),
        '<script src="/js/jquery.min.js"></script>', s.get("script", ""),
        '</body></html>'])


def L_dede(s):
    a = s["anchor"]
    rel = related(a, 8, s.get("rel_fmt", "%m-%d"), s["n"])
    cm = comments(a, 3, s.get("cm_fmt", "%Y-%m-%d %H:%M:%S"), s["n"])
    side = hot(a, 8, s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", ""), kw=s.get("kw", "")),
        '<body class="articleview">',
        '<div class="header_top w960 center"><span class="time">%s</span><div class="toplinks"><a href="/plus/heightsearch.php">高级搜索</a>|<a href="/data/sitemap.html">网站地图</a>|<a href="/tags.php">TAG标签</a></div></div>' % s.get("toptime", ""),
        '<div class="header"><div class="top w960 center"><div class="title"><h1><a href="/"><img src="/templets/default/images/logo.gif" alt="%s"></a></h1></div></div>' % s["sitename"],
        '<div class="module blue mT10 wrapper w963"><div id="navMenu"><ul><li><a href="/">主页</a></li>' + "".join('<li><a href="/c%d/">%s</a></li>' % (k, x) for k, x in enumerate(s.get("navitems", ["新闻资讯", "旅游攻略", "景点大全", "美食", "留言"]))) + '</ul></div></div></div>',
        '<div class="w960 center clear mt1"><div class="pleft"><div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/news/">%s</a> &gt; </div>' % s.get("col", "新闻资讯"),
        '<div class="viewbox"><div class="title"><h2>%s</h2></div>' % s["title"],
        s.get("stamp", ""),
        '<div class="intro">%s</div>' % s.get("intro", ""),
        '<div class="content"><table width="100%%"><tr><td>%s</td></tr></table></div>' % paras(s["body"]),
        '<div class="boxoff"><strong>------分隔线----------------------------</strong></div>',
        '<div class="handle"><div class="context"><ul><li>上一篇：<a href="./%d.html">%s</a></li><li>下一篇：没有了 </li></ul></div>' % (s["n"] + 1000, HEADLINES[s["n"] % 30]),
        '<div class="actbox"><ul><li id="act-fav"><a href="/plus/stow.php">收藏</a></li><li id="act-err"><a href="/plus/erraddsave.php">挑错</a></li><li id="act-pus"><a href="/plus/recommend.php">推荐</a></li><li id="act-pnt"><a href="#" onClick="window.print();">打印</a></li></ul></div></div></div>',
        '<div class="commentbox"><h3>最新评论</h3><dl>',
        "\n".join('<dt><span class="username">%s</span> <span class="date">%s</span></dt><dd>%s</dd>' % c for c in cm),
        '</dl></div></div>',
        '<div class="pright"><div class="commend mt1"><dl class="tbox light"><dt class="light"><strong>推荐内容</strong></dt><dd class="light"><ul class="d4">',
        lis(side, '<li><a href="/news/{i}.html">{t}</a><span>{d}</span></li>'),
        '</ul></dd></dl></div>',
        '<div class="hot mt1"><dl class="tbox light"><dt class="light"><strong>最新文章</strong></dt><dd class="light"><ul class="c1 ico2">',
        lis(rel, '<li><a href="/news/a{i}.html">{t}</a> <small>{d}</small></li>'),
        '</ul></dd></dl></div></div></div>',
        '<div class="footer w960 center mt1 clear"><div class="footer_body"><p class="powered">Powered by <a href="http://www.dedecms.com" title="DedeCMS">DedeCMS</a> &copy; 2003-2024 %s </p><div class="copyright">%s</div></div></div>' % (s["sitename"], s.get("icp", "浙ICP备12345678号-1")),
        s.get("script", ""),
        '</body></html>'])


def L_phpcms(s):
    a = s["anchor"]
    rel = related(a, 6, s.get("rel_fmt", "%Y-%m-%d"), s["n"])
    side = hot(a, 8, s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body>',
        '<div class="header"><div class="logo"><a href="/"><img src="/statics/images/logo.png" alt="%s"></a></div>'
        '<div class="search"><form action="index.php" method="get"><input type="hidden" name="m" value="search"><input type="text" name="q"><input type="submit" value="搜索"></form></div></div>' % s["sitename"],
        '<div class="nav-bar"><map><a href="/">首页</a><span>|</span><a href="/list-1-1.html">%s</a><span>|</span><a href="/list-2-1.html">通知公告</a><span>|</span><a href="/list-3-1.html">政策法规</a><span>|</span><a href="/list-4-1.html">办事指南</a></map></div>' % s.get("col", "新闻动态"),
        '<div class="main"><div class="col-left"><div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="/list-1-1.html">%s</a> &gt;  正文</div>' % s.get("col", "新闻动态"),
        '<div id="Article"><h1>%s<br />' % s["title"],
        s.get("stamp", ""),
        '</h1>',
        '<div class="content">', paras(s["body"]), '</div>',
        '<div id="pages" class="text-c"></div>',
        '<p style="margin-bottom:10px"><strong>相关热词搜索：</strong><a href="/tag/1">%s</a></p>' % s.get("tag", "工作动态"),
        '<p class="f14"><strong>上一篇：</strong><a href="?id=%d">%s</a><br /><strong>下一篇：</strong><a href="?id=%d">%s</a></p>' % (s["n"] + 300, HEADLINES[(s["n"] + 2) % 30], s["n"] + 302, HEADLINES[(s["n"] + 4) % 30]),
        '</div><div class="bk10"></div><div class="box"><h5>相关阅读</h5><ul class="list lh24 f14">',
        lis(rel, '<li>·<a href="?id={i}">{t}</a><span class="rt">{d}</span></li>'),
        '</ul></div></div>',
        '<div class="col-auto"><div class="box"><h5 class="title-2">频道总排行</h5><ul class="content digg">',
        lis(side, '<li><span>{d}</span><a href="?id=9{i}">{t}</a></li>'),
        '</ul></div></div></div>',
        '<div class="footer"><p class="info">Copyright &copy; 2003-2024 %s All Rights Reserved %s</p><p>Powered by <strong><a href="http://www.phpcms.cn">PHPCMS</a></strong></p></div>' % (s["sitename"], s.get("icp", "闽ICP备10012345号")),
        '<script type="text/javascript" src="/api.php?op=count&id=%d&modelid=1"></script>' % (s["n"] + 345),
        s.get("script", ""),
        '</body></html>'])


def L_wp(s):
    a = s["anchor"]
    rel = related(a, 5, s.get("rel_fmt", "%Y年%-m月%-d日"), s["n"])
    cm = comments(a, 3, s.get("cm_fmt", "%Y年%-m月%-d日 %H:%M"), s["n"])
    months = [fmt(dt.date(a.year, a.month, 1) - dt.timedelta(days=28 * i), "%Y年%-m月") for i in range(5)]
    cm_html = []
    for i, (u, d, t) in enumerate(cm):
        cm_html.append('<li class="comment even thread-even depth-1" id="comment-%d"><article class="comment-body"><footer class="comment-meta">'
                       '<div class="comment-author vcard"><b class="fn">%s</b><span class="says">说道：</span></div>'
                       '<div class="comment-metadata"><a href="#comment-%d">%s</a></div></footer>'
                       '<div class="comment-content"><p>%s</p></div></article></li>' % (900 + i, u, 900 + i, d, t))
    return "\n".join([
        head(s["title"], s["sitename"], extra='<meta name="generator" content="WordPress 6.4.2">\n' + s.get("head_extra", "")),
        '<body class="post-template-default single single-post postid-%d single-format-standard">' % (2700 + s["n"]),
        '<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">跳至内容</a>',
        '<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/" rel="home">%s</a></p><p class="site-description">%s</p></div>' % (s["sitename"], s.get("tagline", "记录生活，分享技术")),
        '<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/">首页</a></li><li><a href="/category/tech/">技术</a></li><li><a href="/category/life/">生活</a></li><li><a href="/about/">关于</a></li><li><a href="/guestbook/">留言板</a></li></ul></nav></header>',
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">',
        '<article id="post-%d" class="post type-post status-publish format-standard hentry">' % (2700 + s["n"]),
        '<header class="entry-header"><h1 class="entry-title">%s</h1>' % s["title"],
        s.get("stamp", ""),
        '</header>',
        '<div class="entry-content">', paras(s["body"]), '</div>',
        '<footer class="entry-footer"><span class="cat-links">分类：<a href="/category/tech/" rel="category tag">%s</a></span> <span class="tags-links">标签：<a href="/tag/x/">%s</a></span></footer>' % (s.get("cat", "技术"), s.get("tag", "笔记")),
        '</article>',
        '<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/archives/%d" rel="prev">%s</a></div></div></nav>' % (2600 + s["n"], HEADLINES[(s["n"] + 5) % 30]),
        '<div id="comments" class="comments-area"><h2 class="comments-title">《%s》上有%d条评论</h2><ol class="comment-list">' % (s["title"], len(cm)),
        "\n".join(cm_html),
        '</ol></div></main></div>',
        '<aside id="secondary" class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">近期文章</h2><ul>',
        lis(rel, '<li><a href="/archives/{i}">{t}</a><span class="post-date">{d}</span></li>'),
        '</ul></section><section id="archives-2" class="widget widget_archive"><h2 class="widget-title">文章归档</h2><ul>',
        "\n".join('<li><a href="#">%s</a></li>' % m for m in months),
        '</ul></section></aside></div>',
        '<footer id="colophon" class="site-footer"><div class="site-info">&copy;2003-2024 %s &nbsp;|&nbsp; 自豪地采用<a href="https://cn.wordpress.org/">WordPress</a></div></footer></div>' % s["sitename"],
        s.get("script", ""),
        '</body></html>'])


PORTAL_VARIANTS = [
    dict(wrap="article-wrap", main="article-main", side="article-side", h1="main-title", body="article", bid="artibody",
         rel="相关新闻", hot="热点排行", cmt="网友评论", cmt_first=False,
         nav=["新闻", "财经", "体育", "娱乐", "科技", "汽车", "房产", "教育", "视频"]),
    dict(wrap="qq_conent clearfix", main="LEFT", side="RIGHT", h1="", body="content-article", bid="ArticleContent",
         rel="延伸阅读", hot="24小时热榜", cmt="热门评论", cmt_first=True,
         nav=["要闻", "视频", "图片", "军事", "体育", "NBA", "娱乐", "财经", "科技", "时尚"]),
    dict(wrap="layout-main", main="main-left", side="main-right", h1="topic", body="main-content", bid="main_content",
         rel="相关阅读", hot="排行榜", cmt="跟帖", cmt_first=False,
         nav=["资讯", "财经", "娱乐", "体育", "时尚", "汽车", "房产", "科技", "读书", "文化"]),
    dict(wrap="w1000 clearfix", main="col-1 fl", side="col-2 fr", h1="tit", body="rm_txt_con cf", bid="rwb_zw",
         rel="推荐阅读", hot="热门推荐", cmt="我要留言", cmt_first=True,
         nav=["时政", "国际", "财经", "台湾", "军事", "观点", "领导", "人事", "理论", "法治", "社会", "产经"]),
]


def L_portal(s):
    a = s["anchor"]
    v = PORTAL_VARIANTS[s.get("pv", s["n"] % 4)]
    rel = related(a, 6, s.get("rel_fmt", "%Y-%m-%d %H:%M"), s["n"])
    side = hot(a, 10, s["n"], s.get("hot_fmt", "%m-%d"))
    cm = comments(a, s.get("ncm", 3), s.get("cm_fmt", "%Y-%m-%d %H:%M"), s["n"])
    copy = s.get("copyright", "Copyright &copy; 2003-2024 %s All Rights Reserved" % s["sitename"])
    cms = "\n".join('<div class="cmt-item"><span class="cmt-user">%s</span><span class="cmt-time">%s</span><p>%s</p><span class="cmt-zan">赞(%d)</span></div>' % (u, d, t, 10 + 7 * i)
                    for i, (u, d, t) in enumerate(cm))
    cm_block = ('<div class="comment-area"><h3>%s <em>(%d人参与)</em></h3>%s</div>' % (v["cmt"], len(cm) * 37, cms)) if s.get("ncm", 3) else ""
    rel_block = '<div class="related-news"><h3>%s</h3><ul>\n%s\n</ul></div>' % (v["rel"], lis(rel, '<li><a href="/news/r{i}.shtml">{t}</a><span class="r-time">{d}</span></li>'))
    h1 = ('<h1 class="%s">%s</h1>' % (v["h1"], s["title"])) if v["h1"] else '<h1>%s</h1>' % s["title"]
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", ""), kw=s.get("kw", "")),
        '<body>',
        '<div class="top-nav"><div class="top-nav-wrap"><a href="/">%s首页</a> %s<span class="login"><a href="/passport/">登录</a></span></div></div>' % (s["sitename"], " ".join('<a href="/c%d/">%s</a>' % (k, x) for k, x in enumerate(v["nav"]))),
        '<div class="channel-header"><a class="logo" href="/"><img src="/img/logo_%s.png" alt="%s"></a><span class="channel">%s</span></div>' % (s["n"], s["sitename"], s.get("channel", "新闻中心")),
        '<div class="crumb"><a href="/">%s</a> &gt; <a href="/news/">%s</a> &gt; 正文</div>' % (s.get("crumb0", "首页"), s.get("crumb1", "国内新闻")),
        '<div class="%s"><div class="%s">' % (v["wrap"], v["main"]),
        h1,
        s.get("stamp", ""),
        '<div class="%s" id="%s">' % (v["body"], v["bid"]), paras(s["body"]),
        '<p class="article-editor">责任编辑：%s</p>' % s.get("editor", "王晓"), '</div>',
        cm_block if v["cmt_first"] else rel_block,
        rel_block if v["cmt_first"] else cm_block,
        '</div><div class="%s"><div class="side-box"><h3>%s</h3><ol class="rank-list">' % (v["side"], v["hot"]),
        lis(side, '<li><em>{i}</em><a href="/hot/{i}.shtml">{t}</a><span>{d}</span></li>'),
        '</ol></div><div class="side-ad"><img src="/ad/300x250.jpg" alt="广告"></div></div></div>',
        '<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/ad/">广告服务</a> | <a href="/jobs/">招聘信息</a> | <a href="/law/">法律声明</a></p><p>%s</p><p>%s</p></div>' % (copy, s.get("icp", "京ICP证000007号 京公网安备11000002000001号")),
        s.get("script", ""),
        '</body></html>'])


def L_oldportal(s):
    a = s["anchor"]
    rel = related(a, 6, s.get("rel_fmt", "%m月%d日 %H:%M"), s["n"])
    side = hot(a, 8, s["n"])
    return "\n".join([
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>%s-搜狐新闻</title>' % s["title"],
        '<meta name="keywords" content="%s">' % s["title"], s.get("head_extra", ""), '</head>',
        '<body bgcolor="#ffffff" topmargin="0" leftmargin="0">',
        '<table width="760" border="0" cellspacing="0" cellpadding="0" align="center"><tr><td height="22" class="ui_top"><a href="http://www.%s/">%s首页</a> - <a href="/">新闻</a> - <a href="/">体育</a> - <a href="/">娱乐</a> - <a href="/">财经</a> - <a href="/">IT</a> - <a href="/">汽车</a> - <a href="/">房产</a> - <a href="/">女人</a> - <a href="/">短信</a> - <a href="/">邮件</a></td></tr></table>' % (s["host"], s["sitename"]),
        '<table width="760" border="0" cellspacing="0" cellpadding="0" align="center"><tr><td width="560" valign="top">',
        '<table width="100%%"><tr><td class="nav"><a href="/">新闻中心</a> &gt; <a href="/">国内新闻</a> &gt; <a href="/">%s</a></td></tr></table>' % s.get("col", "社会万象"),
        '<table width="100%%"><tr><td align="center"><h1><font size="5">%s</font></h1></td></tr>' % s["title"],
        '<tr><td align="center" class="c">%s</td></tr></table>' % s.get("stamp", ""),
        '<table width="100%%"><tr><td class="text" id="sohu_content">%s</td></tr></table>' % paras(s["body"]),
        '<table width="100%"><tr><td><b>相关链接</b></td></tr>',
        lis(rel, '<tr><td>·<a href="/n{i}.shtml">{t}</a> <font color="#999999">({d})</font></td></tr>'),
        '</table></td><td width="10"></td><td width="190" valign="top" bgcolor="#f4f4f4"><b>新闻排行</b><br>',
        lis(side, '{i}. <a href="/p{i}.shtml">{t}</a> {d}<br>'),
        '</td></tr></table>',
        '<table width="760" align="center"><tr><td align="center" class="foot"><a href="/">搜狐简介</a> - <a href="/">About SOHU</a> - <a href="/">广告服务</a> - <a href="/">客服中心</a> - <a href="/">联系方式</a> - <a href="/">保护隐私权</a><br>Copyright &copy; 2003-2024 %s.com Inc. All rights reserved. 搜狐公司 版权所有</td></tr></table>' % s["sitename"],
        '</body></html>'])


def L_finance(s):
    a = s["anchor"]
    rel = related(a, 6, s.get("rel_fmt", "%m-%d %H:%M"), s["n"])
    side = hot(a, 8, s["n"])
    cm = comments(a, s.get("ncm", 2), s.get("cm_fmt", "%Y-%m-%d %H:%M"), s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", ""), kw=s.get("kw", "基金,股票,财经")),
        '<body>',
        '<div class="hq-bar"><span>上证指数 <b class="red">3,%03d.%02d</b> +0.%02d%%</span><span>深证成指 <b class="green">10,%03d.%02d</b> -0.%02d%%</span><span>创业板指 <b class="red">2,%03d.17</b></span></div>' % (s["n"] * 13 % 1000, s["n"] % 100, s["n"] % 90, s["n"] * 7 % 1000, s["n"] % 97, s["n"] % 80, s["n"] * 11 % 1000),
        '<div class="nav"><a href="/">%s首页</a><a href="/stock/">股票</a><a href="/fund/">基金</a><a href="/bond/">债券</a><a href="/forex/">外汇</a><a href="/futures/">期货</a><a href="/bank/">银行</a><a href="/insurance/">保险</a><a href="/data/">数据中心</a></div>' % s["sitename"],
        '<div class="container"><div class="left">',
        '<div class="position">%s &gt; %s &gt; 正文</div>' % (s["sitename"], s.get("col", "要闻")),
        '<h1 class="article-title">%s</h1>' % s["title"],
        s.get("stamp", ""),
        '<div class="article-content">', paras(s["body"]), '</div>',
        '<div class="risk-tip">风险提示：本文所提到的观点仅代表个人的意见，所涉及标的不作推荐，据此买卖，风险自负。市场有风险，投资需谨慎。</div>',
        '<div class="related-stock">相关个股：<a href="/s/600%03d">某某银行</a> <a href="/s/000%03d">某某证券</a></div>' % (s["n"] * 3, s["n"] * 5),
        '<div class="xgyd"><h3>相关阅读</h3><ul>',
        lis(rel, '<li><span class="time">{d}</span><a href="/a/{i}.html">{t}</a></li>'),
        '</ul></div>',
        ('<div class="gb"><h3>股吧热议</h3>%s</div>' % "".join('<div class="gb-item"><b>%s</b> 发表于 %s<p>%s</p></div>' % c for c in cm)) if cm else "",
        '</div><div class="right"><div class="mod"><h3>24小时热文</h3><ul>',
        lis(side, '<li><a href="/h/{i}.html">{t}</a><i>{d}</i></li>'),
        '</ul></div><div class="mod"><h3>扫码下载APP</h3><img src="/qr.png" alt=""></div></div></div>',
        '<div class="footer">%s &nbsp; 违法和不良信息举报电话：400-000-0000 <br>&copy;2003-2024 %s 版权所有 &nbsp; %s</div>' % (s.get("foot_extra", ""), s["sitename"], s.get("icp", "沪ICP备05019999号")),
        s.get("script", ""),
        '</body></html>'])


def L_hospital(s):
    a = s["anchor"]
    rel = related(a, 6, s.get("rel_fmt", "%Y-%m-%d"), s["n"])
    side = hot(a, 6, s["n"], s.get("hot_fmt", "%m-%d"))
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body>',
        '<div class="head"><div class="wrap"><a class="logo" href="/"><img src="/uploads/logo.png" alt="%s"></a><div class="tel">预约挂号：%s</div></div></div>' % (s["sitename"], s.get("tel", "0755-25533018")),
        '<div class="menu"><ul><li><a href="/">网站首页</a></li><li><a href="/yygk/">医院概况</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/ksdh/">科室导航</a></li><li><a href="/zjjs/">专家介绍</a></li><li><a href="/jyzn/">就医指南</a></li><li><a href="/dqgz/">党群工作</a></li><li><a href="/kyjx/">科研教学</a></li></ul></div>',
        '<div class="wrap clearfix"><div class="side-l"><div class="sub-nav"><h2>%s</h2><ul><li><a href="/xwzx/yydt/">医院动态</a></li><li><a href="/xwzx/mtbd/">媒体报道</a></li><li><a href="/xwzx/jkkp/">健康科普</a></li><li><a href="/xwzx/tzgg/">通知公告</a></li></ul></div>' % s.get("col", "新闻中心"),
        '<div class="side-news"><h3>热门新闻</h3><ul>',
        lis(side, '<li><span>{d}</span><a href="/xwzx/{i}.html">{t}</a></li>'),
        '</ul></div></div><div class="side-r">',
        '<div class="loc">您现在的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">%s</a> &gt; <a href="./">%s</a></div>' % (s.get("col", "新闻中心"), s.get("col2", "医院动态")),
        '<div class="news_title"><h1>%s</h1></div>' % s["title"],
        s.get("stamp", ""),
        '<div class="news_content">', paras(s["body"]), '</div>',
        '<div class="page_nav"><p>上一篇：<a href="./%d.htm">%s</a></p><p>下一篇：<a href="./%d.htm">%s</a></p></div>' % (1600 + s["n"], HEADLINES[18], 1610 + s["n"], HEADLINES[19]),
        '<div class="xgxw"><h3>相关新闻</h3><ul>',
        lis(rel, '<li><a href="/xwzx/x{i}.html">{t}</a><span>{d}</span></li>'),
        '</ul></div></div></div>',
        '<div class="foot"><p>%s &nbsp; 地址：%s &nbsp; 邮编：%s</p><p>&copy;2003-2024 %s 版权所有 &nbsp; %s</p><p>本网站信息仅供参考，不能作为诊断及医疗的依据</p></div>' % (s["sitename"], s.get("addr", "东门北路1017号"), s.get("zip", "518020"), s["sitename"], s.get("icp", "粤ICP备05067895号")),
        s.get("script", ""),
        '</body></html>'])


def L_wechat(s):
    a = s["anchor"]
    cm = comments(a, 4, s.get("cm_fmt", "%m月%d日"), s["n"])
    rel = related(a, 4, s.get("rel_fmt", "%Y-%m-%d"), s["n"])
    cms = "\n".join('<li class="discuss_item"><div class="user_info"><strong class="nickname">%s</strong><span class="discuss_time">%s</span></div><div class="discuss_message">%s</div><span class="praise_num">%d</span></li>' % (u, d, t, 30 + 11 * i)
                    for i, (u, d, t) in enumerate(cm))
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", ""), mobile=True),
        '<body id="activity-detail" class="zh_CN mm_appmsg not_in_mm">',
        '<div class="top-nav"><a href="/">%s</a> <a href="/hot">热榜</a> <a href="/author">作者</a> <a href="/app">下载APP</a></div>' % s["sitename"],
        '<div id="js_article" class="rich_media"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">',
        '<h1 class="rich_media_title" id="activity-name">%s</h1>' % s["title"],
        '<div id="meta_content" class="rich_media_meta_list">%s</div>' % s.get("stamp", ""),
        '<div class="rich_media_content" id="js_content">', paras(s["body"]), '</div>',
        '<div class="rich_media_tool"><span>阅读 %s</span> <span>在看 %d</span></div>' % (s.get("reads", "10万+"), 200 + s["n"]),
        '<div class="more-reading"><h3>往期推荐</h3><ul>',
        lis(rel, '<li><a href="/s/r{i}">{t}</a><span>{d}</span></li>'),
        '</ul></div>',
        '<div class="discuss_container"><h3>精选留言</h3><ul class="discuss_list">', cms, '</ul></div>',
        '</div></div></div>',
        '<div class="foot">&copy;2003-2024 %s 版权所有 | 本文为作者原创，转载请联系授权</div>' % s["sitename"],
        '<script>', s.get("script", "var msg_title = \"%s\";" % s["title"]), '</script>',
        '</body></html>'])


def L_mobile(s):
    a = s["anchor"]
    rel = s.get("rel") or related(a, 5, s.get("rel_fmt", "%m-%d"), s["n"])
    cm = s.get("cm") or comments(a, 3, s.get("cm_fmt", "%m-%d %H:%M"), s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", ""), mobile=True),
        '<body class="m-body">',
        '<header class="m-header"><a class="m-back" href="javascript:history.back()">&lt;</a><a class="m-logo" href="/">%s</a><a class="m-open-app" href="/app">打开APP</a></header>' % s["sitename"],
        '<nav class="m-channel"><a href="/">推荐</a><a href="/hot">热点</a><a href="/local">本地</a><a href="/video">视频</a><a href="/auto">汽车</a><a href="/tech">科技</a></nav>',
        '<article class="m-article"><h1 class="m-title">%s</h1>' % s["title"],
        '<div class="m-article-info">%s</div>' % s.get("stamp", ""),
        '<div class="m-content">', paras(s["body"]), '</div></article>',
        '<section class="m-recommend"><h2>相关推荐</h2><ul>',
        lis(rel, '<li><a href="/a/{i}"><p class="t">{t}</p><p class="meta"><span class="src">' + s["sitename"] + '</span> <span class="tm">{d}</span></p></a></li>'),
        '</ul></section>',
        '<section class="m-comment"><h2>热门评论</h2><ul>',
        "\n".join('<li><span class="nick">%s</span><span class="ctime">%s</span><p>%s</p></li>' % c for c in cm),
        '</ul></section>',
        '<footer class="m-footer"><p>&copy;2003-2024 %s</p><nav class="m-tab"><a href="/">首页</a><a href="/video">视频</a><a href="/me">我的</a></nav></footer>' % s["sitename"],
        '<script>', s.get("script", ""), '</script>',
        '</body></html>'])


def L_foreign(s):
    a = s["anchor"]
    rel = related(a, 5, s.get("rel_fmt", "%Y年%-m月%-d日"), s["n"])
    side = hot(a, 6, s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body class="lang-zh-hans">',
        '<header class="site-head"><a class="brand" href="/">%s</a><nav class="sections"><a href="/china">中国</a><a href="/world">国际</a><a href="/business">财经</a><a href="/opinion">评论</a><a href="/culture">文化</a><a href="/zh-hant/">繁體</a></nav></header>' % s["sitename"],
        '<main class="story"><div class="story-kicker">%s</div><h1 class="story-headline">%s</h1>' % (s.get("kicker", "中国"), s["title"]),
        s.get("stamp", ""),
        '<div class="story-body">', paras(s["body"]), '</div>',
        '<aside class="story-related"><h2>相关报道</h2><ul>',
        lis(rel, '<li><a href="/story/{i}">{t}</a><time>{d}</time></li>'),
        '</ul></aside></main>',
        '<aside class="most-read"><h2>热门阅读</h2><ol>',
        lis(side, '<li><a href="/hot/{i}">{t}</a> <span>{d}</span></li>'),
        '</ol></aside>',
        '<footer class="site-foot"><p>&copy;2003-2024 %s。版权所有，未经授权不得转载。</p><p><a href="/privacy">隐私政策</a> | <a href="/terms">使用条款</a></p></footer>' % s["sitename"],
        s.get("script", ""),
        '</body></html>'])


def L_paper(s):
    a = s["anchor"]
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body><div class="paper-top"><a href="/">%s数字报</a> <a href="/index.htm">首页</a> <a href="/past.htm">往期回顾</a> <a href="/search">检索</a></div>' % s["sitename"],
        '<div class="paper-bar">%s</div>' % s.get("stamp", ""),
        '<div class="layout"><div class="l-nav"><h3>版面导航</h3><ul>' + "".join('<li><a href="/node_%d.htm">第0%d版：%s</a></li>' % (i, i, x) for i, x in enumerate(["要闻", "要闻", "要闻", "要闻", "评论", "经济", "国际", "文化"], 1)) + '</ul></div>',
        '<div class="article"><h3 class="yt">%s</h3><h1>%s</h1><p class="author">%s</p>' % (s.get("yt", ""), s["title"], s.get("author", "")),
        '<div class="article-text" id="ozoom">', paras(s["body"]), '</div></div>',
        '<div class="r-list"><h3>本版新闻</h3><ul>' + "".join('<li><a href="/c_%d.htm">%s</a></li>' % (i, HEADLINES[(i * 3 + s["n"]) % 30]) for i in range(6)) + '</ul></div></div>',
        '<div class="foot">&copy;2003-2024 %s 版权所有 &nbsp; 未经书面授权禁止使用</div>' % s["sitename"],
        '</body></html>'])


def L_blog(s):
    a = s["anchor"]
    cm = comments(a, 3, s.get("cm_fmt", "%Y.%m.%d %H:%M"), s["n"])
    rel = related(a, 5, s.get("rel_fmt", "%Y.%m.%d"), s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body><nav class="navbar"><a class="logo" href="/">%s</a><a href="/">首页</a><a href="/techareas">下载App</a><a href="/bookmarks">会员</a><a href="/sign_in">登录</a><a class="btn" href="/writer">写文章</a></nav>' % s["sitename"],
        '<div class="post"><article><h1 class="title">%s</h1>' % s["title"],
        '<div class="author"><a class="avatar" href="/u/3f9a"><img src="/avatar.png" alt=""></a><div class="info"><span class="name"><a href="/u/3f9a">%s</a></span><div class="meta">%s</div></div></div>' % (s.get("author", "林间小路"), s.get("stamp", "")),
        '<div class="show-content">', paras(s["body"]), '</div></article>',
        '<div class="comment-list"><h3>全部评论 %d</h3>' % len(cm),
        "\n".join('<div class="comment"><span class="nick">%s</span><div class="meta"><span>%d楼 · %s</span></div><p>%s</p></div>' % (u, i + 2, d, t) for i, (u, d, t) in enumerate(cm)),
        '</div><div class="recommend"><h3>推荐阅读</h3><ul>',
        lis(rel, '<li><a href="/p/{i}">{t}</a><span class="time">{d}</span></li>'),
        '</ul></div></div>',
        '<footer>&copy;2003-2024 %s / 沪ICP备11018329号-5</footer>' % s["sitename"],
        s.get("script", ""),
        '</body></html>'])


def L_xinhua(s):
    a = s["anchor"]
    rel = related(a, 5, s.get("rel_fmt", "%Y-%m-%d"), s["n"])
    side = hot(a, 8, s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body><div class="nav-top"><div class="logo"><a href="/"><img src="/static/logo.png" alt="%s"></a></div><ul class="nav"><li><a href="/">首页</a></li><li><a href="/politics/">时政</a></li><li><a href="/local/">地方</a></li><li><a href="/legal/">法治</a></li><li><a href="/world/">国际</a></li><li><a href="/mil/">军事</a></li><li><a href="/tech/">科技</a></li><li><a href="/fortune/">财经</a></li></ul></div>' % s["sitename"],
        '<div class="header domPC"><div class="header-cont clearfix">' + s.get("stamp", "") + '</div>',
        '<div class="head-line clearfix"><h1><span class="title">%s</span></h1><div class="pageShare"><span>分享到：</span><a class="wx"></a><a class="wb"></a></div></div></div>' % s["title"],
        '<div class="main clearfix"><div class="main-left left"><div id="detail"><span id="detailContent">', paras(s["body"]), '</span></div>',
        '<div id="articleEdit"><span class="tiyi1"><a href="javascript:void(0);" class="advise">【纠错】</a></span><span class="editor">【责任编辑:%s】</span></div>' % s.get("editor", "张京品"),
        '<div class="relatedNews"><h3>相关新闻</h3><ul>', lis(rel, '<li><a href="/c_{i}.htm">{t}</a> <span>{d}</span></li>'), '</ul></div></div>',
        '<div class="main-right right"><div class="columBox"><h3>热点推荐</h3><ul>', lis(side, '<li><a href="/h_{i}.htm">{t}</a><i>{d}</i></li>'), '</ul></div></div></div>',
        '<div class="foot"><p>Copyright &copy; 2003-2024 %s All Rights Reserved.</p><p>制作单位：%s 版权所有</p></div>' % (s["host"], s["sitename"]),
        '</body></html>'])


def L_empire(s):
    a = s["anchor"]
    rel = related(a, 6, s.get("rel_fmt", "%Y-%m-%d"), s["n"])
    side = hot(a, 8, s["n"])
    cm = comments(a, 2, s.get("cm_fmt", "%Y-%m-%d %H:%M:%S"), s["n"])
    return "\n".join([
        head(s["title"], s["sitename"], extra=s.get("head_extra", "")),
        '<body><div class="top"><a href="/">%s</a> <span class="toplink"><a href="/e/member/login/">登录</a> | <a href="/e/member/register/">注册</a></span></div>' % s["sitename"],
        '<div class="nav_color"><a href="/">首页</a>' + "".join('<a href="/%s/">%s</a>' % x for x in [("news", "新闻中心"), ("jiaoyu", "教育"), ("kaoshi", "考试"), ("zhaosheng", "招生"), ("ziliao", "资料下载")]) + '</div>',
        '<table width="100%%" class="position"><tr><td>现在的位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/news/">%s</a></td></tr></table>' % s.get("col", "新闻中心"),
        '<table width="100%%" class="box"><tr><td class="main"><h1 class="title_text">%s</h1>' % s["title"],
        '<div class="title_info">%s</div>' % s.get("stamp", ""),
        '<div id="text">', paras(s["body"]), '</div>',
        '<div class="info_text">上一篇：<a href="/news/%d.html">%s</a><br>下一篇：<a href="/news/%d.html">%s</a></div>' % (80 + s["n"], HEADLINES[4], 90 + s["n"], HEADLINES[16]),
        '<div class="xg"><h3>相关信息</h3><ul>', lis(rel, '<li><a href="/news/x{i}.html">{t}</a><span>{d}</span></li>'), '</ul></div>',
        '<div class="pl"><h3>网友评论</h3>' + "".join('<div class="pl_item"><b>%s</b> 于 %s 发表<p>%s</p></div>' % c for c in cm) + '</div>',
        '</td><td class="sidebar"><h3>点击排行</h3><ul>', lis(side, '<li><a href="/news/h{i}.html">{t}</a><span>{d}</span></li>'), '</ul></td></tr></table>',
        '<div class="copyright">Powered by <a href="http://www.phome.net">EmpireCMS</a> &copy; 2003-2024 %s %s</div>' % (s["sitename"], s.get("icp", "豫ICP备10012233号")),
        '</body></html>'])


LAYOUTS = dict(gov=L_gov, dede=L_dede, phpcms=L_phpcms, wp=L_wp, portal=L_portal, oldportal=L_oldportal,
               finance=L_finance, hospital=L_hospital, wechat=L_wechat, mobile=L_mobile, foreign=L_foreign,
               paper=L_paper, blog=L_blog, xinhua=L_xinhua, empire=L_empire)


def D(*a):
    return dt.datetime(*a)


# ---------------------------------------------------------------- pages
# label keys: date, time, off, ev (evidence), where, note, unsure(optional), ref(optional)

P = []


def page(**kw):
    P.append(kw)


# 1 government TRS CMS, header + PubDate meta + URL
page(layout="gov", url="http://www.jxdrc-example.gov.cn/xxgk/201903/t20190306_123.html", org="江西省发展和改革委员会-example", short="发改委",
     sitename="江西省发展和改革委员会", title="关于印发《全省2019年重大项目调度工作方案》的通知",
     head_extra='<meta name="SiteName" content="江西省发展和改革委员会">\n<meta name="ColumnName" content="通知公告">\n<meta name="ArticleTitle" content="关于印发《全省2019年重大项目调度工作方案》的通知">\n<meta name="PubDate" content="2019-03-06 09:30">\n<meta name="ContentSource" content="综合处">',
     stamp='<div class="article-info"><span>发布时间：2019-03-06 09:30</span> <span>来源：综合处</span> <span>浏览次数：<script>document.write(1532)</script></span>' + TOOLBAR + '</div>',
     body=["各设区市发展改革委，省直有关单位：", "为深入贯彻落实省委、省政府关于扩大有效投资的决策部署，现将《全省2019年重大项目调度工作方案》印发给你们，请认真贯彻执行。",
           "2018年全省共安排省重点项目3200个，完成投资1.2万亿元。《江西省重大项目管理办法》自2016年10月1日起施行，各地要严格按照办法要求做好项目调度。", "江西省发展和改革委员会", "2019年3月4日"],
     anchor=D(2019, 3, 6, 9, 30),
     date="2019-03-06", time="09:30", off=None, ev="发布时间：2019-03-06 09:30", where="header",
     note="TRS gov layout; header 发布时间 with 【字体：大 中 小】 toolbar; meta PubDate same; URL t20190306; signature date 2019年3月4日 (document date) and body event dates 2018/2016-10-01 are distractors")

# 2 government TRS, date only in URL
page(layout="gov", canonical=False, url="http://www.hbsczt-example.gov.cn/zwgk/tzgg/202106/t20210615_3567891.html", org="湖北省财政厅-example", short="财政", icp="鄂ICP备05003512号", tel="027-87654321", bsm="4200000031", addr="武昌区友谊大道1号",
     sitename="湖北省财政厅", title="省财政厅关于做好2021年度部门决算公开工作的通知",
     stamp='<div class="xl-info">信息来源：省财政厅办公室 &nbsp; ' + TOOLBAR + '</div>',
     gov_table='<table class="xxgk"><tr><td>索引号：011043401/2021-01234</td><td>分类：财政预决算</td></tr><tr><td>发布机构：省财政厅</td><td>文号：鄂财预发〔2021〕15号</td></tr></table>',
     body=["各市、州、县财政局，省直各部门：", "根据《中华人民共和国预算法》及其实施条例，现就做好2020年度部门决算公开工作有关事项通知如下。",
           "一、公开时间。各部门应在批复后20日内向社会公开。二、公开内容。包括2020年度收入支出决算总表等九张报表。", "《预算法实施条例》已于2020年10月1日起施行。"],
     anchor=D(2021, 6, 15, 10, 0),
     date="2021-06-15", time=None, off=None, ev="t20210615_3567891.html", where="url",
     note="TRS gov layout; no visible stamp, date only in URL (t20210615); index number 2021-01234 and body dates 2020-10-01 / 2020年度 are distractors")

# 3 DedeCMS  时间：2020/03/05 14:20:11
page(layout="dede", url="http://www.zjlvyou-example.com/news/2020/0305/1234.html", sitename="浙江旅游资讯网", col="旅游新闻",
     title="杭州西湖景区发布春季错峰游览提示",
     stamp='<div class="info"><small>时间:</small>2020-03-05 14:20<small>来源:</small>本站原创 <small>作者:</small>admin <small>点击:</small><script src="/plus/count.php?view=yes&aid=1234&mid=1" type="text/javascript" language="javascript"></script>次</div>'.replace("2020-03-05 14:20", "2020/03/05 14:20:11").replace("<small>时间:</small>", "时间："),
     body=["为做好疫情防控期间的游客服务，西湖风景名胜区管委会日前发布春季错峰游览提示。", "西湖于2011年6月24日被列入《世界遗产名录》。景区自2002年起免费开放，2019年接待游客逾2800万人次。",
           "景区提醒游客提前预约，佩戴口罩，保持安全距离。"],
     anchor=D(2020, 3, 5, 14, 20),
     date="2020-03-05", time="14:20", off=None, ev="时间：2020/03/05 14:20:11", where="header",
     note="DedeCMS default template; div.info 时间：YYYY/MM/DD HH:MM:SS; URL /2020/0305/; body dates 2011-06-24, 2002, 2019 are distractors; 最新文章 MM-DD list, comments later")

# 4 PHPCMS  日期：2018-7-3
page(layout="phpcms", url="http://www.xmjyj-example.cn/index.php?m=content&c=index&a=show&catid=12&id=345", sitename="厦门市教育局", col="教育动态",
     title="我市召开2018年中考招生工作会议",
     stamp='<span>日期：2018-7-3 &nbsp;&nbsp;来源：市教育局 &nbsp;&nbsp;评论：<a href="#comment_iframe" id="comment">0</a> 点击：<span id="hits"></span></span>',
     body=["7月2日下午，市教育局召开2018年中考招生工作会议，部署今年普通高中招生录取工作。", "会议通报，今年全市中考报名人数为3.6万人，较2017年增加约2000人。",
           "会议要求，各校要严格执行招生政策，确保录取工作公平公正。"],
     anchor=D(2018, 7, 3, 10, 0),
     date="2018-07-03", time=None, off=None, ev="日期：2018-7-3", where="header",
     note="PHPCMS default layout; non-padded 日期：2018-7-3 inside h1; body 7月2日 (event, day before) and 2017 distractors; no date in URL")

# 5 WordPress-zh  发表于 + time.published + time.updated
page(layout="wp", url="https://blog.lanseyu-example.com/archives/2741", sitename="蓝色鱼的博客", cat="技术", tag="Linux",
     title="在树莓派上部署家庭NAS的完整记录",
     stamp='<div class="entry-meta"><span class="posted-on">发表于 <a href="https://blog.lanseyu-example.com/archives/2741" rel="bookmark"><time class="entry-date published" datetime="2021-05-28T12:40:11+08:00">2021年5月28日 12:40</time><time class="updated" datetime="2021-06-02T09:15:40+08:00">2021年6月2日</time></a></span><span class="byline"> 作者 <span class="author vcard"><a class="url fn n" href="/author/admin/">蓝色鱼</a></span></span></div>',
     body=["去年双十一买的树莓派4B一直在吃灰，这次终于把家里的NAS搭起来了。", "树莓派4B于2019年6月24日发布，这块板子是2020年11月11日下单的。",
           "<pre><code>sudo apt install samba\nsudo systemctl enable smbd</code></pre>", "（2021年6月2日补充：更换了外置硬盘盒，速度提升明显。）"],
     anchor=D(2021, 5, 28, 12, 40),
     date="2021-05-28", time="12:40", off="+08:00", ev="2021-05-28T12:40:11+08:00", where="time",
     note="WordPress theme; 发表于 + time.entry-date.published datetime with +08:00; time.updated 2021-06-02 and body 补充 date are later; comments with later dates; archive widget months")

# 6 portal (sina-like) meta article:published_time + visible date + URL
page(layout="portal", url="https://news.xinlang-example.com.cn/c/2019-09-30/doc-iicezuev6123456.shtml", sitename="新浪-example", channel="新闻中心",
     title="国庆假期首日全国铁路预计发送旅客1800万人次",
     head_extra='<meta property="og:type" content="news">\n<meta property="article:published_time" content="2019-09-30T22:46:00+08:00">\n<meta property="article:author" content="新浪网">',
     stamp='<div class="date-source"><span class="date">2019年09月30日 22:46</span> <a href="http://www.news.cn/" class="source">新华网</a></div>',
     body=["新华社北京9月30日电 记者从中国国家铁路集团有限公司获悉，10月1日全国铁路预计发送旅客1800万人次。", "2018年国庆黄金周期间，全国铁路累计发送旅客1.23亿人次。",
           "铁路部门提醒旅客合理安排出行时间。"],
     anchor=D(2019, 9, 30, 22, 46),
     date="2019-09-30", time="22:46", off="+08:00", ev="2019-09-30T22:46:00+08:00", where="meta",
     note="portal article page; meta article:published_time (+08:00), span.date 2019年09月30日 22:46, URL /2019-09-30/; body dateline 9月30日电 and 10月1日 (event), 2018 distractor")

# 7 old portal table layout, date only in URL /20050311/n224
page(layout="oldportal", canonical=False, url="http://news.souhu-example.com/20050311/n224678901.shtml", host="souhu-example.com", sitename="搜狐-example", col="社会万象",
     title="北京出租车司机拾金不昧 归还乘客两万元现金",
     stamp='<font color="#666666">来源：北京晚报</font>',
     body=["　　本报讯 的哥刘师傅前天晚上在车内发现一个黑色提包，里面装有两万元现金和一部手机。", "　　刘师傅1998年开始开出租车，曾于2003年被评为“首都文明的哥”。",
           "　　经过多方联系，失主昨天上午领回了提包。"],
     anchor=D(2005, 3, 11, 8, 0),
     date="2005-03-11", time=None, off=None, ev="/20050311/n224678901.shtml", where="url",
     note="old table-layout portal page; no visible stamp, date only in URL /20050311/n224...; related list 月日 dates; body 1998/2003 distractors")

# 8 finance 来源：证券时报 作者：张三 2021-06-01 07:58
page(layout="finance", url="https://news.cnstock-example.com/news,yw-202106-4712345.htm", sitename="中国证券网-example", col="要闻",
     title="二季度以来新发基金规模逾三千亿元 权益类产品占比回升",
     stamp='<div class="bullet"><span class="source">来源：证券时报 作者：张三 2021-06-01 07:58</span><span class="comment">评论(12)</span></div>',
     body=["Wind数据显示，二季度以来截至5月31日，全市场新成立基金规模超过3000亿元。", "以某成长混合基金为例，该基金成立于2008年12月12日，2019年一季度末规模仅为8亿元，目前已超过百亿。",
           "业内人士认为，2020年以来居民资产配置向权益类转移的趋势仍在延续。"],
     anchor=D(2021, 6, 1, 7, 58),
     date="2021-06-01", time="07:58", off=None, ev="来源：证券时报 作者：张三 2021-06-01 07:58", where="header",
     note="finance layout with quote bar; byline 来源/作者/date on one line; body 2008年12月12日, 2019年一季度, 5月31日 distractors; 股吧 comments later")

# 9 finance  2023-04-18 15:32 来源：新华网
page(layout="finance", url="https://www.jrj-example.com.cn/article/a4926001.html", sitename="金融界-example", col="宏观",
     title="一季度国内生产总值同比增长4.5% 经济运行开局良好",
     stamp='<p class="info">2023-04-18 15:32 来源：新华网 <a class="share">分享</a></p>',
     body=["国家统计局4月18日发布数据，初步核算，一季度国内生产总值284997亿元，按不变价格计算，同比增长4.5%。", "2022年四季度GDP同比增长2.9%。", "专家表示，随着政策效应持续显现，二季度经济有望进一步回升。"],
     anchor=D(2023, 4, 18, 15, 32),
     date="2023-04-18", time="15:32", off=None, ev="2023-04-18 15:32 来源：新华网", where="header",
     note="finance layout; p.info 'YYYY-MM-DD HH:MM 来源：新华网'; body 4月18日 (same day event), 2022年四季度 distractor")

# 10 hospital  发布日期：2022年02月11日
page(layout="hospital", url="https://www.szrmyy-example.com/news/show-1182.html", sitename="深圳市人民医院-example", col2="医院动态",
     title="我院心血管内科成功开展首例左心耳封堵术",
     stamp='<div class="news_info">发布日期：2022年02月11日 &nbsp;&nbsp; 浏览次数：1234 &nbsp;&nbsp; 来源：心血管内科</div>',
     body=["近日，我院心血管内科团队成功为一名78岁房颤患者实施左心耳封堵术。", "我院始建于1946年，心血管内科于2010年获批省级重点专科，2021年10月完成导管室升级改造。",
           "患者术后恢复良好，已于2月9日康复出院。"],
     anchor=D(2022, 2, 11, 9, 0),
     date="2022-02-11", time=None, off=None, ev="发布日期：2022年02月11日", where="header",
     note="hospital layout; div.news_info 发布日期 with 年月日; body 1946, 2010, 2021年10月, 2月9日 distractors")

# 11 hospital p.pubtime 发布时间 + 更新时间 after
page(layout="hospital", url="http://www.gzzyy-example.org.cn/xwzx/yydt/1605.htm", sitename="广州中医院-example", col2="医院动态", tel="020-81887233",
     title="我院举办第五届膏方节暨冬令进补义诊活动",
     stamp='<p class="pubtime">发布时间：2011-04-22 09:30 &nbsp; 更新时间：2011-04-25 16:02 &nbsp; 点击数：876</p>',
     body=["4月21日上午，我院在门诊大楼前广场举办第五届膏方节暨义诊活动。", "膏方节自2007年起每年举办一届，2010年活动共接待市民3000余人次。", "活动现场，二十余名专家为市民提供健康咨询。"],
     anchor=D(2011, 4, 22, 9, 30),
     date="2011-04-22", time="09:30", off=None, ev="发布时间：2011-04-22 09:30", where="header",
     note="hospital layout; p.pubtime 发布时间 followed by 更新时间 (later, not label); body 4月21日 event, 2007/2010 distractors")

# 12 WeChat-like: em#publish_time + var ct
page(layout="wechat", url="https://mp.weixin-example.qq.com/s/Xk3r9PqLm2ZtYwA7bC1dEf", sitename="微信公众平台-example",
     title="这5种“健康食品”，其实是糖分刺客",
     stamp='<span class="rich_media_meta rich_media_meta_text">原创</span> <span class="rich_media_meta rich_media_meta_text">营养师小周</span> <span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">健康生活指南</a></span> <em id="publish_time" class="rich_media_meta rich_media_meta_text">2020-08-17 21:05</em>',
     body=["很多人以为喝果汁、吃燕麦片就是健康饮食，其实不然。", "《中国居民膳食指南（2016）》建议每天添加糖摄入不超过50克，最好控制在25克以下。",
           "世界卫生组织早在2015年3月4日就发布了相关指南。"],
     script='var ct = "1597669500";\nvar publish_time = "2020-08-17" || "";\nvar msg_title = "这5种“健康食品”，其实是糖分刺客";',
     anchor=D(2020, 8, 17, 21, 5),
     date="2020-08-17", time="21:05", off="+08:00", ev="2020-08-17 21:05", where="header",
     note="WeChat-style 自媒体 page; em#publish_time visible; script var ct = 1597669500 (unix s = 2020-08-17 21:05 +08:00); body 2016/2015-03-04 distractors; 精选留言 with later 月日 dates")

# 13 toutiao-like: unix seconds only
page(layout="wechat", url="https://www.toutiao-example.com/article/7147713345678901234/", sitename="今日头条-example",
     title="中秋过后，这些地方的桂花迎来最佳观赏期",
     stamp='<span class="name">城市旅行家</span> <span class="time"></span>',
     body=["随着气温逐渐降低，杭州满觉陇、桂林等地的桂花陆续进入盛花期。", "桂林市桂花栽培历史悠久，1986年桂花被定为桂林市市花。", "专家预计，今年桂花花期将持续到10月中旬。"],
     script='var BASE_DATA = {articleInfo: {title: "中秋过后，这些地方的桂花迎来最佳观赏期", itemId: "7147713345678901234"}};\nvar publish_time = 1664157600;\nvar comments_count = 86;',
     cm_fmt="%m-%d %H:%M",
     anchor=D(2022, 9, 26, 10, 0),
     date="2022-09-26", time="10:00", off="+08:00", ev="var publish_time = 1664157600;", where="script",
     note="toutiao-style page; empty span.time, only a unix timestamp in seconds in a script var (1664157600 = 2022-09-26 02:00Z = 10:00 Asia/Shanghai); 1986 distractor; comments MM-DD later")

# 14 baijiahao-like: unix milliseconds in __INITIAL_STATE__
page(layout="wechat", url="https://www.baijia-example.com/s?id=1782612345678901234", sitename="百家号-example",
     title="冬季来临，新能源车主最关心的续航问题怎么解决",
     stamp='<span class="author-name">汽车评测老王</span> <span class="date"></span> <span class="location">发布于北京</span>',
     body=["每到冬天，不少新能源车主都会面临续航打折的问题。", "以某款2021年上市的纯电车型为例，其CLTC续航为600公里，冬季实际续航约为420公里。", "专家建议，冬季用车前可提前预热电池。"],
     script='window.__INITIAL_STATE__ = {"article":{"id":"1782612345678901234","title":"冬季来临，新能源车主最关心的续航问题怎么解决","publishTime":1700000000000,"readCount":15230,"author":{"name":"汽车评测老王"}}};',
     cm_fmt="%Y-%m-%d",
     anchor=D(2023, 11, 15, 6, 13),
     date="2023-11-15", time="06:13", off="+08:00", ev='"publishTime":1700000000000', where="script",
     note="baijiahao-style page; only a unix timestamp in milliseconds in window.__INITIAL_STATE__ (1700000000000 = 2023-11-14 22:13:20Z = 2023-11-15 06:13 Asia/Shanghai); 2021 distractor")

# 15-19 mobile pages with relative / partial stamps (reference = capture time)
REL_NOTE = "relative stamp resolved against reference 2024-10-01T12:00:00+08:00 (file mtime)"
page(layout="mobile", url="https://m.kuaibao-example.com/s/9f3c2a71b8e4", sitename="快报-example",
     title="国庆假期首日 多地景区迎来客流高峰",
     stamp='<span class="m-src">央视新闻客户端</span> <span class="m-time">3小时前</span> <span class="m-read">阅读 2.3万</span>',
     body=["10月1日，国庆假期第一天，全国多地景区迎来客流高峰。", "据文旅部门统计，2023年国庆中秋假期国内旅游出游8.26亿人次。", "多地景区实行预约制，提醒游客错峰出行。"],
     rel=[(HEADLINES[13], "1小时前"), (HEADLINES[11], "5小时前"), (HEADLINES[3], "昨天 18:30"), (HEADLINES[9], "09-28")],
     cm=[("北漂十年", "2小时前", "人山人海，还是在家好"), ("江南小雨", "1小时前", "我们这里也是")],
     anchor=D(2024, 10, 1, 9, 0),
     date="2024-10-01", time="09:00", off="+08:00", ev="3小时前", where="header", ref=REFERENCE,
     note="mobile page; '3小时前' = reference - 3h (time approximate to the hour); " + REL_NOTE + "; related list relative stamps; body 2023 distractor")

page(layout="mobile", url="https://m.yidian-example.com/article/0XyZ7c1Qp", sitename="一点资讯-example",
     title="秋季养生：这三种水果要多吃",
     stamp='<span class="m-src">健康时报</span> <span class="m-time">昨天 10:20</span>',
     body=["秋季气候干燥，适当多吃梨、柚子、石榴等水果有助于润燥。", "《黄帝内经》中就有“秋冬养阴”的说法。", "专家提醒，糖尿病患者应注意控制水果摄入量。"],
     rel=[(HEADLINES[10], "3小时前"), (HEADLINES[5], "昨天 08:15"), (HEADLINES[2], "09-27"), (HEADLINES[7], "09-25")],
     cm=[("一叶知秋", "昨天 21:02", "石榴太贵了"), ("快乐的鱼", "6小时前", "收藏了")],
     anchor=D(2024, 9, 30, 10, 20),
     date="2024-09-30", time="10:20", off=None, ev="昨天 10:20", where="header", ref=REFERENCE,
     note="mobile page; '昨天 10:20' = reference day - 1, wall time as displayed (offset null); " + REL_NOTE)

page(layout="mobile", url="https://m.sohuxw-example.com/a/8812345_115565", sitename="手机搜狐-example",
     title="国庆期间高速公路免费通行 首日车流量大增",
     stamp='<span class="m-src">交通运输部</span> <span class="m-time">今天 08:00</span>',
     body=["按照国务院有关规定，国庆假期全国收费公路继续对7座以下小型客车免收通行费。", "该政策自2012年起实施。", "交通部门提醒，返程高峰预计出现在10月6日至7日。"],
     rel=[(HEADLINES[23], "30分钟前"), (HEADLINES[11], "今天 06:40"), (HEADLINES[15], "昨天 16:05"), (HEADLINES[20], "09-29")],
     cm=[("老张说事", "2小时前", "堵在路上了"), ("网友1385", "1小时前", "收费站排队很长")],
     anchor=D(2024, 10, 1, 8, 0),
     date="2024-10-01", time="08:00", off=None, ev="今天 08:00", where="header", ref=REFERENCE,
     note="mobile page; '今天 08:00' = reference day, wall time as displayed (offset null); " + REL_NOTE + "; related list also 今天/昨天 stamps")

page(layout="mobile", url="https://m.163news-example.com/news/article/JD2K7M5Q0001899O.html", sitename="网易新闻-example",
     title="深夜发布！多家银行下调存量房贷利率",
     stamp='<span class="m-src">中国证券报</span> <span class="m-time">09-30 22:46</span>',
     body=["9月29日晚，多家国有大行发布公告，将于10月31日前统一批量调整存量房贷利率。", "此前，2023年9月25日起，各地已开展过一轮存量首套房贷利率下调。", "业内人士表示，此举将进一步减轻借款人利息负担。"],
     rel=[(HEADLINES[6], "09-30 18:12"), (HEADLINES[21], "09-29 21:30"), (HEADLINES[15], "09-28 10:05"), (HEADLINES[26], "09-27 07:45")],
     cm=[("北漂十年", "10-01 00:15", "终于等到了"), ("清风徐来", "10-01 08:33", "什么时候能到账")],
     anchor=D(2024, 9, 30, 22, 46),
     date="2024-09-30", time="22:46", off=None, ev="09-30 22:46", where="header", ref=REFERENCE,
     note="mobile page; partial stamp 'MM-DD HH:MM' without year, year taken from reference (2024); " + REL_NOTE + "; related MM-DD HH:MM stamps; body 9月29日/10月31日/2023-09-25 distractors")

page(layout="mobile", url="https://m.kuaixun-example.cn/flash/5521934", sitename="快讯-example",
     title="突发：某地发生4.1级地震 震源深度10公里",
     stamp='<span class="m-src">中国地震台网</span> <span class="m-time">刚刚</span>',
     body=["中国地震台网正式测定，某地发生4.1级地震，震源深度10公里。", "该地区上一次4级以上地震发生于2017年8月。", "目前暂无人员伤亡报告。"],
     rel=[(HEADLINES[12], "12分钟前"), (HEADLINES[24], "1小时前"), (HEADLINES[28], "今天 07:20")],
     cm=[("匿名用户", "刚刚", "震感明显"), ("江南小雨", "刚刚", "家里吊灯晃了")],
     anchor=D(2024, 10, 1, 12, 0),
     date="2024-10-01", time="12:00", off="+08:00", ev="刚刚", where="header", ref=REFERENCE,
     note="mobile flash-news page; '刚刚' = reference time (approximate); " + REL_NOTE + "; body 2017年8月 distractor")

# 20 newspaper digital edition, Chinese numerals
page(layout="paper", url="http://paper.rmrb-example.com.cn/html/content_1628456.htm", sitename="人民日报-example",
     title="让城市更有温度 让生活更有品质",
     stamp='<span class="date">二〇一五年十二月十四日 星期一</span> <span class="edition">第04版：要闻</span>',
     yt="——全国城市工作会议精神在各地引起热烈反响", author="本报记者 李明 王芳",
     body=["中央城市工作会议的召开，在各地干部群众中引起热烈反响。", "1978年，我国城镇化率仅为17.9%；到2014年底，这一数字已达到54.77%。", "大家表示，要坚持以人民为中心的发展思想，建设和谐宜居城市。"],
     anchor=D(2015, 12, 14, 5, 0),
     date="2015-12-14", time=None, off=None, ev="二〇一五年十二月十四日", where="header",
     note="newspaper digital-edition layout; issue date in Chinese numerals 二〇一五年十二月十四日 星期一; body 1978/2014 distractors; no other stamp")

# 21 dateline 新华社北京12月14日电, year from URL
page(layout="portal", canonical=False, url="http://www.dzwb-example.com.cn/2016/news_48213.html", sitename="大众网-example", crumb1="时政要闻", ncm=0,
     title="国务院常务会议部署推进“互联网+政务服务”",
     stamp='<div class="source-bar">来源：新华社 &nbsp; 编辑：刘洋</div>',
     body=["新华社北京12月14日电 国务院总理主持召开国务院常务会议，部署推进“互联网+政务服务”，使政府服务更加便民高效。", "会议指出，自2013年以来，各地持续推进简政放权。", "会议还研究了其他事项。"],
     rel_fmt="%m-%d",
     anchor=D(2016, 12, 14, 18, 0),
     date="2016-12-14", time=None, off=None, ev="新华社北京12月14日电", where="dateline",
     note="portal layout; only a dateline 新华社北京12月14日电 at the start of text; year 2016 only from URL path /2016/; related MM-DD list; body 2013 distractor")

# 22 dateline, year from header column title
page(layout="gov", url="http://www.shjw-example.gov.cn/gzdt/index_show.jsp?id=8812", org="上海市教育委员会-example", short="教委", icp="沪ICP备05012345号", tel="021-23116688", bsm="3100000064", addr="大沽路100号", sitename="上海市教育委员会",
     crumb=("新闻中心", "2017年要闻"), rel_fmt="%m-%d", attach="",
     title="本市启动中小学课后服务试点",
     stamp='<div class="column-title"><h2>2017年要闻</h2></div>',
     body=["中新网上海3月8日电 上海市教委8日宣布，本市将在16个区启动中小学课后服务试点工作。", "据介绍，上海自2014年起在部分学校试行“快乐30分”活动。", "试点学校课后服务时间一般延长至17时30分。"],
     anchor=D(2017, 3, 8, 15, 0),
     date="2017-03-08", time=None, off=None, ev="中新网上海3月8日电", where="dateline", unsure=True,
     note="gov layout; dateline 中新网上海3月8日电 with no year; year only from column header/breadcrumb '2017年要闻'; related MM-DD; body 2014 distractor; unsure: year inferred from column title")

# 23 dateline without any year on the page -> null
page(layout="portal", url="http://www.xhsxw-example.cn/content/a1208.html", sitename="湖北新闻网-example", crumb1="本地新闻", ncm=2,
     rel_fmt="%m-%d", cm_fmt="%m月%d日 %H:%M", copyright="版权所有 湖北新闻网-example 未经授权禁止复制或建立镜像", icp="鄂ICP备05008876号",
     title="武汉长江大桥完成年度体检",
     stamp='<div class="date-source"><span class="source">来源：新华社</span> <span class="editor">编辑：周敏</span></div>',
     body=["新华社武汉11月3日电 记者从有关部门获悉，武汉长江大桥日前顺利完成年度体检，各项指标正常。", "检测于10月28日开始，历时一周。", "大桥建成通车已有六十多年。"],
     anchor=D(2021, 11, 3, 18, 0),
     date=None, time=None, off=None, ev="新华社武汉11月3日电", where="none",
     note="portal layout; dateline 新华社武汉11月3日电 but no year anywhere on the page (URL, footer, lists, comments all yearless) -> date null; related MM-DD, comments 月日")

# 24 explicit UTC visible
page(layout="foreign", url="https://www.zaobao-example.sg/news/china/story20220926-884213", sitename="联合早报-example", kicker="中国",
     title="中国央行宣布下调外汇存款准备金率",
     stamp='<div class="story-meta"><span class="byline">本报讯</span> <span class="pub">发布 / 2022-09-26 10:00:00 UTC</span></div>',
     body=["中国人民银行宣布，自10月15日起，下调金融机构外汇存款准备金率2个百分点。", "这是央行继2022年4月25日之后年内第二次下调外汇存准率。", "分析人士认为，此举有助于稳定人民币汇率预期。"],
     anchor=D(2022, 9, 26, 10, 0),
     date="2022-09-26", time="10:00", off="+00:00", ev="2022-09-26 10:00:00 UTC", where="header",
     note="overseas Chinese-language outlet layout; visible stamp with explicit 'UTC'; URL story20220926 agrees; body 2022-04-25 and 10月15日 distractors")

# 25 meta ...Z only
page(layout="foreign", url="https://www.ftchinese-example.com/story/001095123", sitename="FT中文网-example", kicker="经济",
     title="全球供应链紧张局面何时缓解",
     head_extra='<meta property="og:type" content="article">\n<meta property="article:published_time" content="2021-11-08T03:15:00Z">\n<meta property="article:section" content="经济">',
     stamp='<div class="story-byline"><span class="author">英国《金融时报》 彼得·史密斯</span></div>',
     body=["自2020年春季以来，全球集装箱运价上涨了数倍。", "今年3月23日苏伊士运河堵塞事件进一步加剧了航运紧张。", "多位经济学家预计，供应链紧张局面将持续到明年下半年。"],
     anchor=D(2021, 11, 8, 3, 15),
     date="2021-11-08", time="03:15", off="+00:00", ev="2021-11-08T03:15:00Z", where="meta",
     note="overseas outlet layout; no visible stamp, only meta article:published_time with Z (UTC); body 2020/3月23日 distractors")

# 26 +0800 visible
page(layout="foreign", url="https://www.dwnews-example.com/china/60221187", sitename="多维新闻-example", kicker="中国",
     title="长三角一体化示范区发布新一批制度创新成果",
     stamp='<div class="pub">发布时间: 2020-12-01 16:45:00 +0800</div>',
     body=["长三角生态绿色一体化发展示范区执委会发布第二批制度创新成果。", "示范区于2019年11月1日正式揭牌成立。", "成果涵盖规划管理、生态保护、要素流动等方面。"],
     anchor=D(2020, 12, 1, 16, 45),
     date="2020-12-01", time="16:45", off="+08:00", ev="发布时间: 2020-12-01 16:45:00 +0800", where="header",
     note="overseas outlet layout; visible stamp with numeric offset +0800; body 2019-11-01 distractor")

# 27 北京时间
page(layout="portal", url="https://sports.qqty-example.com/a/nba-61234.html", sitename="腾讯体育-example", channel="体育", crumb1="NBA", pv=1,
     title="詹姆斯砍下35分 湖人加时险胜国王",
     stamp='<div class="a_Info"><span class="a_source">腾讯体育</span> <span class="a_time">北京时间2023年1月5日 08:00</span></div>',
     body=["湖人客场挑战国王，经过加时赛，湖人以127比120取胜。", "詹姆斯本场比赛砍下35分，这是他在2003年进入NBA后第500次得分30+。", "两队将于1月7日再度交手。"],
     anchor=D(2023, 1, 5, 8, 0),
     date="2023-01-05", time="08:00", off="+08:00", ev="北京时间2023年1月5日 08:00", where="header",
     note="sports portal layout; stamp '北京时间YYYY年M月D日 HH:MM' (explicit Beijing time = +08:00); body 2003 and 1月7日 distractors")

# 28 GMT + 最后更新
page(layout="foreign", url="https://www.bbc-zh-example.com/zhongwen/simp/world-48332211", sitename="BBC中文-example", kicker="国际",
     title="欧洲议会选举投票前夕 各党派展开最后拉票",
     stamp='<div class="byline"><span class="pub">发布时间：2019年5月20日 07:30 GMT</span> <span class="upd">最后更新：2019年5月21日 02:10 GMT</span></div>',
     body=["欧洲议会选举将于5月23日至26日举行。", "英国原定于2019年3月29日脱离欧盟，但脱欧日期已被推迟。", "上一届欧洲议会选举于2014年举行。"],
     anchor=D(2019, 5, 20, 7, 30),
     date="2019-05-20", time="07:30", off="+00:00", ev="发布时间：2019年5月20日 07:30 GMT", where="header",
     note="overseas outlet layout; 发布时间 ... GMT followed by 最后更新 ... GMT (later, not label); body 5月23日/2019-03-29/2014 distractors")

# 29 meta name=pubdate + span.time
page(layout="portal", url="https://news.fenghuang-example.com/c/7pX2aB3cD9e", sitename="凤凰网-example", crumb1="资讯",
     title="暑期档电影票房突破200亿元",
     head_extra='<meta name="pubdate" content="2017-08-22 11:05:21">\n<meta name="source" content="中国新闻网">',
     stamp='<p class="time-source"><span class="time">2017年08月22日 11:05:21</span> <span>来源：中国新闻网</span></p>',
     body=["据国家电影专资办数据，截至8月21日，2017年暑期档电影票房突破200亿元。", "2016年暑期档总票房为124亿元。", "业内人士预计，全年票房有望创历史新高。"],
     anchor=D(2017, 8, 22, 11, 5),
     date="2017-08-22", time="11:05", off=None, ev="2017年08月22日 11:05:21", where="header",
     note="portal layout; span.time visible + <meta name=pubdate> (same, naive); body 8月21日/2016 distractors")

# 30 itemprop datePublished (microdata)
page(layout="portal", url="https://www.pengpai-example.cn/newsDetail_forward_1468123", sitename="澎湃新闻-example", crumb1="时事",
     title="长江经济带生态环境保护规划发布",
     stamp='<div class="news_about" itemscope itemtype="http://schema.org/NewsArticle"><p itemprop="author">澎湃新闻记者 陈丽</p><p><span itemprop="datePublished" content="2016-05-03T09:12:00+08:00">2016-05-03 09:12</span> 来源：澎湃新闻</p></div>',
     body=["环境保护部等部门联合发布《长江经济带生态环境保护规划》。", "2014年9月，国务院印发《关于依托黄金水道推动长江经济带发展的指导意见》。", "规划提出，到2020年长江流域水质优良比例达到75%以上。"],
     anchor=D(2016, 5, 3, 9, 12),
     date="2016-05-03", time="09:12", off="+08:00", ev='itemprop="datePublished" content="2016-05-03T09:12:00+08:00"', where="meta",
     note="portal layout; microdata itemprop=datePublished content with +08:00 and visible text; body 2014年9月, 2020 (future target) distractors")

# 31 JSON-LD datePublished + dateModified
page(layout="finance", url="https://www.jiemian-example.com/article/10912345.html", sitename="界面新闻-example", col="公司",
     title="某新能源车企2月交付量同比增长超七成",
     head_extra='<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"某新能源车企2月交付量同比增长超七成","datePublished":"2024-03-11T14:03:27+08:00","dateModified":"2024-03-12T09:40:02+08:00","author":{"@type":"Person","name":"界面新闻记者"}}</script>',
     stamp='<div class="article-info"><span class="date">2024/03/11 14:03</span> <span class="author">界面新闻记者 赵磊</span></div>',
     body=["该公司公告显示，2月共交付新车3.1万辆，同比增长72%。", "公司成立于2014年，2018年9月在美国上市。", "2023年全年累计交付约16万辆。"],
     anchor=D(2024, 3, 11, 14, 3),
     date="2024-03-11", time="14:03", off="+08:00", ev='"datePublished":"2024-03-11T14:03:27+08:00"', where="jsonld",
     note="finance layout; JSON-LD datePublished (+08:00) and later dateModified 2024-03-12; visible span.date 2024/03/11 14:03; body 2014/2018年9月/2023 distractors")

# 32 JSON-LD dateModified only + visible date
page(layout="finance", url="https://www.diyicaijing-example.com/news/101481234.html", sitename="第一财经-example", col="新闻",
     title="上半年全国网上零售额同比增长3.1%",
     head_extra='<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"上半年全国网上零售额同比增长3.1%","dateModified":"2022-08-02T10:20:00+08:00","publisher":{"@type":"Organization","name":"第一财经"}}</script>',
     stamp='<div class="m-title-info"><span>2022-07-19 06:45</span> <span>来源：第一财经</span></div>',
     body=["国家统计局7月15日发布数据，上半年全国网上零售额63007亿元，同比增长3.1%。", "2021年上半年，全国网上零售额同比增长23.2%。", "分析人士认为，下半年消费有望继续恢复。"],
     anchor=D(2022, 7, 19, 6, 45),
     date="2022-07-19", time="06:45", off=None, ev="2022-07-19 06:45", where="header",
     note="finance layout; JSON-LD has only dateModified 2022-08-02 (later, not label); visible header stamp is the publication; body 7月15日/2021 distractors")

# 33 <time datetime> blog (jianshu-like)
page(layout="blog", url="https://www.jianshu-example.com/p/3f9a1c2b7d8e", sitename="简书-example", author="林间小路",
     title="读《平凡的世界》：在苦难中寻找希望",
     stamp='<time datetime="2018-10-29">2018年10月29日</time> <span class="wordage">字数 2316</span> <span class="views-count">阅读 845</span>',
     body=["第一次读《平凡的世界》是在2008年的夏天，那时我刚上高一。", "路遥于1982年开始构思这部作品，1988年5月完成全书，1991年获茅盾文学奖。", "十年后重读，感触更深。"],
     anchor=D(2018, 10, 29, 20, 0),
     date="2018-10-29", time=None, off=None, ev='<time datetime="2018-10-29">', where="time",
     note="blog layout; <time datetime> date only; body 2008/1982/1988年5月/1991 distractors; comments with later YYYY.MM.DD dates; recommend list dates")

# 34 更新时间 before 发布时间
page(layout="hospital", url="https://www.jkb-example.com.cn/healthNews/a88123.html", sitename="健康报网-example", col="健康新闻", col2="医药资讯",
     title="国家卫健委：推进紧密型县域医共体建设",
     stamp='<div class="news-time">更新时间：2023-06-30 17:20 &nbsp;|&nbsp; 发布时间：2023-06-28 09:00 &nbsp;|&nbsp; 来源：健康报</div>',
     body=["国家卫生健康委日前召开新闻发布会，介绍紧密型县域医共体建设进展。", "2019年5月起，国家在山西、浙江两省和567个县开展试点。", "到2025年底，力争紧密型县域医共体基本实现全覆盖。"],
     anchor=D(2023, 6, 28, 9, 0),
     date="2023-06-28", time="09:00", off=None, ev="发布时间：2023-06-28 09:00", where="header",
     note="health-news layout; 更新时间 shown BEFORE 发布时间 (label = first publication); body 2019年5月/2025 distractors")

# 35 WordPress permalink, date only in URL
page(layout="wp", canonical=False, url="https://news.techxun-example.com/2019/11/06/huawei-mate30-pingce.html", sitename="科技讯-example", tagline="关注前沿科技", cat="评测", tag="手机",
     title="华为Mate30 Pro深度评测：影像与续航的全面进化",
     stamp='<div class="entry-meta"><span class="byline">作者 <a href="/author/editor/">科技讯编辑部</a></span> <span class="comments-link"><a href="#comments">3条评论</a></span></div>',
     body=["华为Mate30系列于9月19日在德国慕尼黑发布，国行版于9月26日上市。", "相比2018年10月发布的Mate20 Pro，新机在影像方面有明显提升。", "综合来看，这是一款值得入手的旗舰手机。"],
     anchor=D(2019, 11, 6, 10, 0),
     date="2019-11-06", time=None, off=None, ev="/2019/11/06/", where="url",
     note="WordPress theme with date hidden; date only in permalink /2019/11/06/; comments with later dates; recent-posts widget dates; body 9月19日/9月26日/2018年10月 distractors")

# 36-41 pages with no publication date
page(layout="gov", url="http://www.whszfj-example.gov.cn/jgzn/", org="武汉市住房保障和房屋管理局-example", short="房管局", icp="鄂ICP备05007788号", tel="027-82701234", bsm="4201000027", addr="江岸区沿江大道110号", sitename="武汉市住房保障和房屋管理局",
     crumb=("走进房管", "机构职能"), attach="",
     title="主要职责",
     stamp="",
     body=["武汉市住房保障和房屋管理局是市人民政府工作部门，为正局级。", "我局前身为1983年6月成立的武汉市房地产管理局，2019年机构改革后组建为现机构。",
           "主要职责：（一）贯彻执行国家和省有关住房保障和房地产管理方面的法律法规。（二）拟订全市住房保障政策并组织实施。"],
     anchor=D(2024, 5, 10, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="gov static 机构职能 page; no publication date; only footer ©2003-2024, body 1983年6月/2019 history, related list and sidebar dates")

page(layout="hospital", url="https://www.xyfy-example.com/ksdh/xnk.html", sitename="湘雅附属医院-example", col="科室导航", col2="内科系统",
     title="心血管内科",
     stamp='<div class="ks-tags">国家临床重点专科 | 省级重点学科</div>',
     body=["心血管内科创建于1958年，是国内最早成立的心血管专科之一。", "科室2012年被评为国家临床重点专科，2016年牵头成立区域胸痛中心联盟。",
           "门诊时间：周一至周日 8:00-12:00，14:30-17:30。"],
     anchor=D(2023, 9, 1, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="hospital department intro page; no publication date; body 1958/2012/2016 history, 门诊时间 clock times, sidebar MM-DD, related list dates")

page(layout="dede", url="http://www.hdfamen-example.com/news/show.asp?id=512", sitename="恒达阀门有限公司", col="公司动态", navitems=["关于恒达", "产品中心", "公司动态", "技术支持", "联系我们"],
     title="公司顺利通过ISO9001质量管理体系复审",
     stamp='<div class="info">来源：恒达阀门 作者：行政部 点击：<script src="/count.asp?id=512"></script>次</div>',
     body=["近日，我公司顺利通过ISO9001质量管理体系认证复审。", "公司成立于2002年3月，2008年首次通过ISO9001认证。", "今后公司将继续坚持“质量第一、客户至上”的方针。"],
     cm_fmt="%Y-%m-%d %H:%M",
     anchor=D(2020, 5, 10, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="company news page (DedeCMS-like); no publication date; comments dated, 最新文章 MM-DD list, body 2002年3月/2008 distractors, footer ©2003-2024")

page(layout="finance", url="https://finance.hexin-example.com/zt/lpr/", sitename="和讯网-example", col="专题", ncm=0,
     title="LPR改革专题",
     stamp='<div class="zt-intro">贷款市场报价利率（LPR）改革专题报道</div>',
     body=["2019年8月17日，中国人民银行发布公告，决定改革完善贷款市场报价利率形成机制。", "<ul class=\"zt-list\"><li><a href=\"/a/1.html\">8月LPR报价出炉：1年期下调10个基点</a> <span>2022-08-22</span></li><li><a href=\"/a/2.html\">5年期以上LPR下调15个基点</a> <span>2022-05-20</span></li><li><a href=\"/a/3.html\">首次LPR报价公布</a> <span>2019-08-20</span></li></ul>"],
     anchor=D(2022, 8, 25, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="finance topic/archive page; no publication date of its own; list of dated headlines (2022-08-22 etc.), body event 2019年8月17日, footer ©2003-2024")

page(layout="wechat", url="https://www.sohuhao-example.com/a/5123456_120099", sitename="搜狐号-example", reads="3.2万",
     title="基金经理的一季度调仓路线图",
     stamp='<span class="rich_media_meta rich_media_meta_text">财经老白</span>',
     body=["2019年一季度，公募基金整体加仓了消费和科技板块。", "以某指数基金为例，该基金成立于2008年12月12日，累计回报超过200%。", "以上内容不构成投资建议。"],
     cm_fmt="%Y-%m-%d %H:%M",
     anchor=D(2019, 4, 25, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="自媒体 page with no visible or machine stamp; comments dated 2019-04-26..; 往期推荐 dates; body 2019年一季度/2008年12月12日 distractors")

page(layout="mobile", url="https://m.qctt-example.com/news/991234", sitename="汽车头条-example",
     title="这几款SUV油耗低空间大 适合家用",
     stamp='<span class="m-src">车评人阿杰</span>',
     body=["对于家庭用户来说，空间和油耗是选车时最关心的两个因素。", "第一款车型于2020年完成换代，第二款是2022年推出的混动版本。", "具体购车建议请以当地4S店报价为准。"],
     rel_fmt="%Y-%m-%d", cm_fmt="%Y-%m-%d %H:%M",
     anchor=D(2024, 9, 20, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="mobile page with no publication stamp; related list YYYY-MM-DD, comments dated, body 2020/2022 model years")

# 42-44 invalid metadata
page(layout="phpcms", url="http://www.cqrb-example.cn/index.php?m=content&c=index&a=show&catid=8&id=19207", sitename="重庆日报网-example", col="重庆要闻",
     title="成渝中线高铁全线开工建设",
     head_extra='<meta name="pubdate" content="0001-01-01">',
     stamp='<span>发布时间：2019-12-20 10:15 &nbsp;&nbsp;来源：重庆日报 &nbsp;&nbsp;点击：<span id="hits"></span></span>',
     body=["12月19日，成渝中线高铁项目全线开工建设。", "成渝两地之间现有的成渝高铁于2015年12月26日开通运营。", "中线高铁建成后，两地通行时间将缩短至50分钟左右。"],
     anchor=D(2019, 12, 20, 10, 15),
     date="2019-12-20", time="10:15", off=None, ev="发布时间：2019-12-20 10:15", where="header",
     note="PHPCMS layout; invalid <meta name=pubdate content=0001-01-01> (ignore); correct visible header date; body 12月19日/2015-12-26 distractors")

page(layout="dede", url="http://www.gxnews-example.com.cn/news/staticpages/a15678.html", sitename="广西新闻网-example", col="广西新闻", navitems=["广西新闻", "国内", "国际", "图片", "视频"],
     title="南宁地铁3号线全线贯通",
     head_extra='<meta name="publishdate" content="2999-01-01 00:00:00">',
     stamp='<div class="info">日期：2016-02-05 &nbsp; 来源：南宁日报 &nbsp; 作者：记者 黄海 点击：<script src="/plus/count.php?aid=15678"></script>次</div>',
     body=["2月4日，南宁轨道交通3号线最后一个区间隧道实现贯通。", "南宁地铁1号线计划于2016年6月28日开通试运营，3号线于2014年开工建设。", "3号线全长27.9公里，设车站23座。"],
     anchor=D(2016, 2, 5, 9, 0),
     date="2016-02-05", time=None, off=None, ev="日期：2016-02-05", where="header",
     note="DedeCMS-like layout; invalid future <meta name=publishdate content=2999-01-01> (ignore); visible 日期 header; body 2月4日/2016-06-28 (planned, future)/2014 distractors")

page(layout="mobile", url="https://m.dfxw-example.com/a/77812034", sitename="东方新闻-example",
     title="这些习惯正在悄悄伤害你的颈椎",
     head_extra='<meta property="article:published_time" content="2021-02-30 25:61:00">',
     stamp='<span class="m-src">健康科普</span>',
     body=["长时间低头看手机，是导致颈椎病年轻化的重要原因。", "一项2018年的调查显示，我国颈椎病患者已超过2亿人。", "专家建议每隔一小时活动一下颈部。"],
     rel_fmt="%Y-%m-%d", cm_fmt="%Y-%m-%d %H:%M",
     anchor=D(2021, 3, 2, 9, 0),
     date=None, time=None, off=None, ev="", where="none",
     note="mobile page; invalid meta article:published_time 2021-02-30 25:61:00 (impossible) and no visible stamp -> null; related list/comments dated; body 2018 distractor")

# 45 people.com.cn-like  2014年01月09日08:15  来源：
page(layout="portal", url="http://politics.renmin-example.com.cn/n/2014/0109/c1001-24071234.html", sitename="人民网-example", crumb0="人民网", crumb1="时政", channel="时政频道", pv=3,
     title="全国政法工作会议在京召开",
     stamp='<div class="box01"><div class="fl">2014年01月09日08:15&nbsp;&nbsp;来源：<a href="http://paper.people.com.cn/" target="_blank">人民网－人民日报</a></div><div class="fr">' + TOOLBAR + '</div></div>',
     body=["全国政法工作会议7日至8日在京召开。", "会议总结了2013年政法工作，部署2014年工作任务。", "会议强调，要深化司法体制改革。"],
     rel_fmt="%Y年%m月%d日%H:%M",
     anchor=D(2014, 1, 9, 8, 15),
     date="2014-01-09", time="08:15", off=None, ev="2014年01月09日08:15", where="header",
     note="people.cn-like portal; stamp '2014年01月09日08:15' (no space) with 来源 and 【字体：大 中 小】 toolbar; URL /2014/0109/ agrees; body 7日至8日, 2013/2014 distractors")

# 46 zhihu-like: only an edited stamp
page(layout="blog", url="https://zhuanlan.zhihu-example.com/p/409812345", sitename="知乎专栏-example", author="数据分析小白",
     title="用Python做时间序列预测的五个常见误区",
     stamp='<div class="ContentItem-time">编辑于 2021-09-16 08:03・IP 属地北京</div>',
     body=["很多初学者在做时间序列预测时，会直接把数据随机打乱划分训练集和测试集。", "例如用2015年1月至2019年12月的数据训练，用2020年的数据测试。", "本文总结了五个常见误区。"],
     cm_fmt="%Y-%m-%d",
     anchor=D(2021, 9, 16, 8, 3),
     date="2021-09-16", time="08:03", off=None, ev="编辑于 2021-09-16 08:03", where="header",
     note="zhihu-column-like layout; only an edited stamp 编辑于 (no 发布于) -> labelled, only updated stamp; body 2015-2020 data ranges; comments later")

# 47 xinhuanet-style split stamp (year / month/day / time in separate spans)
page(layout="xinhua", url="http://www.xinhua-example.net/politics/2021-04/29/c_1127390123.htm", host="xinhua-example.net", sitename="新华网-example",
     title="天和核心舱发射圆满成功 中国空间站在轨组装建造全面展开",
     stamp='<div class="header-time left"><span class="year"><em> 2021</em></span><span class="day"><em> 04</em>/<em>29</em></span><span class="time"> 11:32:05</span></div><div class="source">来源：新华网</div>',
     body=["新华社海南文昌4月29日电（记者 李国利 黄一宸）4月29日11时23分，搭载空间站天和核心舱的长征五号B遥二运载火箭，在我国文昌航天发射场点火升空。",
           "2011年9月29日，我国首个目标飞行器天宫一号发射成功；2016年9月15日，天宫二号空间实验室发射升空。", "按计划，我国将于2022年前后完成空间站在轨建造。"],
     anchor=D(2021, 4, 29, 11, 32),
     date="2021-04-29", time="11:32", off=None, ev='<span class="year"><em> 2021</em></span><span class="day"><em> 04</em>/<em>29</em></span><span class="time"> 11:32:05</span>', where="header",
     note="xinhuanet-style header with year, MM/DD and time split over separate spans/em; URL /2021-04/29/ agrees; dateline 4月29日电 and launch time 11时23分 same day; body 2011-09-29/2016-09-15/2022 distractors")

# 48 EmpireCMS, date only in <meta name="publishdate">
page(layout="empire", url="http://www.hnjyzx-example.com/news/88.html", sitename="河南教育资讯网-example", col="招生考试",
     title="2015年普通高校招生录取控制分数线公布",
     head_extra='<meta name="publishdate" content="2015-06-18 16:20:33">',
     stamp='作者：佚名 &nbsp;&nbsp; 来源：省招办 &nbsp;&nbsp; 浏览：<script src="/e/public/ViewClick/?classid=2&id=88&addclick=1"></script>次',
     body=["省招生办公室公布了2015年普通高校招生录取控制分数线。", "今年全省报名参加高考的考生为77.2万人，比2014年增加4.4万人。", "6月25日起考生可登录网站填报志愿。"],
     anchor=D(2015, 6, 18, 16, 20),
     date="2015-06-18", time="16:20", off=None, ev='<meta name="publishdate" content="2015-06-18 16:20:33">', where="meta",
     note="EmpireCMS default template; no visible stamp, only <meta name=publishdate> (naive); body 2014 and 6月25日 (later, future event) distractors; comments later")

# 49 JCMS gov: 成文日期 vs 发布日期 in the info table, PubDate meta, /art/YYYY/M/D/ URL
page(layout="gov", url="http://www.zjjxt-example.gov.cn/art/2020/11/20/art_1229123456_5891234.html", org="浙江省经济和信息化厅-example", short="经信", sitename="浙江省经济和信息化厅",
     icp="浙ICP备05012345号", tel="0571-87056789", bsm="3300000088", addr="杭州市省府路8号", attach="",
     head_extra='<meta name="SiteName" content="浙江省经济和信息化厅">\n<meta name="ColumnName" content="政策文件">\n<meta name="PubDate" content="2020-11-20 16:10">',
     gov_table='<table class="xxgk"><tr><td>索引号：002482160/2020-00123</td><td>主题分类：工业、交通</td></tr><tr><td>发布机构：省经信厅</td><td>成文日期：2020-11-16</td></tr><tr><td>文号：浙经信技术〔2020〕168号</td><td>发布日期：2020-11-20</td></tr></table>',
     title="浙江省经济和信息化厅关于公布2020年度省级企业技术中心名单的通知",
     stamp='<div class="article-info">' + TOOLBAR + '</div>',
     body=["各市、县（市、区）经信局：", "根据《浙江省企业技术中心认定管理办法》（浙经信技术〔2018〕126号），经企业申报、地方推荐、专家评审，现将2020年度省级企业技术中心名单予以公布。", "截至2019年底，全省累计认定省级企业技术中心1600余家。", "浙江省经济和信息化厅", "2020年11月16日"],
     anchor=D(2020, 11, 20, 16, 10),
     date="2020-11-20", time="16:10", off=None, ev='<meta name="PubDate" content="2020-11-20 16:10">', where="meta",
     note="JCMS gov layout; info table with 成文日期 2020-11-16 (document date, distractor) and 发布日期 2020-11-20; meta PubDate with time; URL /art/2020/11/20/; signature 2020年11月16日")


# ---------------------------------------------------------------- main

def host_of(url):
    h = re.sub(r"^https?://", "", url).split("/")[0].split("?")[0]
    return h[4:] if h.startswith("www.") else h


def main():
    os.makedirs(PAGES, exist_ok=True)
    hosts = set()
    with open(LABELS, "w", encoding="utf-8") as lab:
        for i, s in enumerate(P, 1):
            s["n"] = i
            pid = "w-%02d" % i
            html = LAYOUTS[s["layout"]](s)
            if s.get("canonical", True):
                html = html.replace("</head>", '<link rel="canonical" href="%s">\n</head>' % htmlmod.escape(s["url"]), 1)
            html = "\n".join(line for line in html.split("\n") if line.strip()) + "\n"
            if s["ev"]:
                assert s["ev"] in html or s["where"] == "url", (pid, s["ev"])
                if s["where"] == "url":
                    assert s["ev"] in s["url"], pid
            if s["date"] is None and s["where"] == "dateline":
                raise AssertionError(pid)
            if pid == "w-23":
                assert not re.search(r"(?<!\d)(19|20)\d\d(?!\d)", html + s["url"]), re.findall(r".{20}(?<!\d)(?:19|20)\d\d(?!\d).{5}", html)
            rel = "pages/%s.html" % pid
            with open(os.path.join(HERE, rel), "w", encoding="utf-8") as fh:
                fh.write(html)
            host = host_of(s["url"])
            hosts.add(host)
            rec = {"id": pid, "path": rel, "url": s["url"], "site": host, "date": s["date"], "time": s["time"],
                   "utc_offset": s["off"], "evidence": s["ev"], "where": s["where"], "unsure": bool(s.get("unsure", False)),
                   "note": "kinds: " + s["note"]}
            if s.get("ref"):
                rec["reference"] = s["ref"]
            lab.write(json.dumps(rec, ensure_ascii=False) + "\n")
            lab.flush()
    print("pages:", len(P), "hosts:", len(hosts))


if __name__ == "__main__":
    main()
