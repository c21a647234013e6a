"""`infcrm import` of lists whose columns are named in Japanese, Korean, Chinese and others."""

from __future__ import annotations

from pathlib import Path

from safety_helpers import infcrm

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerDetail, ListQuery


def _people(db_path: Path) -> dict[str, InfluencerDetail]:
    """Everyone stored, by name, as the edit form shows them."""
    db = open_database(db_path)
    try:
        ids = influencer_list.list_ids(db, ListQuery())
        return {p.display_name: p for p in (influencers.get(db, i) for i in ids)}
    finally:
        db.close()


def _import(tmp_path: Path, name: str, text: str, *args: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _account(person: InfluencerDetail) -> tuple[str, str | None, int | None]:
    (account,) = person.accounts
    return account.platform, account.handle, account.followers


def test_a_japanese_list_is_imported_with_its_names_handles_and_followers(
    tmp_path: Path,
) -> None:
    _import(
        tmp_path,
        "list.csv",
        "名前,ユーザー名,Instagramフォロワー数,国,メールアドレス\n"
        "さくら,sakura.bakes,12万,Japan,sakura@example.jp\n"
        "ハルカ,@haruka_cooks,8500,Japan,haruka@example.jp\n",
    )

    people = _people(tmp_path / "crm.sqlite")
    assert set(people) == {"さくら", "ハルカ"}
    sakura = people["さくら"]
    assert (sakura.email, sakura.country) == ("sakura@example.jp", "Japan")
    assert _account(sakura) == ("instagram", "sakura.bakes", 120_000)
    assert _account(people["ハルカ"]) == ("instagram", "haruka_cooks", 8500)


def test_a_korean_list_is_imported(tmp_path: Path) -> None:
    _import(
        tmp_path,
        "list.csv",
        "이름,사용자 이름,팔로워 수,국가,이메일\n"
        "민지,minji.daily,15000,South Korea,minji@example.kr\n",
        "--platform",
        "instagram",
    )

    minji = _people(tmp_path / "crm.sqlite")["민지"]
    assert (minji.email, minji.country) == ("minji@example.kr", "South Korea")
    assert _account(minji) == ("instagram", "minji.daily", 15000)


def test_a_chinese_list_with_the_platform_glued_to_its_followers_column(
    tmp_path: Path,
) -> None:
    _import(
        tmp_path,
        "list.csv",
        "用户名,TikTok粉丝数,国家\nxiaomei.eats,3.5万,China\nlin_travels,1200,China\n",
    )

    people = _people(tmp_path / "crm.sqlite")
    assert _account(people["xiaomei.eats"]) == ("tiktok", "xiaomei.eats", 35_000)
    assert people["lin_travels"].country == "China"


def test_handle_columns_named_in_other_languages_fill_each_network_s_handle(
    tmp_path: Path,
) -> None:
    stdout = _import(
        tmp_path,
        "lista.csv",
        "Nombre,Cuenta de Instagram,Usuario de TikTok,Seguidores\n"
        "Lucía,@lucia.cocina,lucia_tt,15000\n",
    )
    _import(
        tmp_path,
        "liste.csv",
        "Nom,Compte TikTok,Instagram-Konto\nJeanne,@jeanne.danse,jeanne.ig\n",
    )

    assert "B (Cuenta de Instagram) → Instagram handle" in stdout
    people = _people(tmp_path / "crm.sqlite")
    lucia = {(a.platform, a.handle, a.followers) for a in people["Lucía"].accounts}
    assert lucia == {("instagram", "lucia.cocina", 15000), ("tiktok", "lucia_tt", None)}
    jeanne = {(a.platform, a.handle) for a in people["Jeanne"].accounts}
    assert jeanne == {("tiktok", "jeanne.danse"), ("instagram", "jeanne.ig")}


def test_a_column_with_no_useful_name_but_handles_in_it_is_imported_as_handles(
    tmp_path: Path,
) -> None:
    stdout = _import(
        tmp_path,
        "instagram-creators.csv",
        "Name,,Followers\nAna Ruiz,@ana.bakes,12000\nBen Ode,@ben_cooks,8000\nCy Lane,,300\n",
    )
    more = _import(
        tmp_path,
        "export.csv",
        "Unnamed: 0,Name,Unnamed: 2\n0,Di Moss,https://www.tiktok.com/@di.moss\n"
        "1,Ed Park,tiktok.com/@edpark\n",
    )

    assert "Column B looks like Instagram handles (@…); imported as handles." in stdout
    assert "Column C (Unnamed: 2) looks like TikTok profile links; imported as handles." in more
    people = _people(tmp_path / "crm.sqlite")
    assert _account(people["Ana Ruiz"]) == ("instagram", "ana.bakes", 12000)
    assert _account(people["Ben Ode"]) == ("instagram", "ben_cooks", 8000)
    assert _account(people["Di Moss"])[:2] == ("tiktok", "di.moss")
    assert _account(people["Ed Park"])[:2] == ("tiktok", "edpark")


def test_a_column_of_emails_or_names_with_no_useful_name_is_not_taken_for_handles(
    tmp_path: Path,
) -> None:
    stdout = _import(
        tmp_path,
        "list.csv",
        "Name,Column B,Unnamed: 2\nAna Ruiz,Ana R,ana@example.com\nBen Ode,Ben O,ben@example.com\n",
    )

    assert "looks like" not in stdout
    ana = _people(tmp_path / "crm.sqlite")["Ana Ruiz"]
    assert ana.accounts == ()
    assert ana.email == "ana@example.com"


def test_average_likes_and_comments_named_in_other_languages_are_stored(
    tmp_path: Path,
) -> None:
    _import(
        tmp_path,
        "lista.csv",
        "Nombre,Cuenta de Instagram,Seguidores,Me gusta (prom.),Comentarios promedio\n"
        "Lucía,@lucia.cocina,15000,420,31\n",
    )
    _import(
        tmp_path,
        "instagram.csv",
        "名前,ユーザー名,フォロワー数,平均いいね数,平均コメント数,総いいね数\n"
        "さくら,sakura.bakes,12万,3500,120,900000\n",
    )
    _import(
        tmp_path,
        "liste.csv",
        "Name,Instagram,Ø Likes,Durchschnittliche Kommentare\nJonas,jonas.kocht,800,25\n",
    )

    people = _people(tmp_path / "crm.sqlite")
    averages = {
        name: [(a.avg_likes, a.avg_comments) for a in people[name].accounts]
        for name in ("Lucía", "さくら", "Jonas")
    }
    # The total over all posts is not taken for the average.
    assert averages == {"Lucía": [(420, 31)], "さくら": [(3500, 120)], "Jonas": [(800, 25)]}


def test_a_platform_written_in_chinese_or_korean_names_the_account_s_network(
    tmp_path: Path,
) -> None:
    _import(
        tmp_path,
        "达人.csv",
        "达人昵称,抖音号,粉丝数,获赞数\n小美,xiaomei.eats,3.5万,120万\n",
    )
    _import(
        tmp_path,
        "list.csv",
        "이름,인스타그램 계정,인스타그램 팔로워,유튜브 구독자 수\n민지,minji.daily,15000,\n",
    )

    people = _people(tmp_path / "crm.sqlite")
    (xiaomei,) = people["小美"].accounts
    # The likes given in all (获赞) are not an average per post.
    assert (xiaomei.platform, xiaomei.handle, xiaomei.followers, xiaomei.avg_likes) == (
        "tiktok",
        "xiaomei.eats",
        35_000,
        None,
    )
    assert _account(people["민지"]) == ("instagram", "minji.daily", 15000)
