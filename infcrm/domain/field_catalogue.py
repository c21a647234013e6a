"""The field catalogue: every field of a person and of a social account, described once.

Each field's key, label, kind, limits and the column names people give it in spreadsheets
(in English, Spanish, Portuguese, French, German, Japanese, Korean and Chinese, in the
simplified form `simplify_header` makes). The form's checks, the importer's mapping and its
checks read the limits here, so the importer cannot accept a country the form would then
refuse to save.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Kinds: how a value is read. text, email, emails, phone, count, int, number, bool, date,
# stage, platform, handle, list (split on , ; | / and line breaks).
NAME_MAX = 200
TEXT_MAX = 20_000


@dataclass(frozen=True)
class FieldSpec:
    """One field: what it is called, how it is read and how long or large it may be."""

    key: str
    label: str
    kind: str
    group: str  # "person" or "account"
    max_length: int | None = None  # for text
    minimum: float | None = None  # for numbers
    maximum: float | None = None
    multiline: bool = False
    synonyms: tuple[str, ...] = ()  # simplified column names that mean this field
    # How an export writes it: a cell kind of files/export_columns ("int", "datetime", "url",
    # "email", "bool", "number"; plain text when None), under `export_header` when the
    # spreadsheet's column is called something shorter than the form's label.
    export_format: str | None = None
    export_header: str | None = None

    @property
    def column_header(self) -> str:
        """What an export calls this field's column."""
        return self.export_header or self.label

    @property
    def is_list(self) -> bool:
        """Whether several columns may feed this field (their values are joined)."""
        return self.kind in ("list", "emails")


def _f(key: str, label: str, kind: str, group: str, *synonyms: str, **limits: object) -> FieldSpec:
    return FieldSpec(key, label, kind, group, synonyms=synonyms, **limits)  # type: ignore[arg-type]


PERSON_FIELDS: tuple[FieldSpec, ...] = (
    _f("display_name", "Name", "text", "person",
       "name", "display name", "influencer", "influencer name", "creator", "creator name",
       "creator nickname", "nickname", "nick", "nick name", "influencer nickname",
       "channel name", "channel title", "title", "youtuber", "tiktoker", "instagrammer",
       "streamer", "blogger", "talent", "talent name", "kol", "kol name", "account name",
       "nombre", "nom", "nome", "name des influencers", "influencer nombre",
       "nombre del influencer", "creador", "criador", "createur", "influenciador",
       "influenciadora", "influenciadores", "influenceur", "influenceuse",
       "名前", "名称", "ニックネーム", "インフルエンサー", "インフルエンサー名", "チャンネル名",
       "이름", "닉네임", "인플루언서", "达人", "ad", "adi", "ad soyad", "isim", "isim soyisim",
       "الاسم", "اسم", "اسم المؤثر",
       "채널명", "채널 이름", "昵称", "达人昵称", "博主", "频道名称",
       max_length=NAME_MAX),
    _f("other_names", "Other names", "text", "person",
       "other names", "also known as", "aka", "alias", "aliases", "former name",
       "former names", "previous name", "otros nombres", "autres noms", "outros nomes",
       max_length=2000),
    _f("real_name", "Real name", "text", "person",
       "full name", "real name", "first and last name", "legal name", "contact name",
       "contact person", "nombre completo", "nom complet", "nome completo", "vollstandiger name",
       "first name last name", "氏名", "本名", "姓名", "성명", "실명",
       max_length=NAME_MAX),
    _f("email", "Email", "email", "person",
       "email", "email address", "mail", "contact email", "business email", "e mail",
       "email 1", "primary email", "work email", "public email", "correo", "correo electronico",
       "courriel", "adresse email", "adresse e mail", "e mail adresse", "email adresse",
       "メール", "メールアドレス", "e メール", "電子メール", "이메일", "이메일 주소", "邮箱",
       "电子邮件", "电子邮箱", "e posta", "eposta", "البريد الالكتروني", "البريد الإلكتروني",
       "البريد",
       max_length=320, export_format="email"),
    _f("other_emails", "Other emails", "emails", "person",
       "other emails", "email 2", "secondary email", "alternative email", "additional emails",
       max_length=2000),
    _f("phone", "Phone", "phone", "person",
       "phone", "phone number", "mobile", "telephone", "tel", "whatsapp", "cell", "cellphone",
       "contact number", "telefono", "telefone", "telefon", "numero", "handy", "movil",
       "celular", "contact no", "電話番号", "電話", "전화번호", "전화", "휴대폰", "电话",
       "电话号码", "手机", "手机号", "الهاتف", "رقم الهاتف", "الجوال", max_length=50),
    _f("country", "Country", "text", "person",
       "country", "location country", "region", "location", "country region", "nation",
       "country code", "market", "geo", "pais", "pays", "land", "paese", "country name",
       "国", "国名", "国 地域", "国家", "国家 地区", "地域", "국가", "나라", "ulke", "البلد",
       "الدولة",
       max_length=100),
    _f("city", "City", "text", "person",
       "city", "town", "location city", "ciudad", "ville", "stadt", "cidade", "citta",
       "都市", "市区町村", "도시", "城市", "sehir", "المدينة",
       max_length=100),
    _f("language", "Language", "text", "person",
       "language", "lang", "languages", "idioma", "langue", "sprache", "lingua", "言語",
       "언어", "语言",
       max_length=50),
    _f("niches", "Niches", "list", "person",
       "niche", "niches", "category", "categories", "topic", "topics", "vertical", "genre",
       "content category", "interests", "industry", "nicho", "categoria", "categorie",
       "kategorie", "thema", "themen", "channel category", "focus", "content focus",
       "focus area", "subniche", "sub niche", "subcategory", "nische", "nischen",
       "カテゴリー", "カテゴリ", "ジャンル", "카테고리", "분야", "장르", "分类", "类别", "类目",
       "领域", "sektor", "kategori", "الفئة", "التصنيف",
       max_length=1000),
    _f("tags", "Tags", "list", "person", "tags", "tag", "labels", "label", "etiquetas",
       "etiquettes", max_length=2000),
    _f("stage", "Stage", "stage", "person",
       "stage", "status", "pipeline stage", "outreach status", "deal stage", "estado",
       "statut", "ステータス", "状況", "進捗", "상태", "진행 상태", "진행상태", "진행 상황",
       "진행상황", "状态", "进度"),
    _f("owner", "Owner", "text", "person", "owner", "assigned to", "assignee", "responsible",
       "account manager", "manager", "encargado", "encargada", "responsable", "responsavel",
       "zustandig", "verantwortlich", "担当", "担当者", "담당자", "负责人", max_length=100),
    _f("rating", "Rating (0–5)", "int", "person", "rating", "stars", "score 0 5",
       minimum=0, maximum=5, export_format="int", export_header="Rating"),
    _f("do_not_contact", "Do not contact", "bool", "person", "do not contact", "dnc",
       "opt out", "unsubscribed", export_format="bool"),
    _f("brand_fit", "Brand fit", "text", "person", "brand fit", "fit", "why fit",
       max_length=TEXT_MAX, multiline=True),
    _f("notes", "Notes", "text", "person",
       "notes", "note", "comments", "comment", "remarks", "description", "bio", "about",
       "biography", "signature",
       "notizen", "notas", "remarques", "commentaires", "observaciones", "備考", "メモ",
       "メモ欄", "메모", "비고", "备注", "aciklama", "notlar", "ملاحظات", "الوصف",
       max_length=TEXT_MAX, multiline=True),
    _f("created_at", "Date added", "date", "person",
       "added", "date added", "created", "created at", "first contact", "date",
       export_format="datetime", export_header="Added"),
)  # fmt: skip

ACCOUNT_FIELDS: tuple[FieldSpec, ...] = (
    _f("platform", "Platform", "platform", "account",
       "platform", "network", "social network", "channel type", "social media", "plataforma",
       "plateforme", "source", "rede", "rede social", "red", "red social", "reseau",
       "reseau social", "netzwerk", "plattform", "piattaforma", "プラットフォーム", "플랫폼",
       "平台", "المنصة"),
    _f("handle", "Handle or profile link", "handle", "account",
       "handle", "username", "user name", "account", "channel", "channel info", "user",
       "unique id", "screen name", "social handle", "profile name", "usuario", "owner username",
       "nombre de usuario", "nome de usuario", "instagram username",
       "nom d utilisateur", "benutzername", "ユーザー名", "ユーザーネーム", "アカウント名",
       "アカウント", "アカウント id", "사용자 이름", "사용자명", "계정", "계정명", "아이디",
       "用户名", "账号", "帐号", "compte", "cuenta", "conta", "konto", "utilisateur",
       "nome utente", "utente", "kullanici adi", "hesap", "اسم المستخدم", "الحساب",
       export_header="Handle"),
    _f("url", "Profile link", "handle", "account",
       "profile url", "profile link", "url", "link", "profile", "channel url", "channel link",
       "link to profile", "profile links", "social link",
       "page url", "enlace", "lien", "perfil", "profil", "チャンネル url", "プロフィール url",
       "채널 url", "채널 링크", "프로필 url", "프로필 링크",
       export_format="url", export_header="Profile URL"),
    _f("followers", "Followers", "count", "account",
       "followers", "follower", "follower count", "followers count", "subscribers",
       "subscriber count", "subscribers count", "subs", "sub", "fans", "fan count", "audience size",
       "audience", "reach", "follower cnt", "seguidores", "abonnes", "abonnenten", "follower",
       "suscriptores", "inscritos", "seguidores totales", "フォロワー数", "フォロワー", "登録者数",
       "チャンネル登録者数", "チャネル登録者数", "登録者", "팔로워", "팔로워 수", "팔로워수",
       "구독자", "구독자 수", "구독자수", "粉丝数", "粉丝", "粉丝量", "订阅者", "订阅数",
       "takipci", "takipci sayisi", "abone", "abone sayisi", "المتابعين", "المتابعون",
       "عدد المتابعين", "المشتركين",
       export_format="int"),
    _f("avg_likes", "Average likes", "count", "account",
       "avg likes", "average likes", "likes", "likes avg", "likes per post", "avg like",
       "mean likes", "me gusta", "curtidas", "media likes", export_format="int",
       export_header="Avg likes"),
    _f("avg_comments", "Average comments", "count", "account",
       "avg comments", "average comments", "comments avg", "comments per post",
       "mean comments", "comentarios", "commentaires moyens", "comments count",
       "comment count", export_format="int", export_header="Avg comments"),
    _f("avg_views", "Average views", "count", "account",
       "avg views", "average views", "views", "views avg", "avg video views",
       "average video views", "views per video", "plays", "avg plays", "visualizaciones",
       "vues", "aufrufe", export_format="int", export_header="Avg views"),
    _f("posts_per_week", "Posts per week", "number", "account", "posts per week",
       minimum=0, maximum=500, export_format="number"),
    _f("authenticity", "Audience authenticity (0–100)", "int", "account",
       "authenticity", "audience authenticity", "authentic audience", minimum=0, maximum=100,
       export_format="int", export_header="Authenticity"),
    _f("audience_countries", "Audience countries", "text", "account",
       "audience countries", "audience country", "top countries", "audience location",
       max_length=200),
    _f("audience_gender", "Audience gender", "text", "account",
       "audience gender", "gender split", max_length=100),
    _f("audience_age", "Audience age", "text", "account", "audience age", "age range",
       max_length=100),
    _f("audience_notes", "Audience notes", "text", "account", "audience notes",
       max_length=TEXT_MAX, multiline=True),
)  # fmt: skip

FIELDS: tuple[FieldSpec, ...] = PERSON_FIELDS + ACCOUNT_FIELDS
FIELDS_BY_KEY: dict[str, FieldSpec] = {spec.key: spec for spec in FIELDS}


def max_length(key: str) -> int:
    """The longest text field `key` may hold (200 when the catalogue sets none)."""
    spec = FIELDS_BY_KEY.get(key)
    return (spec.max_length if spec and spec.max_length else None) or NAME_MAX


# Names written in camel case that are one word: “YouTube” must not become “you tube”.
_BRANDS = re.compile(r"\b(?:you tube|linked in|tik tok|face book|snap chat|whats app)\b")
# camelCase humps, and a period stuck to a word (“avgViews30d” → “avg views 30d”).
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=\d+d\b)")


# Japanese, Chinese and Korean letters (kana, ideographs, hangul): words written without
# spaces, so a platform glued to one (“Instagramフォロワー数”) is split off where the
# script changes.
_KANA_HANGUL = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\uac00-\ud7af"
_CJK = _KANA_HANGUL + "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SCRIPT_CHANGE = re.compile(rf"(?<=[A-Za-z])(?=[{_CJK}])|(?<=[{_CJK}])(?=[A-Za-z])")


def _without_accents(text: str) -> str:
    """Accents dropped from Latin letters only (“País” → “Pais”).

    Other scripts keep their marks: a kana's voicing mark is part of the letter (ユーザー名 is
    not ユーサー名) and hangul is recomposed. Full-width and half-width forms become plain ones.
    """
    kept: list[str] = []
    latin = False
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if not latin:
                kept.append(ch)
            continue
        latin = ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def simplify_header(header: str) -> str:
    """“followerCount”, “Follower_Count”, “likes(avg.)”, “País:” → “follower count”, …, “pais”.

    camelCase is split, accents are dropped, punctuation and line breaks become spaces and
    everything is lower case, so a column name matches however a tool or person wrote it.
    A Latin word beside Japanese, Chinese or Korean ones is a word of its own.
    """
    text = _CAMEL.sub(" ", str(header))
    text = _SCRIPT_CHANGE.sub(" ", _without_accents(text)).replace("ı", "i")  # Turkish “ı”
    words = re.findall(r"[^\W_]+", text.casefold())
    joined = " ".join(words)
    joined = _BRANDS.sub(lambda m: m[0].replace(" ", ""), joined)
    return re.sub(r"\be mail\b", "email", joined)


__all__ = [
    "ACCOUNT_FIELDS",
    "FIELDS",
    "FIELDS_BY_KEY",
    "NAME_MAX",
    "PERSON_FIELDS",
    "TEXT_MAX",
    "FieldSpec",
    "max_length",
    "simplify_header",
]
