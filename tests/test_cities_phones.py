"""An article's city from the landline numbers it prints, the province of the places it names, and origins listed
with 等地.

Every sentence is written for these tests in the manner of local notices and reports; the numbers are invented
(only their area codes are real).
"""

from __future__ import annotations

import pytest

from helpers.corpus.gazetteer import default_gazetteer
from helpers.corpus.metadata import locate
from helpers.corpus.phones import phone_cities


def _city(text: str, title: str | None = None, **kwargs) -> str:
    return str(locate(title, text, **kwargs).value)


NOTICE = ("关于对向阳区部分小区实施临时封闭管理的通告\n"
          "经研究决定，对辖区内三个小区实施临时封闭管理，居民足不出户，生活物资由社区统一配送。\n"
          "社区服务电话：{phone}\n")


@pytest.mark.parametrize(("phone", "city"), [("0468-3312345", "鹤岗"), ("0454-8212345", "佳木斯"),
                                             ("（0468）33xxxxx", "鹤岗")])
def test_a_notices_landline_says_which_city_a_shared_district_is(phone, city):
    # 向阳区 is a district of 佳木斯 and of 鹤岗; the number's area code is the issuer's
    text = NOTICE.format(phone=phone)
    assert _city(text, text.split("\n")[0], genre="notice") == city


def test_a_number_alone_places_a_notice_that_names_no_city():
    text = ("古州镇城北社区倡议书\n凡近期有外地旅居史的居民，请第一时间向社区报告。欢迎居民报名参加门岗值守。\n"
            "报名电话：0855-6621837\n")
    assert _city(text, text.split("\n")[0], genre="notice") == "黔东南"


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        pytest.param("咨询电话：0855-6621837", {"黔东南"}, id="a-four-digit-code"),
        pytest.param("值班电话 023-67891234", {"重庆"}, id="a-municipality"),
        pytest.param("热线：0797-8xxxxxx", {"赣州"}, id="masked-digits"),
        pytest.param("联系电话：029-88881234", set(), id="a-code-several-cities-share"),
        pytest.param("联系人手机：13812345678", set(), id="a-mobile-number-has-no-area"),
        pytest.param("请拨打12345政务服务热线", set(), id="a-service-number-has-no-area"),
        pytest.param("发布时间：2022-04-06 10:31，身份证号410102199001011234", set(), id="dates-and-ids-are-no-numbers"),
    ],
)
def test_which_numbers_name_a_city(text, cities):
    assert phone_cities(text, default_gazetteer()) == cities


@pytest.mark.parametrize(("helper", "city"), [("长沙市", "张家界"), ("厦门市", "龙岩")])
def test_a_shared_district_is_the_one_in_the_province_of_the_other_places_named(helper, city):
    # 永定区 is a district of 张家界 (湖南) and of 龙岩 (福建)
    text = (f"永定区各社区连日来开展逐户排查，永定区城区所有小区实行封闭管理。{helper}派出的工作组已抵达，"
            "协助开展流调。")
    assert _city(text) == city


def test_the_last_of_several_places_people_came_from_before_dengdi_is_an_origin():
    # a report naming one county once is placed there, unless another place is named as more than an origin
    text = "凡7月20日以来有南京、张家界等地旅居史的居民，请主动报告。北林区各社区逐户排查，各小区实行扫码测温。"
    assert _city(text, genre="news") == "绥化"
