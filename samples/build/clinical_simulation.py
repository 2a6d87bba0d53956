"""Build the clinical-simulation sample: samples/clinical-simulation.xlsx and the same data as CSV.

    python samples/build/clinical_simulation.py

A fictional inter-professional clinical-simulation partnership between two universities and a
teaching hospital, written for landscape. The people are invented; the structure is designed so
that each discipline has something to find (samples/README.md tells the story). The ties are
drawn with a fixed seed, so the output is the same on every run, and the script checks that the
designed features hold before writing anything.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1]
SEED = 20261128

NU, RU, SCH = "Northgate University", "Riverside University", "St Columba's Teaching Hospital"
PAG, RHEN = "St Columba's Patient Advisory Group", "Regional Health Education Network"

SFC = "Simulation Faculty Circle"
DPG = "Debriefing Practice Group"
STN = "Sim Technicians Network"
CPF = "Clinical Preceptors Forum"
SSS = "Student Simulation Society"
SSC = "Simulation Steering Committee"
PSQ = "Patient Safety & Quality Group"

SCENARIO_LIBRARY = "Shared scenario library"
PEARLS = "PEARLS debriefing framework"
CHECKLIST = "Interprofessional competency checklist"
STEERING_MEETING = "Monthly steering meeting"
HUDDLE = "Incident review huddle"
SIM_NIGHTS = "Student sim nights"

FIRST = (
    "Amara Ben Chloe Dmitri Elif Farah Gareth Hana Idris Jonas Keiko Liam Maya Nikhil Olu Priya "
    "Quentin Rosa Sami Tamsin Uma Viktor Wen Xavier Yara Zeynep Aoife Bilal Carmen Dev Esme Felix "
    "Grace Hamid Ines Jack Kofi Leila Mateo Nadia Owen Paula Rafael Sofia Tomas Una Vera Will "
    "Ximena Yusuf Zara Anil Bea Cormac Dana Emeka Fiona Gus Hiro Isla Joel Kemi Luca Mei Niamh "
    "Oscar Pia Rhys Saoirse Theo Ulla Vikram Wanjiru Yosef Zoe Ada Bruno Cleo"
).split()
LAST = (
    "Adeyemi Byrne Castillo Dubois Eriksen Fitzgerald Gupta Haddad Ito Jansen Kowalski Lindqvist "
    "Mbeki Novak O'Connor Petrov Quinn Rahman Silva Tanaka Ulrich Varga Walsh Xu Yilmaz Zielinski "
    "Achebe Brennan Costa Dahl Ekwueme Ferreira Gallagher Horvat Iqbal Jovanovic Kaur Lopez Murphy "
    "Nakamura Okafor Park Rossi Schmidt Torres Usman Vasquez Weber Yamamoto Zhang Abbott Bianchi "
    "Chen Diallo Evans Fischer Grant Hughes Ivanova Johansson Kim Larsen Moreau Nguyen Osei Patel "
    "Reyes Sato Thompson Umar Volkov Wright Andersen Banda Coulibaly Doyle Esposito Fontaine "
    "Gonzaga Halloran Ilunga Jaramillo Keane Lindgren"
).split()


@dataclass
class Person:
    id: str
    name: str
    organisation: str
    stakeholder_group: str
    role: str
    level: int | None
    scale: str
    location: str
    communities: list[str]
    influence: float | None = None
    tags: list[str] = field(default_factory=list)
    leadership_group: str = ""


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        firsts = self.rng.sample(FIRST, len(FIRST))
        lasts = self.rng.sample(LAST, len(LAST))
        # Every first name and every surname is used at most once: no two people share either.
        self.names = iter(f"{first} {last}" for first, last in zip(firsts, lasts))
        self.people: list[Person] = []
        self.ties: list[dict[str, object]] = []
        self.seen: set[tuple[str, str, str]] = set()

    def person(self, organisation: str, group: str, role: str, level: int | None, scale: str,
               location: str, communities: list[str], influence: float | None = None) -> Person:
        person = Person(
            id=f"P{len(self.people) + 1:03d}",
            name=next(self.names),
            organisation=organisation,
            stakeholder_group=group,
            role=role,
            level=level,
            scale=scale,
            location=location,
            communities=communities,
            influence=influence,
        )
        self.people.append(person)
        return person

    def many(self, count: int, *args: object, communities: list[list[str]] | None = None, **kwargs: object) -> list[Person]:
        made = []
        for position in range(count):
            chosen = communities[position] if communities else []
            made.append(self.person(*args, communities=list(chosen), **kwargs))  # type: ignore[arg-type]
        return made

    def tie(self, source: Person, target: Person, kind: str, weight: int = 1, boundary_object: str = "") -> None:
        if source is target:
            return
        direction = "undirected" if kind == "collaboration" else "directed"
        a, b = (source.id, target.id)
        key = (min(a, b), max(a, b), kind) if direction == "undirected" else (a, b, kind)
        if key in self.seen:
            return
        self.seen.add(key)
        self.ties.append({
            "source": source.id, "target": target.id, "type": kind, "weight": weight,
            "direction": direction, "boundary_object": boundary_object,
        })

    def advice(self, source: Person, targets: list[Person], count: int | tuple[int, int], **kwargs: object) -> None:
        pool = [target for target in targets if target is not source]
        if isinstance(count, tuple):
            count = self.rng.randint(*count)
        for target in self.rng.sample(pool, min(count, len(pool))):
            self.tie(source, target, "advice", weight=self.rng.randint(1, 3), **kwargs)  # type: ignore[arg-type]

    def collaborate(self, a: Person, b: Person, boundary_object: str = "") -> None:
        self.tie(a, b, "collaboration", weight=self.rng.randint(1, 6), boundary_object=boundary_object)


def build() -> Builder:
    b = Builder()
    rng = b.rng
    # Northgate University
    nu_dean = b.person(NU, "university leaders", "Dean of Health Sciences", 5, "region", "Northgate campus", [SSC], 8)
    nu_nursing_lead = b.person(NU, "nursing faculty", "Nursing Simulation Programme Lead", 4, "organisation",
                               "Northgate campus", [SFC, SSC], 7)
    nu_medical_lead = b.person(NU, "medical faculty", "Medical School Simulation Lead", 4, "organisation",
                               "Northgate campus", [SFC, SSC], 7)
    nu_nursing = b.many(5, NU, "nursing faculty", "Lecturer in Adult Nursing", 3, "organisation", "Northgate campus",
                        communities=[[SFC, DPG], [SFC, DPG], [SFC], [SFC], [DPG]])
    nu_medical = b.many(5, NU, "medical faculty", "Clinical Skills Tutor", 3, "organisation", "Northgate campus",
                        communities=[[SFC], [SFC], [SFC, DPG], [SFC], [SFC]])
    senior_tech = b.person(NU, "simulation technicians", "Senior Simulation Technician", 2, "team",
                           "Northgate campus", [STN, SFC], 4)
    nu_tech = b.person(NU, "simulation technicians", "Simulation Technician", 2, "team", "Northgate campus", [STN])
    nu_nursing_students = b.many(10, NU, "nursing students", "Nursing Student", 1, "team", "Northgate campus",
                                 communities=[[SSS]] * 6 + [[]] * 4)
    nu_medical_students = b.many(9, NU, "medical students", "Medical Student", 1, "team", "Northgate campus",
                                 communities=[[SSS]] * 4 + [[]] * 5)
    # Riverside University
    ru_head = b.person(RU, "university leaders", "Head of School of Nursing and Allied Health", 5, "region",
                       "Riverside campus", [SSC], 7)
    ru_nursing_lead = b.person(RU, "nursing faculty", "Nursing Simulation Lead", 4, "organisation",
                               "Riverside campus", [SFC, SSC], 6)
    ru_nursing = b.many(4, RU, "nursing faculty", "Senior Lecturer in Nursing", 3, "organisation", "Riverside campus",
                        communities=[[SFC], [SFC, DPG], [SFC], [SFC]])
    ru_allied = [
        b.person(RU, "allied health faculty", "Lecturer in Physiotherapy", 3, "organisation", "Riverside campus", [SFC]),
        b.person(RU, "allied health faculty", "Lecturer in Occupational Therapy", 3, "organisation", "Riverside campus", []),
    ]
    ru_tech = b.person(RU, "simulation technicians", "Simulation Technician", 2, "team", "Riverside campus", [STN])
    ru_students = b.many(8, RU, "nursing students", "Nursing Student", 1, "team", "Riverside campus",
                         communities=[[SSS]] * 3 + [[]] * 5)
    # St Columba's Teaching Hospital
    director = b.person(SCH, "hospital managers", "Director of Nursing", 5, "organisation", "St Columba's", [SSC, PSQ], 9)
    education_manager = b.person(SCH, "hospital managers", "Clinical Education Manager", 4, "organisation",
                                 "St Columba's", [SSC, CPF], 7)
    ward_manager_a = b.person(SCH, "hospital managers", "Ward Manager, Acute Medicine", 4, "team", "St Columba's",
                              [PSQ, CPF], 5)
    ward_manager_b = b.person(SCH, "hospital managers", "Ward Manager, Surgery", 4, "team", "St Columba's", [PSQ], 5)
    quality_lead = b.person(SCH, "hospital managers", "Quality and Safety Lead", 4, "organisation", "St Columba's",
                            [PSQ], 6)
    nurse_preceptors = b.many(8, SCH, "clinical preceptors", "Charge Nurse (Preceptor)", 3, "team", "St Columba's",
                              communities=[[CPF, DPG], [CPF, DPG], [CPF], [CPF], [CPF], [CPF, PSQ], [CPF], [CPF]])
    doctor_preceptors = b.many(4, SCH, "clinical preceptors", "Registrar (Preceptor)", 3, "team", "St Columba's",
                               communities=[[CPF, DPG], [CPF], [CPF], [CPF]])
    consultants = b.many(2, SCH, "medical faculty", "Consultant Educator", 4, "organisation", "St Columba's",
                         communities=[[SFC, DPG], [DPG]])
    sch_techs = b.many(2, SCH, "simulation technicians", "In-situ Simulation Technician", 2, "team", "St Columba's",
                       communities=[[STN], [STN]])
    patient_advisor = b.person(PAG, "patient advisors", "Patient Advisor", None, "community", "St Columba's", [PSQ])
    # Regional Health Education Network
    convener = b.person(RHEN, "regional network staff", "Regional Simulation Coordinator", 4, "region",
                        "Regional office", [SSC, SFC], 8)
    officer = b.person(RHEN, "regional network staff", "Regional Education Officer", 3, "region", "Regional office", [SSC])
    liaison = b.person(RHEN, "regional network staff", "National Simulation Society Liaison", 3, "nation",
                       "Regional office", [])

    nu_faculty = [nu_nursing_lead, nu_medical_lead, *nu_nursing, *nu_medical]
    ru_faculty = [ru_nursing_lead, *ru_nursing]
    techs = [senior_tech, nu_tech, ru_tech, *sch_techs]
    preceptors = nurse_preceptors + doctor_preceptors
    debriefers = [p for p in b.people if DPG in p.communities]
    steering = [p for p in b.people if SSC in p.communities]
    society = [p for p in b.people if SSS in p.communities]
    ordinary_nu_nursing = [p for p in nu_nursing if SSC not in p.communities]
    ordinary_nu_medical = [p for p in nu_medical if SSC not in p.communities]

    # Advice: who goes to whom.
    for student in nu_nursing_students:
        b.advice(student, ordinary_nu_nursing, (2, 3))
        if rng.random() < 0.4:
            b.advice(student, nurse_preceptors, 1)
        if rng.random() < 0.3:
            b.advice(student, [nu_tech, senior_tech], 1)
    for student in nu_medical_students:
        b.advice(student, ordinary_nu_medical, (2, 3))
        if rng.random() < 0.4:
            b.advice(student, doctor_preceptors, 1)
    for student in ru_students:
        b.advice(student, ru_nursing, (2, 3))
        if rng.random() < 0.3:
            b.advice(student, [ru_tech], 1)
    for group in (nu_nursing_students, nu_medical_students, ru_students):
        members = [s for s in group if SSS in s.communities]
        for student in members:
            b.advice(student, members, 1)
    for person in nu_faculty + ru_faculty + consultants:
        colleagues = [p for p in nu_faculty + ru_faculty + consultants if set(p.communities) & set(person.communities)]
        b.advice(person, colleagues, (2, 3))
        if rng.random() < 0.75:
            b.tie(person, senior_tech, "advice", weight=rng.randint(1, 3))
        if rng.random() < 0.15:
            b.advice(person, ru_faculty if person in nu_faculty else nu_faculty, 1)
    for lead in (nu_nursing_lead, nu_medical_lead, ru_nursing_lead):
        b.tie(lead, convener, "advice", weight=2)
        b.tie(convener, lead, "advice", weight=1)
    for tech in techs:
        b.advice(tech, [t for t in techs if t is not tech], 2)
        b.tie(tech, senior_tech, "advice", weight=3)
    for preceptor in preceptors:
        b.advice(preceptor, preceptors, (1, 3))
        if rng.random() < 0.5:
            b.tie(preceptor, education_manager, "advice", weight=1)
        if DPG in preceptor.communities or rng.random() < 0.3:
            b.advice(preceptor, [p for p in debriefers if p.organisation != SCH], 1, boundary_object=PEARLS)
    for manager in (education_manager, ward_manager_a, ward_manager_b, quality_lead):
        b.tie(manager, director, "advice", weight=2)
    b.tie(ward_manager_b, ward_manager_a, "advice", weight=1)
    b.tie(quality_lead, ward_manager_a, "advice", weight=2)
    for person in ru_allied:
        b.tie(person, ru_nursing_lead, "advice", weight=1)
    b.tie(ru_allied[0], senior_tech, "advice", weight=1)
    b.tie(patient_advisor, ward_manager_a, "advice", weight=1)
    b.tie(ward_manager_a, patient_advisor, "advice", weight=2)
    b.tie(officer, convener, "advice", weight=2)
    b.tie(liaison, convener, "advice", weight=1)
    b.tie(convener, liaison, "advice", weight=1)
    b.tie(nu_nursing_lead, nu_dean, "advice", weight=1)

    # Collaboration: who runs simulations, debriefs and governs together.
    for person in nu_faculty:
        for tech in rng.sample([senior_tech, nu_tech], rng.randint(1, 2)):
            b.collaborate(person, tech, SCENARIO_LIBRARY)
    for person in ru_faculty:
        b.collaborate(person, ru_tech, SCENARIO_LIBRARY)
        if rng.random() < 0.5:
            b.collaborate(person, senior_tech, SCENARIO_LIBRARY)
    for a, c in zip(rng.sample(nu_nursing, 3), rng.sample(ru_nursing, 3)):
        b.collaborate(a, c, SCENARIO_LIBRARY)
    for position, a in enumerate(debriefers):
        for c in debriefers[position + 1:]:
            if rng.random() < 0.25:
                b.collaborate(a, c, PEARLS)
    for preceptor in preceptors:
        b.collaborate(preceptor, rng.choice(consultants), CHECKLIST)
        b.collaborate(preceptor, rng.choice(sch_techs), "")
    for position, a in enumerate(steering):
        for c in steering[position + 1:]:
            if rng.random() < 0.45:
                b.collaborate(a, c, STEERING_MEETING)
    for a, c in ((director, ward_manager_a), (director, quality_lead), (ward_manager_a, quality_lead),
                 (ward_manager_b, quality_lead), (ward_manager_a, patient_advisor), (nurse_preceptors[5], quality_lead)):
        b.collaborate(a, c, HUDDLE)
    for position, a in enumerate(society):
        for c in society[position + 1:]:
            if rng.random() < 0.2:
                b.collaborate(a, c, SIM_NIGHTS)
    for tech in techs:
        b.collaborate(tech, convener, "")
    b.collaborate(liaison, officer, "")

    # Reporting lines: who reports to whom (i -> j: i reports to j).
    lines = [(nu_nursing_lead, nu_dean), (nu_medical_lead, nu_dean), (ru_nursing_lead, ru_head),
             (education_manager, director), (ward_manager_a, director), (ward_manager_b, director),
             (quality_lead, director), (officer, convener), (liaison, convener)]
    lines += [(p, nu_nursing_lead) for p in nu_nursing]
    lines += [(p, nu_medical_lead) for p in nu_medical + [senior_tech]]
    lines += [(nu_tech, senior_tech)]
    lines += [(p, ru_nursing_lead) for p in ru_nursing + ru_allied + [ru_tech]]
    lines += [(p, ward_manager_a if position % 2 == 0 else ward_manager_b) for position, p in enumerate(nurse_preceptors)]
    lines += [(p, education_manager) for p in doctor_preceptors + consultants + sch_techs]
    for junior, senior in lines:
        b.tie(junior, senior, "reports_to")

    _check(b, society, steering, patient_advisor, ward_manager_a, senior_tech)
    _leadership(b)
    return b


#: Who holds which leadership group (Wenger-Trayner); nobody is a value detective, and most communities
#: lack one group or another: what the Leadership section asks about.
LEADERSHIP_GROUPS = {
    "P002": "agenda activists", "P005": "community keepers", "P004": "community keepers",
    "P038": "critical friends", "P069": "social reporters", "P074": "external messengers",
    "P014": "organisational brokers", "P053": "organisational brokers", "P036": "agenda activists",
}


def _leadership(b: Builder) -> None:
    """Who looks to whom for leadership in the faculty-led community, asked twice (2024 and 2025):
    in 2024 most look to the nursing programme lead; by 2025 a technician and two lecturers are
    widely looked to as well, and the four look to each other (the emergence story). Drawn with
    its own seed, so that the other ties stay as they were."""
    rng = random.Random(SEED + 19)
    by_id = {p.id: p for p in b.people}
    for pid, group in LEADERSHIP_GROUPS.items():
        by_id[pid].leadership_group = group
    faculty = [p for p in b.people if {SFC, DPG, STN} & set(p.communities)]
    waves = {
        "2024": (["P002"] * 6 + ["P003", "P036"], {"P002": ["P003"], "P003": ["P002"], "P036": ["P002"]}),
        "2025": (["P002", "P014", "P014", "P038", "P005"],
                 {"P002": ["P014", "P038"], "P014": ["P002", "P005"], "P038": ["P014", "P002"],
                  "P005": ["P038", "P014"], "P003": ["P002"], "P036": ["P038"]}),
    }
    for wave, (pool, fixed) in waves.items():
        for person in faculty:
            named = fixed.get(person.id) or sorted({rng.choice(pool) for _ in range(2)})
            for target in named:
                if target != person.id:
                    b.ties.append({"source": person.id, "target": target, "type": "looks_to_for_leadership",
                                   "weight": 1, "direction": "directed", "boundary_object": "", "wave": wave})


def _check(b: Builder, society: list[Person], steering: list[Person], patient_advisor: Person,
           ward_manager_a: Person, senior_tech: Person) -> None:
    """Stop if a feature the README promises did not come out of the draw."""
    problems = []
    society_ids = {p.id for p in society}
    steering_ids = {p.id for p in steering}
    for tie in b.ties:
        ends = {tie["source"], tie["target"]}
        if ends & society_ids and ends & steering_ids:
            problems.append(f"a tie between the student society and the steering committee: {tie}")
        if patient_advisor.id in ends and ward_manager_a.id not in ends:
            problems.append(f"the patient advisor has a tie to someone other than ward manager A: {tie}")
    sought = {}
    for tie in b.ties:
        if tie["type"] == "advice":
            sought[tie["target"]] = sought.get(tie["target"], 0) + 1
    top = max(sought, key=sought.get)
    if top != senior_tech.id:
        problems.append(f"the senior technician is not the most sought-out for advice ({top} is)")
    if not 60 <= len(b.people) <= 120 or not 200 <= len(b.ties) <= 600:
        problems.append(f"{len(b.people)} people and {len(b.ties)} ties is outside the sample's bounds")
    if problems:
        sys.exit("\n".join(problems))


PARTICIPANT_COLUMNS = ["id", "name", "organisation", "community", "stakeholder_group", "role", "level",
                       "scale", "influence", "location", "leadership_group"]
RELATIONSHIP_COLUMNS = ["source", "target", "type", "direction", "weight", "boundary_object", "wave"]
VOICES = [
    ("nursing faculty", 8, None, "Nurses run most of the partnership's simulations."),
    ("medical faculty", 8, None, "Doctors teach and assess in the inter-professional scenarios."),
    ("simulation technicians", 4, None, "Technicians build and run the scenarios and the equipment."),
    ("clinical preceptors", 10, None, "Preceptors bring simulation learning onto the wards."),
    ("hospital managers", 3, None, "Managers release staff for simulation and act on what it finds."),
    ("nursing students", None, 0.15, "Students are who the simulations are for."),
    ("medical students", None, 0.10, "Students are who the simulations are for."),
    ("allied health faculty", 3, None, "Physiotherapy and occupational therapy share the wards and the handovers."),
    ("patient advisors", 4, None, "Patients know what care feels like; their stories make scenarios real."),
    ("pharmacists", 2, None, "Medication errors are the incident simulated most often; pharmacists know how they happen."),
    ("paramedics", 2, None, "Handover from ambulance crews is one of the partnership's key scenarios."),
]
COMMUNITIES = [
    (SFC, "Harbourside Simulation Partnership", "partnership",
     "Faculty of both universities who design and run simulation scenarios."),
    (DPG, "Harbourside Simulation Partnership", "partnership",
     "Faculty and preceptors who practise and improve debriefing."),
    (STN, "Harbourside Simulation Partnership", "partnership",
     "Simulation technicians of the three sites."),
    (SSC, "Harbourside Simulation Partnership", "partnership",
     "The partnership's governance: leaders of the three organisations and the regional network."),
    (CPF, SCH, "organisation", "Nurses and doctors who supervise students on placement."),
    (PSQ, SCH, "organisation", "The hospital's patient safety and quality improvement group."),
    (SSS, "Harbourside Simulation Partnership", "partnership",
     "Students of both universities who organise extra simulation practice."),
    ("Harbourside Simulation Partnership", RHEN, "region",
     "The partnership of Northgate University, Riverside University and St Columba's."),
]


#: The facilitator's own tour of the atlas (the Story sheet): what to say at each step, as said to
#: the room, the view to show, whom and what to point at, and the question to ask.
STORY_COLUMNS = ["step", "title", "view", "people", "groups", "text", "question"]
STORY = [
    (1, "Who is not in the room?", "voices", "P073; P054", "pharmacists; paramedics; patient advisors",
     "Let's start with the empty chairs. Our own roster asks for pharmacists and paramedics, and nobody from "
     "either group is on this map. We hoped for four patient advisors and we have one, Felix Kowalski, and every "
     "tie he has runs through Leila Lindqvist.",
     "Whose stories are we writing scenarios without, and who could we invite before the next cycle?"),
    (2, "Here, but hardly heard", "voices", "", "nursing students; medical students",
     "Students are more than a third of the people here: 27 of 76. Yet they are named as someone to go to for "
     "advice only 13 times in 235. Look how pale they sit at the edge of the map.",
     "When did a student last change how we run a scenario, and what would make it easy to ask them?"),
    (3, "Sought out beyond rank", "power", "Yara Fischer", "",
     "Now the Power view: the most senior people sit at the top. The person most of us go to for advice is not "
     "up there. Yara Fischer, the senior simulation technician at Northgate, is named 20 times, by people from "
     "all three organisations. The Dean is named once.",
     "What does Yara Fischer know that everyone needs, and where does it show up when we decide things?"),
    (4, "The boundary nobody crosses", "boundaries", "", "Student Simulation Society; Simulation Steering Committee",
     "Every pair of communities is joined by at least one tie, except one: the Student Simulation Society and "
     "the Simulation Steering Committee. Students have no line to the people who govern the partnership.",
     "Who could carry the students' questions to the steering committee, and could the scenario library help?"),
    (5, "A cluster nobody drew", "scale", "P052; P001; P035; P074", "",
     "Next, Scale. The clusters our ties form follow organisations and professions, with one exception: the "
     "managers, leaders and regional staff of all three organisations form a cluster of their own, wider than "
     "the steering committee on paper.",
     "Is this a leadership community we want to name and support, or one that should open its doors?"),
    (6, "Leadership that grew", "leadership", "Bilal Halloran; Yara Fischer; Zara Fontaine; Olu Thompson", "",
     "Finally, Leadership. In 2024 most of us looked to one person for leadership, Olu Thompson. This year four "
     "people are widely looked to, and they look to each other: Bilal Halloran, Yara Fischer and Zara Fontaine "
     "have joined Olu. Yara is a technician, Bilal and Zara are lecturers.",
     "What helped them step forward, and how do we make room for the next ones?"),
]


#: Value-creation stories the partnership collected (Wenger, Trayner & de Laat's cycles): who tells
#: them, whom and which community or boundary they concern, and whether their words may be quoted.
STORIES_COLUMNS = ["id", "title", "teller", "people", "community", "boundary", "source", "target", "activity",
                   "cycles", "indicators", "date", "consent", "text"]
STORIES = [
    ("S1", "PEARLS reaches the wards", "P005", "P005; P004", DPG, "", "", "", "Debriefing practice evenings",
     "immediate; potential; applied", "Ward simulations debriefed with PEARLS: 3 of 20 in 2024, 14 of 20 in 2025",
     "2025-03", "yes",
     "Zara Fontaine and Ben Diallo practised PEARLS on each other's debriefs every month. The preceptors who came "
     "now use it after ward simulations, and students say they know what to expect."),
    ("S2", "Half the set-up time", "P014", "P014; P036", "", f"{STN}; {SFC}", "", "", "Technician drop-in",
     "immediate; applied; realised", "Scenario set-up time: 55 minutes on average in 2024, 25 in 2025",
     "2025-01", "yes",
     "Yara Fischer showed Dana Ito's team how to reset the manikin between runs. Riverside now runs three "
     "scenarios in a morning instead of two."),
    ("S3", "Students at the table", "P074", "", "", f"{SSC}; {SSS}", "", "", "Student sim nights",
     "potential; reframing", "Steering committee minutes, October 2024", "2024-10", "no",
     "Will Chen brought two students' questions to the steering committee, which changed how it judges a "
     "scenario's success."),
    ("S4", "A shared language for feedback", "P053", "", CPF, "", "", "", "Preceptors' forum",
     "immediate; potential", "Forum attendance: 9 of 14 preceptors", "2024-11", "yes",
     "The preceptors agreed on four phrases for giving feedback after a simulation, written on a card each "
     "carries."),
    ("S5", "The competency checklist goes to the board", "P002", "", "", "", "P002", "P069", CHECKLIST,
     "applied; strategic", "The checklist adopted by the hospital's education board", "2025-02", "yes",
     "Olu Thompson and Elif Grant rewrote the interprofessional competency checklist together; the hospital's "
     "education board adopted it for every placement."),
    ("S6", "Why we simulate", "P038", "", SFC, "", "", "", "Faculty away day",
     "orienting; enabling", "Away day notes", "2025-04", "yes",
     "Bilal Halloran asked the faculty circle what each scenario is for. The circle now starts every design "
     "meeting with that question."),
]


def _participant_rows(b: Builder) -> list[list[object]]:
    return [
        [p.id, p.name, p.organisation, ";".join(p.communities), p.stakeholder_group, p.role,
         p.level, p.scale, p.influence, p.location, p.leadership_group]
        for p in b.people
    ]


def _relationship_rows(b: Builder) -> list[list[object]]:
    return [[tie.get(column, "") for column in RELATIONSHIP_COLUMNS] for tie in b.ties]


def _cell(value: object) -> object:
    return None if value in ("", None) else value


def write(b: Builder, out: Path = SAMPLES) -> None:
    """Write clinical-simulation.xlsx and the clinical-simulation/ CSV folder into ``out``."""
    tables = {
        "participants": (PARTICIPANT_COLUMNS, _participant_rows(b)),
        "relationships": (RELATIONSHIP_COLUMNS, _relationship_rows(b)),
        "voices": (["stakeholder_group", "expected", "expected_share", "why"], [list(v) for v in VOICES]),
        "communities": (["community", "parent", "scale", "description"], [list(c) for c in COMMUNITIES]),
        "story": (STORY_COLUMNS, [list(step) for step in STORY]),
        "stories": (STORIES_COLUMNS, [list(story) for story in STORIES]),
    }
    folder = out / "clinical-simulation"
    folder.mkdir(exist_ok=True)
    for name, (header, rows) in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([["" if value is None else value for value in row] for row in rows])

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    about = workbook.active
    about.title = "About"
    about.append(["Clinical simulation partnership: a fictional sample for landscape"])
    about["A1"].font = Font(bold=True, size=13)
    about.append(["Two universities and a teaching hospital run inter-professional clinical simulation "
                  "together. Everyone in it is invented. See samples/README.md for the story."])
    for name, (header, rows) in tables.items():
        sheet = workbook.create_sheet(name.capitalize())
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(value) for value in row])
        for position, column in enumerate(header, start=1):
            width = max([len(str(column))] + [len(str(row[position - 1] or "")) for row in rows])
            sheet.column_dimensions[get_column_letter(position)].width = min(60, width + 2)
        sheet.freeze_panes = "A2"
    workbook.properties.creator = "landscape"
    workbook.save(out / "clinical-simulation.xlsx")


if __name__ == "__main__":
    built = build()
    write(built)
    print(f"{len(built.people)} participants, {len(built.ties)} relationships")
