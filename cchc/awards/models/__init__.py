"""Awards: the rules of each plan as data, the facts they read, nomination dossiers, councils and their votes,
award decisions and the registry of awards.

The rules themselves are pure (`cchc.awards.rules`): a `RuleFile` keeps a plan's validated rule file, and each of its
programmes is a `Programme` row. Facts the rules need that no other module keeps (discipline, yearly evaluations,
direct CCHC work, checks of manual standards) are recorded here. A `Dossier` of a proposing unit carries its
`Nomination`s; the council of the level considers them in a `Meeting` (`MeetingItem`, `Vote`, `Tally`); a `Decision`
confers `Award`s, which the registry, the certificates and the public pages read.
"""

from cchc.awards.models.councils import (
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    MeetingItem,
    OwnLevelQuerySet,
    Tally,
    Vote,
)
from cchc.awards.models.decisions import Award, AwardQuerySet, Decision
from cchc.awards.models.dossiers import (
    Dossier,
    DossierFile,
    DossierQuerySet,
    Nomination,
    dossier_file_path,
)
from cchc.awards.models.facts import (
    CchcAssignment,
    DisciplineRecord,
    Evaluation,
    ManualCheck,
    PersonFactQuerySet,
    UnitEvaluation,
)
from cchc.awards.models.money import BaseSalary
from cchc.awards.models.programmes import LevelQuerySet, Programme, RuleFile

__all__ = [
    "Attendance",
    "Award",
    "AwardQuerySet",
    "BaseSalary",
    "CchcAssignment",
    "Council",
    "CouncilMember",
    "Decision",
    "DisciplineRecord",
    "Dossier",
    "DossierFile",
    "DossierQuerySet",
    "Evaluation",
    "LevelQuerySet",
    "ManualCheck",
    "Meeting",
    "MeetingItem",
    "Nomination",
    "OwnLevelQuerySet",
    "PersonFactQuerySet",
    "Programme",
    "RuleFile",
    "Tally",
    "UnitEvaluation",
    "Vote",
    "dossier_file_path",
]
