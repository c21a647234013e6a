"""Column names as people write them in Japanese, Korean and Chinese, and in other languages."""

from __future__ import annotations

import pytest

from infcrm.files.import_mapping import suggest_field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("名前", "display_name"),
        ("名称", "display_name"),
        ("氏名", "real_name"),  # a person's full name, as “Full name”
        ("ユーザー名", "handle"),
        ("アカウント名", "handle"),
        ("フォロワー数", "followers"),
        ("フォロワー", "followers"),
        ("国", "country"),
        ("国名", "country"),
        ("メール", "email"),
        ("メールアドレス", "email"),
        ("이름", "display_name"),
        ("사용자 이름", "handle"),
        ("계정", "handle"),
        ("팔로워 수", "followers"),
        ("팔로워", "followers"),
        ("국가", "country"),
        ("이메일", "email"),
        ("粉丝数", "followers"),
        ("粉丝", "followers"),
        ("用户名", "handle"),
        ("国家", "country"),
        # Japanese and Korean lists' category, notes, status, phone, city and language.
        ("カテゴリー", "niches"),
        ("カテゴリ", "niches"),
        ("ジャンル", "niches"),
        ("카테고리", "niches"),
        ("분야", "niches"),
        ("分类", "niches"),
        ("備考", "notes"),
        ("メモ", "notes"),
        ("메모", "notes"),
        ("비고", "notes"),
        ("备注", "notes"),
        ("ステータス", "stage"),
        ("상태", "stage"),
        ("状态", "stage"),
        ("電話番号", "phone"),
        ("전화번호", "phone"),
        ("电话", "phone"),
        ("都市", "city"),
        ("도시", "city"),
        ("城市", "city"),
        ("言語", "language"),
        ("언어", "language"),
        ("语言", "language"),
        ("채널 이름", "display_name"),
        ("チャンネルURL", "url"),
        ("채널 URL", "url"),
        ("フォロー数", "ignore"),  # how many they follow, not their followers
        ("关注数", "ignore"),  # Chinese: how many they follow
    ],
)
def test_japanese_korean_and_chinese_column_names_suggest_their_field(
    header: str, field: str
) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Instagramフォロワー数", "instagram_followers"),
        ("TikTok粉丝数", "tiktok_followers"),
        ("YouTube登録者数", "youtube_followers"),
        ("YouTube 구독자 수", "youtube_followers"),
        ("Instagram 팔로워", "instagram_followers"),
        ("Instagramユーザー名", "instagram_handle"),
        ("TikTokアカウント", "tiktok_handle"),
    ],
)
def test_a_platform_glued_to_the_word_is_that_platform_s_field(header: str, field: str) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Compte TikTok", "tiktok_handle"),
        ("Compte Instagram", "instagram_handle"),
        ("Cuenta de Instagram", "instagram_handle"),
        ("Usuario de TikTok", "tiktok_handle"),
        ("Instagram-Konto", "instagram_handle"),
        ("TikTok-Account", "tiktok_handle"),
        ("Conta do Instagram", "instagram_handle"),
        ("Perfil de Instagram", "instagram_handle"),
        ("Nom d'utilisateur Instagram", "instagram_handle"),
        ("Account Instagram", "instagram_handle"),
        ("Nome utente Instagram", "instagram_handle"),
        ("Seguidores de Instagram", "instagram_followers"),
    ],
)
def test_a_platform_s_handle_column_named_in_another_language_is_its_handle(
    header: str, field: str
) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Me gusta (prom.)", "avg_likes"),
        ("Promedio de me gusta", "avg_likes"),
        ("Comentarios promedio", "avg_comments"),
        ("Promedio de comentarios", "avg_comments"),
        ("Moyenne de likes", "avg_likes"),
        ("Likes moyens", "avg_likes"),
        ("Moyenne des commentaires", "avg_comments"),
        ("Durchschnittliche Likes", "avg_likes"),
        ("Durchschnittliche Kommentare", "avg_comments"),
        ("Ø Likes", "avg_likes"),
        ("Ø Kommentare", "avg_comments"),
        ("Média de curtidas", "avg_likes"),
        ("Média de comentários", "avg_comments"),
        ("Avg. Likes", "avg_likes"),
        ("Likes (avg)", "avg_likes"),
        ("Visualizaciones promedio", "avg_views"),
        ("Vues moyennes", "avg_views"),
        ("平均いいね数", "avg_likes"),
        ("いいね数", "avg_likes"),
        ("平均コメント数", "avg_comments"),
        ("平均再生回数", "avg_views"),
        ("평균 좋아요", "avg_likes"),
        ("평균 댓글 수", "avg_comments"),
        ("평균 조회수", "avg_views"),
        ("平均点赞数", "avg_likes"),
        ("平均评论数", "avg_comments"),
        ("平均播放量", "avg_views"),
        # Totals over all posts are not averages.
        ("Total de me gusta", "ignore"),
        ("Me gusta totales", "ignore"),
        ("総いいね数", "ignore"),
        ("총 좋아요", "ignore"),
        ("总点赞数", "ignore"),
        ("获赞数", "ignore"),
        ("いいね率", "ignore"),  # a rate, not a count
    ],
)
def test_average_counts_named_in_other_languages_are_those_averages(
    header: str, field: str
) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("インスタフォロワー数", "instagram_followers"),
        ("インスタグラムのフォロワー数", "instagram_followers"),
        ("インスタID", "instagram_handle"),
        ("YouTubeチャネル登録者数", "youtube_followers"),
        ("ユーチューブ登録者数", "youtube_followers"),
        ("인스타그램 팔로워", "instagram_followers"),
        ("유튜브 구독자 수", "youtube_followers"),
        ("틱톡 계정", "tiktok_handle"),
        ("抖音号", "tiktok_handle"),
        ("抖音粉丝数", "tiktok_followers"),
    ],
)
def test_a_platform_written_in_japanese_korean_or_chinese_is_that_platform(
    header: str, field: str
) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    "header",
    ["URL externe", "externalUrl", "External URL", "Site web", "Sitio web", "Webseite",
     "Homepage", "Link in bio", "ウェブサイト", "ホームページ", "웹사이트", "홈페이지", "网站"],
)  # fmt: skip
def test_a_website_column_in_any_language_is_the_blog_or_other_account(header: str) -> None:
    assert suggest_field(header) == "other_handle"


@pytest.mark.parametrize(
    "header",
    ["Encargada", "Encargado", "Responsable", "Responsável", "Zuständig", "Verantwortlich",
     "担当", "担当者", "담당자", "负责人"],
)  # fmt: skip
def test_who_on_the_team_looks_after_someone_is_the_owner(header: str) -> None:
    assert suggest_field(header) == "owner"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("influenciador", "display_name"),
        ("Influenciadora", "display_name"),
        ("Influenceur", "display_name"),
        ("インフルエンサー", "display_name"),
        ("인플루언서", "display_name"),
        ("达人", "display_name"),
        ("rede", "platform"),
        ("Rede social", "platform"),
        ("Red social", "platform"),
        ("Red", "platform"),
        ("Réseau", "platform"),
        ("Réseau social", "platform"),
        ("Netzwerk", "platform"),
        ("Plattform", "platform"),
        ("Piattaforma", "platform"),
        ("プラットフォーム", "platform"),
        ("플랫폼", "platform"),
        ("平台", "platform"),
    ],
)
def test_the_person_and_the_network_named_in_other_languages(header: str, field: str) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        # Turkish, with its dotless “ı” (“Adı”, “Takipçi Sayısı”).
        ("ad", "display_name"),
        ("Adı", "display_name"),
        ("Ad Soyad", "display_name"),
        ("İsim", "display_name"),
        ("Takipçi Sayısı", "followers"),
        ("takipci", "followers"),
        ("sektor", "niches"),
        ("Açıklama", "notes"),
        ("Ülke", "country"),
        ("Şehir", "city"),
        ("E-posta", "email"),
        ("Kullanıcı adı", "handle"),
        ("Instagram hesabı", "instagram_handle"),
        ("TikTok takipçi", "tiktok_followers"),
        ("etkileşim", "engagement"),
        # Arabic, written right to left.
        ("الاسم", "display_name"),
        ("عدد المتابعين", "followers"),
        ("البلد", "country"),
        ("البريد الإلكتروني", "email"),
        ("انستغرام", "instagram_handle"),
        ("حساب انستغرام", "instagram_handle"),
        ("يوتيوب", "youtube_handle"),
        # Whose column it is adds nothing: “nome_influencer” is the name.
        ("nome_influencer", "display_name"),
        ("Nome do influenciador", "display_name"),
        ("Influencer country", "country"),
        ("creator id", "ignore"),
    ],
)
def test_turkish_arabic_and_portuguese_column_names(header: str, field: str) -> None:
    assert suggest_field(header) == field
