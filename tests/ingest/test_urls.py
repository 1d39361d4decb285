import pytest

from kroniek.ingest.urls import date_in_url, outlet_of, refine_published


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.hln.be/nieuws/binnenland/x~a1/", "hln.be"),
    ("https://nl.metrotime.be/2020/01/08/news/x/", "metrotime.be"),
    ("https://nos.nl/artikel/2283315-netanyahu.html", "nos.nl"),
    ("http://www.vrt.be/vrtnws/nl/2020/05/08/x/", "vrt.be"),
    (None, None), ("not a url", None),
])  # fmt: skip
def test_outlet_of(url, outlet):
    assert outlet_of(url) == outlet


@pytest.mark.parametrize(("url", "value"), [
    ("https://www.nrc.nl/nieuws/2018/01/04/kabinet-a1", "2018-01-04"),
    ("https://www.metronieuws.nl/in-het-nieuws/2018/06/halsema", "2018-06"),
    ("https://www.hbvl.be/cnt/dmf20220808_92042657", "2022-08-08"),
    ("https://nieuws.nl/algemeen/20240227/levenslang/", "2024-02-27"),
    ("https://nos.nl/artikel/2283315-netanyahu.html", None),
    ("https://www.telegraaf.nl/nieuws/2304118/israel", None),
    ("https://example.be/2019/13/45/x", None),
])  # fmt: skip
def test_date_in_url(url, value):
    assert date_in_url(url) == value


def test_refine_published_only_when_consistent():
    assert refine_published("2018-01", "2018-01-04") == "2018-01-04"
    assert refine_published("2018-01", "2019-03-04") == "2018-01"
    assert refine_published(None, "2019-03-04") == "2019-03-04"
    assert refine_published("2018-01-04", "2018-01") == "2018-01-04"
