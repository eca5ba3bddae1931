"""The invented world the synthetic packs are written about: councils, bodies and people.

Deterministic from a seed. People and bodies are reused across the packs of one council
(the same chair, the same safeguarding board) so that entity resolution across packs is
exercised; names are invented and never taken from any real pack.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

PLACES = ["Northshire", "Eastbridge", "Westmoor", "Riverdale", "Southvale", "Hillford",
          "Lakemere", "Marshton", "Oakhampton", "Greywater", "Ashcombe", "Brackenfield"]
FIRST = ["Alice", "Brian", "Chloe", "David", "Elaine", "Farid", "Grace", "Harold", "Imran",
         "Janet", "Kevin", "Laura", "Martin", "Nadia", "Owen", "Priya", "Quentin", "Rachel",
         "Simon", "Tanya", "Usha", "Victor", "Wendy", "Yusuf", "Zoe", "Gareth", "Helen",
         "Marcus", "Sinead", "Tomasz"]
SURNAMES = ["Ashworth", "Brennan", "Castell", "Dunmore", "Ellery", "Fairbairn", "Gorton",
            "Hallam", "Iveson", "Jessop", "Kilbride", "Lowther", "Merriman", "Norcott",
            "Ormerod", "Pennock", "Quayle", "Rudd", "Stainton", "Thwaite", "Upjohn",
            "Varley", "Whitlock", "Yeadon", "O'Rourke", "Dufresne", "Møller", "Achebe",
            "Okonkwo", "Lindqvist"]
COMMITTEES = ["Children and Families Scrutiny Committee", "Adult Social Care Scrutiny Committee",
              "Health and Wellbeing Scrutiny Committee", "Corporate Parenting Committee"]
OFFICER_POSTS = ["Director of Children's Services", "Head of Safeguarding",
                 "Principal Manager, Cared for Children", "Head of Strategic Commissioning",
                 "Scrutiny Officer", "Group Manager, Assessment", "Service Manager, Fostering",
                 "Head of Early Intervention", "Strategic Housing Manager",
                 "Designated Nurse for Safeguarding"]


@dataclass
class Person:
    first: str
    surname: str
    role: str
    body: str
    councillor: bool = False

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}"

    @property
    def initial_form(self) -> str:
        return f"{self.first[0]} {self.surname}"


@dataclass
class Body:
    name: str
    type: str
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Council:
    place: str
    council: Body
    committee: Body
    board: Body  # the local safeguarding children board, with a local acronym
    pct: Body
    councillors: list[Person]
    officers: list[Person]
    director: Person
    portfolio_holder: Person
    venue: str

    def bodies(self) -> list[Body]:
        return [self.council, self.committee, self.board, self.pct]


def _people(rng: random.Random, n: int, used: set[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    while len(out) < n:
        pair = (rng.choice(FIRST), rng.choice(SURNAMES))
        # one person per surname+initial, so initials resolve unambiguously
        if any(p[1] == pair[1] and p[0][0] == pair[0][0] for p in used):
            continue
        used.add(pair)
        out.append(pair)
    return out


def make_council(seed: int, index: int) -> Council:
    rng = random.Random(seed * 1000 + index)
    place = PLACES[index % len(PLACES)]
    kind = ["County Council", "Borough Council", "City Council", "Council"][index % 4]
    council = Body(f"{place} {kind}", "council", aliases=[f"{place} Council"])
    committee = Body(COMMITTEES[rng.randrange(len(COMMITTEES))], "committee")
    acr = f"{place[0]}{place[1].upper() if index % 2 else ''}SCB"
    board = Body(f"{place} Safeguarding Children Board", "board", acronym=acr)
    pct = Body(f"{place} Primary Care Trust", "nhs_body", acronym="PCT")
    used: set[tuple[str, str]] = set()
    cllr = [Person(f, s, "Councillor", council.name, councillor=True)
            for f, s in _people(rng, 11, used)]
    offs = [Person(f, s, post, council.name)
            for (f, s), post in zip(_people(rng, 8, used),
                                    rng.sample(OFFICER_POSTS, 8), strict=True)]
    director = offs[0]
    director.role = "Director of Children's Services"
    portfolio = cllr[-1]
    venue = f"Council Chamber, Town Hall, High Street, {place}, {place[:2].upper()}1 {index}AB"
    return Council(place, council, committee, board, pct, cllr, offs, director, portfolio, venue)
