"""Column names simplified so they match however they were written, in any script."""

from __future__ import annotations

import pytest

from infcrm.domain.field_catalogue import simplify_header


@pytest.mark.parametrize(
    ("header", "simplified"),
    [
        ("País:", "pais"),
        ("abonnés", "abonnes"),
        ("followerCount", "follower count"),
        # Kana keep their voicing marks: ユーザー名 is not ユーサー名.
        ("ユーザー名", "ユーザー名"),
        ("メールアドレス", "メールアドレス"),
        ("ｱｶｳﾝﾄ名", "アカウント名"),  # half-width kana read as full-width
        ("사용자 이름", "사용자 이름"),
        # A platform glued to the word is a word of its own.
        ("Instagramフォロワー数", "instagram フォロワー数"),
        ("TikTok粉丝数", "tiktok 粉丝数"),
        ("YouTube登録者数", "youtube 登録者数"),
        ("인스타그램팔로워", "인스타그램팔로워"),
        ("ＩＧフォロワー", "ig フォロワー"),  # full-width letters
    ],
)
def test_headers_in_any_script_are_simplified_without_changing_their_letters(
    header: str, simplified: str
) -> None:
    assert simplify_header(header) == simplified
