"""Which per-post average a column name means, in the languages creator lists are written in.

“Avg likes”, “Me gusta (prom.)”, “Moyenne des commentaires”, “Ø Likes”, “平均いいね数”,
“평균 조회수”: a word for likes, comments or views, with (for comments) a word for an average
or a count. Totals over all posts (“Total likes”, “総いいね数”) are not averages. The names
come in the simplified form `simplify_header` makes (lower case, no accents, words apart).
"""

from __future__ import annotations

_AVERAGE = frozenset(
    {"avg", "average", "mean", "prom", "promedio", "media", "medio", "moyenne", "moyennes",
     "moyen", "moyens", "durchschnitt", "durchschnittlich", "durchschnittliche", "ø"}
)  # fmt: skip
_TOTAL = frozenset({"total", "totales", "totaux", "totale", "sum", "gesamt", "insgesamt"})
_LIKES = frozenset({"like", "likes", "gusta", "curtidas", "curtida", "aime"})
_VIEWS = frozenset(
    {"view", "views", "plays", "visualizaciones", "reproducciones", "vues", "aufrufe",
     "visualizacoes"}
)  # fmt: skip
_COMMENTS = frozenset({"comment", "comments", "comentarios", "commentaires", "kommentare"})
# Japanese, Korean and Chinese write a figure's words together (“平均いいね数”): the parts are
# looked for inside the words.
_CJK_AVERAGE = ("平均", "평균")
_CJK_COUNT = ("数", "수", "量")
# “获赞” is the likes a Douyin account has been given in all: a total.
_CJK_TOTAL = ("総", "总", "累計", "累计", "총", "합계", "获赞")
_CJK_LIKES = ("いいね", "좋아요", "点赞", "高評価")
_CJK_VIEWS = ("再生", "視聴", "조회", "播放", "观看")
_CJK_COMMENTS = ("コメント", "댓글", "评论", "評論")
# A rate, a rise or a rank of a figure is not the figure: “いいね率”, “涨粉”, “순위”.
_CJK_NOT_A_FIGURE = ("率", "増", "涨", "증가", "순위", "順位", "排名", "ランキング")


def _has(words: str, parts: tuple[str, ...]) -> bool:
    return any(part in words for part in parts)


def is_total(words: str) -> bool:
    """Whether a column name says its figure is a total over all posts, not an average."""
    return bool(set(words.split()) & _TOTAL) or _has(words, _CJK_TOTAL)


def says_average(words: str) -> bool:
    """Whether a column name says its figure is an average (“Avg Likes”, “平均いいね数”)."""
    return bool(set(words.split()) & _AVERAGE) or _has(words, _CJK_AVERAGE)


def average_field(words: str) -> str | None:
    """avg_likes, avg_comments or avg_views for a name of one of them, else None.

    Comments need a word for an average or a count: “Comments” alone is notes.
    """
    if is_total(words) or _has(words, _CJK_NOT_A_FIGURE):
        return None
    parts = set(words.split())
    if parts & _LIKES or _has(words, _CJK_LIKES):
        return "avg_likes"
    if parts & _VIEWS or _has(words, _CJK_VIEWS):
        return "avg_views"
    averaged = says_average(words)
    if parts & _COMMENTS and averaged:
        return "avg_comments"
    if _has(words, _CJK_COMMENTS) and (averaged or _has(words, _CJK_COUNT)):
        return "avg_comments"
    return None


__all__ = ["average_field", "is_total", "says_average"]
