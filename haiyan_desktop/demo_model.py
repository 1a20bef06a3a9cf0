"""A model of Haiyan County from which every demo figure follows (示例数据模型).

Each township (镇、街道) is a handful of parameters (:data:`TOWNSHIPS`): its resident population
(常住人口) at the end of 2019 and its yearly growth, the shares aged 6–15 and 3–5 among its
residents and aged 60+ among its registered people, the share of new residents (新居民, no
Haiyan household registration) and of registered people living away, its villages,
communities, school campuses, bridges and water mains, whether it is urban (a subdistrict
街道) or rural (a town 镇), and a quality level: how close its services come to the targets.
Every figure of a year is derived from them, so the figures of a unit fit together: the
enrolled are part of the school-age children, new-resident pupils part of the enrolled, the
insured part of those due, the residents due medical insurance more than the school-age
children and fewer than the residents; coverage rates are whole villages out of the unit's
villages; rates sit around the county figures of the seed and the better units above them.
From one year to the next populations grow a little and rates move a little.

The county: the 9 townships have **442,000 residents** at the end of 2019 (Haiyan had about
440,000 resident and about 380,000 registered people then; the model's registered population
is about 375,000), the subdistricts each larger than any town. The departments (县级部门)
get county figures: the seed's where it gives one (7 sharing centres, 2 medical communities,
144.5 million yuan, 17 institutions and 18 programmes, 155 purchase items, coefficients 0.272 /
0.288), and where a county figure is formed from the towns it is formed from this model's
towns (bus lines run as one network, towns with library and culture-centre branches); the
towns' sums meet the seed's county figures too (92 bridges rebuilt, about 1,200 km of mains
renovated, 34 of 35 school campuses standardized: 97.1 %).

:data:`CODES` maps the catalogue's codes (the 2019 catalogue's; a later catalogue's renamed
code finds its figure through ``replaces``) to the model's quantities, and
:func:`unit_entries` turns them into a unit's entries; what the model does not know is drawn
by :func:`.sample_values.plausible_entries`. A few figures are honestly unusual, each with the
comment a clerk would write (:data:`EXPLAINED`). Deterministic: the same seed gives the same
figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import NamedTuple

from .catalogue.indicator_types import indicator_type
from .catalogue.model import Catalogue, Indicator, Unit
from .sample_values import plausible_entries
from .validation.engine import Entry, check_field

BASE_YEAR = 2019  # the year the parameters describe
COUNTY_RESIDENTS = 440_000  # Haiyan's resident population around 2019 (stated figure)
COUNTY_REGISTERED = 380_000  # ... and its registered population


@dataclass(frozen=True)
class Township:
    code: str
    urban: bool  # a subdistrict (街道): urban; a town (镇): rural
    residents: int  # 常住人口 on 31 December of BASE_YEAR
    growth: float  # of the residents, a year
    migrants: float  # share of residents who are new residents (no Haiyan registration)
    away: float  # share of the registered who live outside the county
    school_age: float  # share of residents aged 6–15
    preschool: float  # share of residents aged 3–5
    elderly: float  # share of the registered aged 60 and over
    jobs: float  # urban jobs in the unit (by workplace) per resident
    villages: int
    communities: int
    schools: int  # compulsory-school campuses
    bridges: int  # dangerous rural bridges in the 2017–2019 plan
    mains: float  # km of water mains in the 2017–2019 renovation plan
    bus_lines: int  # urban-rural and town-village bus lines serving it
    station: str  # grade of its culture station (a choice value of CUL01A)
    quality: float  # 0–1: how close its services come to the targets


TOWNSHIPS: tuple[Township, ...] = (  # 4 subdistricts, then 5 towns, as the catalogue lists them
    Township("wuyuan", urban=True, residents=128_000, growth=0.012, migrants=0.22, away=0.06,
             school_age=0.081, preschool=0.027, elderly=0.26, jobs=0.4, villages=10, communities=15,
             schools=11, bridges=5, mains=85, bus_lines=8, station="special", quality=0.93),
    Township("xitangqiao", urban=True, residents=52_000, growth=0.018, migrants=0.38, away=0.06,
             school_age=0.084, preschool=0.029, elderly=0.25, jobs=0.44, villages=8, communities=4,
             schools=4, bridges=7, mains=100, bus_lines=5, station="grade1", quality=0.85),
    Township("wanghai", urban=True, residents=43_000, growth=0.015, migrants=0.3, away=0.07,
             school_age=0.083, preschool=0.028, elderly=0.27, jobs=0.36, villages=9, communities=3,
             schools=3, bridges=8, mains=110, bus_lines=5, station="grade1", quality=0.88),
    Township("qinshan", urban=True, residents=45_000, growth=0.01, migrants=0.25, away=0.07,
             school_age=0.08, preschool=0.027, elderly=0.27, jobs=0.38, villages=9, communities=3,
             schools=3, bridges=9, mains=115, bus_lines=5, station="special", quality=0.86),
    Township("shendang", urban=False, residents=37_000, growth=0.004, migrants=0.15, away=0.13,
             school_age=0.078, preschool=0.025, elderly=0.3, jobs=0.32, villages=13, communities=2,
             schools=3, bridges=14, mains=140, bus_lines=5, station="grade1", quality=0.92),
    Township("baibu", urban=False, residents=35_000, growth=0.006, migrants=0.2, away=0.12,
             school_age=0.08, preschool=0.026, elderly=0.29, jobs=0.33, villages=11, communities=2,
             schools=3, bridges=12, mains=318, bus_lines=4, station="grade2", quality=0.8),
    Township("yucheng", urban=False, residents=32_000, growth=0.003, migrants=0.14, away=0.14,
             school_age=0.077, preschool=0.025, elderly=0.31, jobs=0.31, villages=12, communities=1,
             schools=2, bridges=13, mains=125, bus_lines=4, station="grade2", quality=0.83),
    Township("ganpu", urban=False, residents=30_000, growth=0.005, migrants=0.17, away=0.13,
             school_age=0.078, preschool=0.025, elderly=0.3, jobs=0.31, villages=11, communities=2,
             schools=3, bridges=11, mains=120, bus_lines=5, station="grade1", quality=0.87),
    Township("tongyuan", urban=False, residents=40_000, growth=0.005, migrants=0.18, away=0.13,
             school_age=0.079, preschool=0.026, elderly=0.3, jobs=0.31, villages=13, communities=2,
             schools=3, bridges=15, mains=135, bus_lines=5, station="grade1", quality=0.82),
)
BY_CODE = {t.code: t for t in TOWNSHIPS}
# the residents' mean quality: a unit of this quality sits at the county figure
Q_MEAN = sum(t.quality * t.residents for t in TOWNSHIPS) / sum(t.residents for t in TOWNSHIPS)

# County figures the seed gives (EDU03C, INS01C, INS02C, EMP01C): the townships' rates are
# spread around them, better units above, so the county's Σ ÷ Σ lands near them.
_COUNTY_RATES = {  # quantity: (2018, 2019)
    "public_share": (95.79, 96.4),
    "medical_rate": (98.05, 98.32),
    "pension_rate": (97.90, 98.11),
    "unemployment": (2.75, 2.58),
}


# --- the unusual figures, explained as a clerk would (the demo's honest warnings) -----------
class Explained(NamedTuple):
    value: object
    comment: str


class NotApplicable(NamedTuple):
    comment: str


class Unusual(NamedTuple):
    first: int  # the first year the figure is unusual
    last: int | None  # ... and the last (None: from then on)
    comment: str


_CLOSURE = ("xitangqiao", 2019, 1100)  # unit, year, workers of closed firms registering
_WELFARE_CENTRE = ("qinshan", 2019, 480)  # unit, year opened, beds
_BACK = "上年企业关停集中登记的人员已基本实现再就业，本年登记失业和再就业人数回落到往年水平"
EXPLAINED: dict[tuple[str, str], tuple[Unusual, ...]] = {  # (unit, quantity): when, comment
    ("baibu", "mains_planned"): (Unusual(
        2017, None, "2017–2019 年全镇农村供水管网整体纳入改造计划（含村级支管约 180 公里），"
        "长度超出一般镇的规模，已与县水利局改造计划表核对一致"),),
    ("baibu", "mains_renovated"): (Unusual(
        2019, None, "改造计划含村级支管，完成长度随之超出一般镇的规模，已与县水利局验收资料核对"),),
    ("xitangqiao", "unemployed_year"): (Unusual(
        2019, 2019, "2019 年辖区两家纺织企业关停，1100 余名职工集中办理失业登记，"
        "已与县就业管理服务处台账核对"), Unusual(2020, 2020, _BACK)),
    ("xitangqiao", "reemployed"): (Unusual(
        2019, 2019, "关停企业职工经专场招聘会大部分当年实现再就业，"
        "再就业人数随登记失业人数同步增加"), Unusual(2020, 2020, _BACK)),
    ("qinshan", "care_beds"): (Unusual(
        2019, 2019, "县社会福利中心（核定床位 480 张）2019 年在本街道建成投用，床位按所在地统计"),),
    ("qinshan", "beds_per_1000"): (Unusual(
        2019, None, "县社会福利中心床位面向全县老年人，按所在地计入本街道，"
        "故每千名老年人床位数偏高"),),
}
NO_HOUSES_LEFT = ("辖区农村困难家庭危房已于 2017 年全部改造完毕，2018 年以来无新鉴定的 C、D 级"
                  "危房户，不适用")
BUS_NOT_UNIFIED = ("南北湖景区周边 2 条镇村公交线路仍由景区公司运营，票价未与城区统一；"
                   "2019 年 3 月已并入县公交公司统一运营")
_NO_HOUSES_UNITS = {"wuyuan"}
_BUS_LATE = {"ganpu": (2019, 2)}  # unit: the year its last lines joined the county's, how many
_BRANCH_LATE = {"tongyuan": 2019}  # unit: the year its culture-centre branch opened
# unit: {year: campuses below the provincial standard} (old town-centre campuses being
# rebuilt); all others meet it, so 34 of the county's 35 do in 2019: the seed's 97.1 %
_CAMPUSES_BELOW = {"wuyuan": {2017: 2, 2018: 2, 2019: 1}}


# --- one unit's year --------------------------------------------------------------------------
class _Year:
    """Draws for one unit and year: its quality that year and a little noise."""

    def __init__(self, township: Township, year: int, seed: int):
        self.year = year
        self.seed = f"{seed}/{township.code}"
        self.rng = random.Random(f"{self.seed}/{year}")
        # units improve a little every year; their standing among the others stays
        self.q = min(max(township.quality - 0.02 * (BASE_YEAR - year), 0.0), 1.0)
        self.quality = township.quality
        self.standing = township.quality - Q_MEAN

    def rate(self, centre: float, spread: float, low: float = 0.0, high: float = 100.0,
             noise: float = 0.15, county: bool = False) -> float:
        """A figure around ``centre``: better units above it (below, with a negative
        ``spread``: lower is better), weaker ones the other side, a little better every
        year. A ``county`` centre already moves with the year (the seed's county figure)."""
        gain = 0.0 if county else 0.015 * centre * (self.year - BASE_YEAR) * (
            1 if spread >= 0 else -1)
        value = centre + spread * self.standing + gain + self.rng.uniform(-noise, noise)
        return min(max(value, low), high)

    def jitter(self, value: float, spread: float = 0.01) -> float:
        return value * (1 + self.rng.uniform(-spread, spread))

    def short(self, total: int, chance: float, least: int = 10) -> int:
        """How many of ``total`` people or cases fall short this year: one, now and then
        in a weaker unit, and only where one of at least ``least`` is not too large a share."""
        return 1 if total >= least and self.rng.random() < chance * (1 - self.q) * 4 else 0

    def lagging(self, what: str, total: int, chance: float, least: int = 10,
                done_by: int = BASE_YEAR + 1) -> int:
        """How many of ``total`` villages still lack a facility this year: in a weaker unit
        the last one may come late, in BASE_YEAR or up to ``done_by``; once built it
        stays, so coverage never falls."""
        rng = random.Random(f"{self.seed}/{what}")  # the same every year
        late = total >= least and rng.random() < chance * (1 - self.quality) * 4
        done = rng.randint(BASE_YEAR, done_by) if late else 0
        return 1 if self.year < done else 0


def _trend(values: tuple[float, float], year: int, high: float = 100.0) -> float:
    """A county figure of 2018 and 2019 carried on to other years, within ``high``."""
    before, now = values
    return min(now + (now - before) * (year - BASE_YEAR), high)


def _share(part: int, whole: int) -> float:
    return round(part / whole * 100, 2) if whole else 100.0


def township_figures(township: Township, year: int, seed: int = BASE_YEAR) -> dict[str, object]:
    """Every quantity of one township in ``year``: numbers, yes/no, a choice value, or an
    :class:`Explained` / :class:`NotApplicable` figure with its comment."""
    t, y = township, _Year(township, year, seed)
    out: dict[str, object] = {}

    # people
    residents = round(t.residents * (1 + t.growth) ** (year - BASE_YEAR))
    migrants = residents * t.migrants
    registered = (residents - migrants) / (1 - t.away)
    out["residents"] = residents

    # education: children are counted where they live
    school_age = round(residents * y.jitter(t.school_age, 0.005))
    migrant_children = round(school_age * t.migrants * 0.75)  # some stay in their home towns
    out["school_age"] = school_age
    out["enrolled"] = school_age - (1 if year < BASE_YEAR and y.q < 0.84 else 0)  # 休学
    disabled = max(2, round(school_age * 0.0025))
    out["disabled_children"] = disabled
    out["disabled_enrolled"] = disabled - y.short(disabled, 0.3 if year < BASE_YEAR else 0)
    cohort = round(school_age / 9)
    out["retention_rate"] = _share(cohort - (1 if y.q < 0.84 else 0), cohort)
    out["migrant_pupils"] = migrant_children
    centre = _trend(_COUNTY_RATES["public_share"], year, 99.0)
    public = y.rate(centre, 25, 85, 99.5, county=True)
    out["migrant_public"] = round(migrant_children * public / 100)
    applicants = max(10, round(migrant_children * 0.22))  # grades 1 and 7 each autumn
    placed = applicants - (1 if year < BASE_YEAR and y.q < 0.86 else 0)
    out["migrant_place_rate"] = _share(placed, applicants)
    little = round(residents * t.preschool)
    out["preschool_rate"] = _share(round(little * y.rate(98.6, 12, 96.5, 99.8) / 100), little)
    out["graded_kindergartens"] = round(y.rate(88 if t.urban else 76, 80, 55, 98, 1.0), 2)
    behind = _CAMPUSES_BELOW.get(t.code, {}).get(year, 0)
    out["standard_schools"] = _share(t.schools - behind, t.schools)

    # employment: urban jobs by workplace, the labour force among the registered
    employed = round(residents * y.jitter(t.jobs))
    rate = y.rate(_trend(_COUNTY_RATES["unemployment"], year, 5.0), -8, 1.5, 4.5, 0.1,
                  county=True)
    unemployed = round(employed * rate / (100 - rate))
    registered_year = round(unemployed / 0.27)  # year-end stock is ~27 % of the year's
    reemployed = round(registered_year * y.rate(62, 60, 52, 69, 1.0) / 100)
    closure_unit, closure_year, laid_off = _CLOSURE
    if t.code == closure_unit and year >= closure_year:
        # a closure: most found work again within the year, some are still looking
        unemployed += round(laid_off * 0.15) if year == closure_year else 0
        registered_year += laid_off if year == closure_year else 0
        reemployed += round(laid_off * 0.75) if year == closure_year else 0
    out["unemployed"], out["urban_employed"] = unemployed, employed
    out["unemployed_year"], out["reemployed"] = registered_year, reemployed
    out["employment_rate"] = round(100 - rate - y.rate(1.3, -10, 0.6, 2.2, 0.1), 2)
    labour = round(registered * (0.62 if t.urban else 0.57))
    hardship = round(labour * 0.006)
    out["hardship"] = hardship
    out["hardship_employed"] = round(hardship * y.rate(93, 40, 86, 99) / 100)
    out["zero_job_cleared"] = True
    out["labour_force"] = labour
    out["trainings"] = round(labour * y.rate(95, 500, 45, 150, 3.0) / 1000)
    out["certified_share"] = round(y.rate(82, 60, 70, 92, 1.0), 2)
    out["job_service_points"] = True

    # social insurance: residents' schemes cover who is not in the employees' schemes
    medical_due = round(registered * (0.50 if t.urban else 0.58) + migrants * 0.08)
    out["medical_due"] = medical_due
    out["medical_insured"] = round(
        medical_due * y.rate(_trend(_COUNTY_RATES["medical_rate"], year), 20, 96.5, 99.7,
                             0.05, county=True) / 100)
    needy = round(registered * 0.012)
    out["medical_subsidy_rate"] = _share(needy - y.short(needy, 0.5), needy)
    pension_due = round(registered * (0.30 if t.urban else 0.40))
    out["pension_due"] = pension_due
    out["pension_insured"] = round(
        pension_due * y.rate(_trend(_COUNTY_RATES["pension_rate"], year), 20, 96.0, 99.7,
                             0.05, county=True) / 100)
    hardship_paid = round(registered * 0.008)
    out["pension_subsidy_rate"] = _share(hardship_paid - y.short(hardship_paid, 0.5),
                                         hardship_paid)
    out["five_insurances"] = round(y.rate(98, 25, 95, 99.8), 2)
    out["land_pension_rate"] = round(y.rate(99, 20, 96, 100), 2)

    # health
    key_groups = round((residents - migrants) * t.elderly * 0.72 + residents * 0.11)
    signed_key = round(key_groups * y.rate(79, 60, 66, 90, 1.0) / 100)
    out["key_groups"], out["key_groups_signed"] = key_groups, signed_key
    out["signed_residents"] = signed_key + round(
        (residents - key_groups) * y.rate(18, 80, 10, 27, 0.5) / 100)
    places = t.villages + t.communities
    out["stations_standard"] = _share(places - y.lagging("stations", places, 0.6), places)
    out["sharing_linked"] = True
    out["health_records"] = round(residents * y.rate(90, 40, 84, 96, 0.5) / 100)
    out["elderly_health"] = round(y.rate(72, 100, 58, 84, 1.0), 2)

    # social services
    households = registered / 2.7
    assisted = round(households * (0.012 if t.urban else 0.016) * y.jitter(1, 0.03))
    out["assisted_households"] = assisted
    out["assisted_reviewed"] = assisted - (1 if y.q < 0.84 else 0)
    out["care_centres"] = _share(places - y.lagging("care", places, 0.5), places)
    elderly = round(registered * y.jitter(t.elderly, 0.004) * (1 + 0.015 * (year - BASE_YEAR)))
    beds = round(elderly * y.rate(40, 110, 26, 50, 1.0) / 1000)
    centre_unit, centre_year, centre_beds = _WELFARE_CENTRE
    if t.code == centre_unit and year >= centre_year:
        beds += centre_beds
    out["care_beds"], out["elderly_registered"] = beds, elderly
    out["community_organisations"] = round(residents * y.rate(13, 100, 7, 20, 0.5) / 10000)

    # housing and infrastructure
    if t.code in _NO_HOUSES_UNITS:
        out["dangerous_houses"] = out["houses_renovated"] = NotApplicable(NO_HOUSES_LEFT)
    else:
        houses = max(2, round(t.villages * (0.8 if t.urban else 1.1)))
        out["dangerous_houses"] = houses
        out["houses_renovated"] = houses - (1 if year < BASE_YEAR or y.q < 0.82 else 0)
    out["bridges_planned"] = t.bridges
    # the plan ends in 2019: all but the weakest units' last bridge rebuilt by then
    if year < BASE_YEAR:
        out["bridges_rebuilt"] = round(t.bridges * (0.80 + 0.1 * y.q))
    else:
        out["bridges_rebuilt"] = t.bridges - (1 if t.quality < 0.83 and year == BASE_YEAR
                                              else 0)
    out["mains_planned"] = t.mains
    done = 0.70 + 0.12 * y.q if year < BASE_YEAR else min(0.91 + 0.08 * y.q, 1.0)
    out["mains_renovated"] = round(t.mains * done, 2)
    out["water_coverage"] = _share(places - y.lagging("water", places, 0.2, 20), places)
    joined, _lines = _BUS_LATE.get(t.code, (0, 0))
    out["bus_unified"] = True if year >= joined else Explained(False, BUS_NOT_UNIFIED)
    out["sewage_coverage"] = _share(t.villages - y.lagging("sewage", t.villages, 0.4),
                                    t.villages)

    # culture and sport
    out["culture_station"] = t.station
    # full coverage by 2019, as the seed says
    out["culture_halls"] = _share(
        t.villages - y.lagging("halls", t.villages, 0.8, done_by=BASE_YEAR), t.villages)
    out["culture_homes"] = _share(
        t.communities - y.lagging("homes", t.communities, 0.8, done_by=BASE_YEAR),
        t.communities)
    out["culture_events"] = round(residents * y.rate(5.2, 40, 2.5, 8.0, 0.2) / 1000)
    per_head = y.rate(58 if t.urban else 50, 250, 30, 80, 1.5)
    out["culture_spending"] = round(residents * per_head / 10000, 2)
    out["sports_area"] = round(residents * y.rate(2.2, 4, 1.8, 2.7, 0.03))
    out["fitness_coverage"] = _share(places - y.lagging("fitness", places, 0.4), places)

    # disability services
    needing = round(registered * (0.0105 if t.urban else 0.0125))
    out["rehab_needed"] = needing
    out["rehab_served"] = round(needing * y.rate(95, 40, 90, 99, 0.5) / 100)
    out["disability_home"] = True
    out["severe_care"] = round(y.rate(91, 80, 80, 98, 0.5), 2)
    out["disabled_employment"] = round(y.rate(80, 110, 64, 90, 1.0), 2)

    for key, value in list(out.items()):
        comment = _explained_in(t.code, key, year)
        if comment is not None:
            out[key] = Explained(value, comment)
    return out


def _explained_in(unit: str, quantity: str, year: int) -> str | None:
    """The comment on an unusual figure of ``year``, None when it is not unusual then."""
    for unusual in EXPLAINED.get((unit, quantity), ()):
        if unusual.first <= year and (unusual.last is None or year <= unusual.last):
            return unusual.comment
    return None


def county_figures(year: int) -> dict[str, object]:
    """The county-level quantities the departments report: the seed's figures where it
    gives them, and what the townships' own figures make of the others."""
    def by_year(before: float, now: float, low: float = 0.0, high: float = 100.0) -> float:
        return min(max(now + (now - before) * (year - BASE_YEAR), low), high)

    lines = sum(t.bus_lines for t in TOWNSHIPS)
    late = sum(n for joined, n in _BUS_LATE.values() if year < joined)
    branches = sum(1 for t in TOWNSHIPS if year >= _BRANCH_LATE.get(t.code, 0))
    teachers = 820  # in one school six years or more: due to rotate
    rotated = round(teachers * by_year(15.9, 16.6) / 100)
    return {
        "school_gap_primary": round(by_year(0.281, 0.272, 0.2, 0.5), 3),
        "school_gap_junior": round(by_year(0.301, 0.288, 0.2, 0.45), 3),
        "teacher_competition": 100.0,
        "teacher_rotation": _share(rotated, teachers),
        "unemployment_insurance_unified": True,
        "one_stop_settlement": 100.0,  # since the end of 2015
        "sharing_centres": round(by_year(6, 7, 0, 12)),
        "medical_communities": 2,
        "health_investment": round(by_year(11_820.0, 14_450.0, 0, 30_000), 2),
        "partner_institutions": round(by_year(15, 17, 0, 30)),
        "partner_programmes": round(by_year(16, 18, 0, 36)),
        "service_spending_growth": round(by_year(18.6, 19.2, 5, 25), 2),
        "purchase_items": round(by_year(138, 155, 0, 220)),
        "assistance_standard_unified": True,
        "assistance_paid": round(by_year(99.96, 100.0), 2),
        "low_income_housing": 100.0,
        "migrant_rental": _share(round(189 * by_year(94.7, 96.3) / 100), 189),
        "bus_integration": _share(lines - late, lines),
        "water_quality": round(by_year(98.2, 98.6, 95, 99.9), 2),
        "branch_coverage": _share(branches, len(TOWNSHIPS)),
        "culture_index_rank": round(by_year(7, 6, 1, 10)),
        "disability_allowances": round(by_year(99.98, 100.0), 2),
        "child_rehabilitation": _share(round(34 * by_year(97.06, 100.0) / 100), 34),
    }


# --- the catalogue's codes ---------------------------------------------------------------------
# code of the 2019 catalogue: the model's quantity. A later catalogue's code that `replaces`
# one of these takes its quantity; a code not here is drawn from the catalogue alone.
CODES: dict[str, str] = {
    # townships
    "EDU01A": "school_age", "EDU01B": "enrolled", "EDU01D": "disabled_children",
    "EDU01E": "disabled_enrolled", "EDU02": "retention_rate", "EDU03A": "migrant_pupils",
    "EDU03B": "migrant_public", "EDU03D": "migrant_place_rate", "EDU04A": "preschool_rate",
    "EDU04B": "graded_kindergartens", "EDU05": "standard_schools",
    "EMP01A": "unemployed", "EMP01B": "urban_employed", "EMP01D": "unemployed_year",
    "EMP01E": "reemployed", "EMP02": "employment_rate", "EMP03A": "hardship",
    "EMP03B": "hardship_employed", "EMP03D": "zero_job_cleared", "EMP04A": "labour_force",
    "EMP04B": "trainings", "EMP04D": "certified_share", "EMP05": "job_service_points",
    "INS01A": "medical_due", "INS01B": "medical_insured", "INS01D": "medical_subsidy_rate",
    "INS02A": "pension_due", "INS02B": "pension_insured", "INS02D": "pension_subsidy_rate",
    "INS03": "five_insurances", "INS04": "land_pension_rate",
    "HEA03A": "key_groups", "HEA03B": "key_groups_signed", "HEA03D": "residents",
    "HEA03E": "signed_residents", "HEA04A": "stations_standard", "HEA04B": "sharing_linked",
    "HEA05A": "health_records", "HEA05C": "elderly_health",
    "SOC02A": "assisted_households", "SOC02B": "assisted_reviewed", "SOC03A": "care_centres",
    "SOC03B": "care_beds", "SOC03C": "elderly_registered", "SOC03D": "beds_per_1000",
    "SOC05A": "community_organisations",
    "HOU02A": "dangerous_houses", "HOU02B": "houses_renovated", "HOU03A": "bridges_planned",
    "HOU03B": "bridges_rebuilt", "HOU04A": "mains_planned", "HOU04B": "mains_renovated",
    "HOU04D": "water_coverage", "HOU05A": "bus_unified", "HOU05B": "sewage_coverage",
    "CUL01A": "culture_station", "CUL01B": "culture_halls", "CUL01C": "culture_homes",
    "CUL02A": "culture_events", "CUL02C": "culture_spending", "CUL03A": "sports_area",
    "CUL03C": "fitness_coverage",
    "DIS01A": "rehab_needed", "DIS01B": "rehab_served", "DIS02A": "disability_home",
    "DIS02B": "severe_care", "DIS03": "disabled_employment",
    # departments (county level)
    "EDU06A": "school_gap_primary", "EDU06B": "school_gap_junior",
    "EDU07A": "teacher_competition", "EDU07B": "teacher_rotation",
    "INS05A": "unemployment_insurance_unified", "INS05B": "one_stop_settlement",
    "HEA01A": "sharing_centres", "HEA01B": "medical_communities",
    "HEA01C": "health_investment", "HEA02A": "partner_institutions",
    "HEA02B": "partner_programmes", "SOC01A": "service_spending_growth",
    "SOC01B": "purchase_items", "SOC04A": "assistance_standard_unified",
    "SOC04B": "assistance_paid", "HOU01A": "low_income_housing", "HOU01B": "migrant_rental",
    "HOU06A": "bus_integration", "HOU06B": "water_quality", "CUL04A": "branch_coverage",
    "CUL04B": "culture_index_rank", "DIS04A": "disability_allowances",
    "DIS04B": "child_rehabilitation",
}
# a calculated indicator that only carries a comment (its value comes from its formula)
_COMMENT_ONLY = {"beds_per_1000"}


def quantity_of(catalogue: Catalogue, indicator: Indicator) -> str | None:
    """The model's quantity behind a code of ``catalogue``: its own, or through
    ``replaces`` (also over several years' renames) the one of an earlier code."""
    code: str | None = indicator.code
    seen: set[str] = set()
    while code is not None and code not in seen:
        if code in CODES:
            return CODES[code]
        seen.add(code)
        earlier = catalogue.index.get(code)
        code = earlier.replaces if earlier is not None else None
    return None


def unit_figures(unit: Unit, year: int, seed: int = BASE_YEAR) -> dict[str, object] | None:
    """The model's quantities for ``unit`` (None: a unit the model does not know)."""
    if unit.kind == "department":
        return county_figures(year)
    township = BY_CODE.get(unit.code)
    return None if township is None else township_figures(township, year, seed)


def model_entries(catalogue: Catalogue, unit: Unit, year: int, seed: int = BASE_YEAR
                  ) -> dict[str, Entry]:
    """The model's figures of ``unit`` under the codes of ``catalogue`` it knows, as a
    clerk would type them (a calculated code only ever carries a comment)."""
    figures = unit_figures(unit, year, seed)
    known: dict[str, Entry] = {}
    if figures is None:
        return known
    for ind in catalogue.leaves(unit.scope):
        quantity = quantity_of(catalogue, ind)
        if quantity is None:
            continue
        if quantity in _COMMENT_ONLY:
            figure = _comment_only(unit, quantity, year)
            if figure is not None:
                known[ind.code] = figure
            continue
        if ind.is_calculated or quantity not in figures:
            continue
        entry = _entry(ind, figures[quantity])
        # a code that means something else in another catalogue: left to the fallback
        if not any(p.is_open for p in check_field(ind, entry).problems):
            known[ind.code] = entry
    return known


def unit_entries(catalogue: Catalogue, unit: Unit, year: int, seed: int = BASE_YEAR
                 ) -> dict[str, Entry]:
    """A complete submission of ``unit`` for ``year``: the model's figures under the
    catalogue's codes, the rest drawn from the catalogue (:func:`plausible_entries`)."""
    township = BY_CODE.get(unit.code)
    quality = township.quality if township is not None else 0.9
    rng = random.Random(f"{seed}/{unit.code}/{year}/catalogue")
    return plausible_entries(catalogue, unit.scope, rng, quality,
                             fixed=model_entries(catalogue, unit, year, seed))


def _comment_only(unit: Unit, quantity: str, year: int) -> Entry | None:
    comment = _explained_in(unit.code, quantity, year)
    return None if comment is None else Entry(None, comment)


def _entry(ind: Indicator, figure: object) -> Entry:
    """A figure as the clerk would type it for ``ind``."""
    if isinstance(figure, NotApplicable):
        return Entry(None, figure.comment, True)
    comment = ""
    if isinstance(figure, Explained):
        figure, comment = figure.value, figure.comment
    if isinstance(figure, bool):
        return Entry("是" if figure else "否", comment)
    if isinstance(figure, str):  # a choice: its label, as a clerk picks it
        choice = ind.choice(figure)
        return Entry(choice.label.zh if choice else figure, comment)
    return Entry(indicator_type(ind.type).text(float(figure), ind), comment)  # type: ignore[arg-type]
