"""Word lists and small tables the generator draws from: roles, committees, glossary terms,
plan content by domain, column header wordings, hierarchy labels, chrome text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Role:
    acronym: str | None  # None: printed in full only
    title: str
    portfolio: str


ROLES: tuple[Role, ...] = (
    Role("CEO", "Chief Executive Officer", "chief_executive"),  # as the corpus gold expands it
    Role("COO", "Chief Operating Officer", "operations"),
    Role("DoO", "Director of Operations", "operations"),
    Role("DCOO", "Deputy Chief Operating Officer", "operations"),
    Role("CFO", "Chief Financial Officer", "finance"),
    Role("DoF", "Director of Finance", "finance"),
    Role("CNO", "Chief Nursing Officer", "nursing"),
    Role("DoN", "Director of Nursing", "nursing"),
    Role(None, "Chief Nurse", "nursing"),
    Role("DIPC", "Director of Infection Prevention and Control", "nursing"),
    Role("CMO", "Chief Medical Officer", "medical"),
    Role("MD", "Medical Director", "medical"),
    Role("CPO", "Chief People Officer", "workforce"),
    Role("DoW", "Director of Workforce", "workforce"),
    Role(None, "Director of People and Culture", "workforce"),
    Role("CDIO", "Chief Digital and Information Officer", "digital"),
    Role("CIO", "Chief Information Officer", "digital"),
    Role("CCIO", "Chief Clinical Information Officer", "digital"),
    Role("DoS", "Director of Strategy", "strategy"),
    Role("CSO", "Chief Strategy Officer", "strategy"),
    Role("DSP", "Director of Strategy and Partnerships", "strategy"),
    Role("DCA", "Director of Corporate Affairs", "governance"),
    Role(None, "Trust Secretary", "governance"),
    Role("DoG", "Director of Governance", "governance"),
    Role("DoE", "Director of Estates", "estates"),
    Role("DEF", "Director of Estates and Facilities", "estates"),
    Role("DoC", "Director of Communications", "communications"),
    Role("DCE", "Director of Communications and Engagement", "communications"),
    Role("DoR", "Director of Research", "innovation_research"),
    Role("DRI", "Director of Research and Innovation", "innovation_research"),
    Role("DoT", "Director of Transformation", "transformation"),
    Role("CTO", "Chief Transformation Officer", "transformation"),
    Role("DD", "Divisional Director", "divisional"),
    Role(None, "Clinical Director for Surgery", "divisional"),
)


@dataclass(frozen=True, slots=True)
class Committee:
    acronym: str | None
    name: str


COMMITTEES: tuple[Committee, ...] = (
    Committee("QSC", "Quality and Safety Committee"),
    Committee("QC", "Quality Committee"),
    Committee("FPC", "Finance and Performance Committee"),
    Committee("FIC", "Finance and Investment Committee"),
    Committee("PC", "People Committee"),
    Committee("PODC", "People and Organisational Development Committee"),
    Committee("ARC", "Audit and Risk Committee"),
    Committee("EMC", "Executive Management Committee"),
    Committee("TMB", "Trust Management Board"),
    Committee("SC", "Strategy Committee"),
    Committee("DDC", "Digital and Data Committee"),
    Committee("CEAG", "Chief Executive's Advisory Group"),
    Committee("RIC", "Research and Innovation Committee"),
    Committee("SSC", "Sustainability Steering Committee"),
    Committee(None, "Board of Directors"),
)

# Abbreviations a key may define that are neither roles nor groups (kind "other").
OTHER_TERMS: tuple[tuple[str, str], ...] = (
    ("CIP", "Cost improvement programme"),
    ("UEC", "Urgent and emergency care"),
    ("ICB", "Integrated care board"),
    ("CQC", "Care Quality Commission"),
    ("EPR", "Electronic patient record"),
    ("PSIRF", "Patient Safety Incident Response Framework"),
    ("SDEC", "Same day emergency care"),
    ("AHP", "Allied health professional"),
    ("RTT", "Referral to treatment"),
    ("UCR", "Urgent community response"),
    ("VCSE", "Voluntary, community and social enterprise"),
    ("WRES", "Workforce Race Equality Standard"),
    ("PCN", "Primary care network"),
    ("CDC", "Community diagnostic centre"),
)

FIRST_NAMES = ("Jane", "Amir", "Sarah", "David", "Priya", "Michael", "Helen", "Tomasz", "Grace", "Oluwaseun",
               "Rachel", "Neil", "Fiona", "Imran", "Claire", "Gareth", "Mei", "Joanne", "Kwame", "Lucy")
SURNAMES = ("Smith", "Patel", "Jones", "O'Connor", "Williams", "Khan", "Brown", "Nowak", "Taylor", "Adeyemi",
            "Davies", "Hughes", "Chen", "Walker", "Thompson", "Ahmed", "Roberts", "Evans", "Murphy", "Clarke")
HONORIFICS = ("", "", "", "Dr ", "Mr ", "Mrs ", "Ms ", "Prof ")


# --------------------------------------------------------------------------- content by domain
@dataclass(frozen=True, slots=True)
class Metric:
    """One measurable thing: `name` for a measures table, `subject` inside a sentence."""

    name: str
    subject: str
    unit: str  # %, days, weeks, hours, count, GBP
    lo: float
    hi: float
    decimals: int
    lower_is_better: bool
    counted: bool = False  # a count of things: "1,200 patients recruited ..." (subject is the noun phrase)
    relative: bool = False  # only "reduced by / increased by N%" makes sense


@dataclass(frozen=True, slots=True)
class Domain:
    key: str
    themes: tuple[str, ...]
    objectives: tuple[str, ...]
    create: tuple[str, ...]  # things to deliver / introduce
    reduce: tuple[str, ...]  # things to reduce
    improve: tuple[str, ...]  # things to improve
    metrics: tuple[Metric, ...]
    # (measure name, sentence, target cell, comparator, value, unit): measures worded one way only
    fixed: tuple[tuple[str, str, str, str, float, str], ...] = ()
    wordy: tuple[str, ...] = ()  # measures with no number
    owners: tuple[str, ...] = ()  # portfolios that lead this domain
    committees: tuple[str, ...] = ()  # committee names that assure it


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "quality",
        ("Quality and safety", "Safe, high-quality care", "Outstanding care, every time"),
        ("Reduce avoidable harm to patients", "Improve the experience of patients and carers",
         "Learn from incidents, complaints and claims", "Strengthen infection prevention and control",
         "Make maternity services safer", "Improve care at the end of life"),
        ("the Patient Safety Incident Response Framework", "electronic observations on all adult wards",
         "a falls prevention programme for older inpatients", "a dedicated sepsis outreach team",
         "seven-day clinical pharmacy cover", "a freedom to speak up champion network",
         "the national maternity safety standards", "a bereavement support service for families"),
        ("hospital-acquired pressure ulcers", "inpatient falls resulting in harm", "medication administration errors",
         "the backlog of open complaints", "healthcare-associated infections"),
        ("the timeliness of complaint responses", "nutrition and hydration on inpatient wards",
         "the recognition of deteriorating patients", "mortality review processes", "learning from deaths"),
        (Metric("Hospital-acquired pressure ulcers per 1,000 bed days", "pressure ulcers per 1,000 bed days",
                "count", 0.5, 2.5, 1, True),
         Metric("Complaints answered within 25 working days", "complaints answered within 25 working days",
                "%", 75, 95, 0, False),
         Metric("Harm-free care (safety thermometer)", "harm-free care on the safety thermometer", "%",
                92, 99, 0, False),
         Metric("Clostridioides difficile cases", "C. difficile cases in the year", "count", 20, 60, 0, True, True),
         Metric("Friends and Family Test positive responses", "positive Friends and Family Test responses",
                "%", 85, 97, 0, False)),
        (("Never events", "Zero never events", "Zero", "=", 0, "count"),),
        ("Maternity services rated Good by the CQC", "Safewards accreditation achieved on every inpatient ward"),
        ("nursing", "medical", "governance"),
        ("Quality and Safety Committee", "Quality Committee"),
    ),
    Domain(
        "access",
        ("Access and performance", "Timely access to care", "Urgent and emergency care", "Elective recovery"),
        ("Reduce waiting times for planned care", "Improve flow through our hospitals",
         "Deliver the urgent and emergency care recovery plan", "Recover cancer performance",
         "Provide more care closer to home", "Make outpatient services more productive"),
        ("a same day emergency care unit", "an urgent community response service", "a virtual ward for frailty",
         "a discharge lounge staffed seven days a week", "a community diagnostic centre",
         "a surgical hub for day-case procedures", "a single point of access for referrals",
         "patient-initiated follow-up in outpatient clinics"),
        ("ambulance handover delays", "the number of patients waiting over 65 weeks", "delayed discharges",
         "the cancer treatment backlog", "waits for diagnostic tests", "missed outpatient appointments"),
        ("theatre utilisation", "patient flow through the emergency department", "outpatient productivity",
         "the booking of elective procedures"),
        (Metric("Patients seen within four hours in A&E", "A&E patients seen within four hours", "%", 76, 95, 0,
                False),
         Metric("Average length of stay", "average length of stay", "days", 4, 9, 1, True),
         Metric("Ambulance handover time", "average ambulance handover time", "hours", 0.5, 2, 1, True),
         Metric("Diagnostic tests within six weeks", "diagnostic tests carried out within six weeks", "%",
                85, 99, 0, False),
         Metric("Longest wait for elective treatment", "the longest wait for elective treatment", "weeks",
                52, 78, 0, True),
         Metric("Adult general and acute bed occupancy", "adult bed occupancy", "%", 88, 95, 0, True)),
        (("Patients treated within 18 weeks of referral", "92% of patients treated within 18 weeks of referral",
          "92%", "=", 92, "%"),),
        ("Cancer faster diagnosis standard met every month", "Full compliance with the discharge policy"),
        ("operations", "divisional"),
        ("Finance and Performance Committee", "Executive Management Committee"),
    ),
    Domain(
        "workforce",
        ("Our people", "Great place to work", "Looking after our people", "Workforce"),
        ("Recruit and retain the staff we need", "Support the health and wellbeing of our staff",
         "Build an inclusive culture", "Develop our leaders", "Reduce reliance on temporary staffing",
         "Grow our own workforce"),
        ("a new health and wellbeing offer for staff", "an international nurse recruitment campaign",
         "a leadership development programme for band 7 staff", "a career pathway for healthcare support workers",
         "e-rostering for medical staff", "a reverse mentoring scheme for the executive team",
         "flexible working options in every division", "a staff housing scheme near the main site"),
        ("agency spend", "nursing vacancy rates", "staff sickness absence", "time to hire",
         "bullying and harassment reported in the staff survey"),
        ("appraisal compliance", "the experience of staff from ethnic minority backgrounds",
         "mandatory training compliance", "the induction of newly qualified nurses"),
        (Metric("Staff turnover", "staff turnover", "%", 9, 15, 1, True),
         Metric("Sickness absence rate", "sickness absence", "%", 3.5, 6, 1, True),
         Metric("Staff engagement score", "staff engagement score", "count", 6.5, 7.5, 1, False),
         Metric("Vacancy rate", "the vacancy rate", "%", 5, 12, 1, True),
         Metric("Appraisal rate", "appraisal rates", "%", 80, 95, 0, False),
         Metric("Apprenticeship starts", "new apprentices in post", "count", 40, 150, 0, False, True)),
        (("Agency spend as a share of the pay bill", "Agency spend below 3.2% of the pay bill", "below 3.2%", "<",
          3.2, "%"),),
        ("Staff survey results in the top quartile of acute trusts", "Rollout of the new wellbeing offer completed"),
        ("workforce",),
        ("People Committee", "People and Organisational Development Committee"),
    ),
    Domain(
        "finance",
        ("Financial sustainability", "Use of resources", "Value for money"),
        ("Deliver the financial plan", "Improve productivity and efficiency", "Invest in our future",
         "Reduce waste and variation"),
        ("a recurrent cost improvement programme", "a procurement savings plan with partners",
         "service-line reporting for all divisions", "a five-year capital programme",
         "a benefits realisation framework for investments"),
        ("spend on temporary staffing", "the underlying deficit", "corporate overhead costs", "drug expenditure"),
        ("the accuracy of clinical coding", "financial grip and control", "productivity in corporate services",
         "the management of our asset register"),
        (Metric("Recurrent savings", "recurrent savings", "GBP", 1.2, 9.5, 1, False),
         Metric("Underlying deficit", "the underlying deficit", "GBP", 2, 15, 1, True),
         Metric("Cost per weighted activity unit", "cost per weighted activity unit", "%", 2, 6, 0, True,
                relative=True)),
        (("Cost improvement savings", "£4.6m of cost improvement savings", "£4.6m", "=", 4600000, "GBP"),),
        ("Break-even position at year end", "Capital plan delivered in full"),
        ("finance",),
        ("Finance and Performance Committee", "Finance and Investment Committee", "Audit and Risk Committee"),
    ),
    Domain(
        "digital",
        ("Digital transformation", "Digital and data", "Technology that works for everyone"),
        ("Replace our electronic patient record", "Give patients access to digital services",
         "Use data to improve care", "Keep our systems safe and secure"),
        ("a new electronic patient record", "a patient portal for appointments and letters",
         "robotic process automation in finance", "electronic prescribing on every ward",
         "a shared care record with local partners", "single sign-on for clinical systems",
         "voice recognition software for clinic letters"),
        ("paper records in outpatient clinics", "cyber security risk", "unplanned system downtime"),
        ("data quality in the patient administration system", "the resilience of the hospital network",
         "the use of business intelligence dashboards", "digital skills across the workforce"),
        (Metric("Patients registered on the portal", "patients registered on the portal", "%", 20, 60, 0, False),
         Metric("Unplanned system downtime", "unplanned system downtime per month", "hours", 2, 12, 0, True),
         Metric("Data security training compliance", "data security training compliance", "%", 90, 98, 0,
                False)),
        (),
        ("Data Security and Protection Toolkit standards met", "Go-live of the new electronic patient record"),
        ("digital",),
        ("Digital and Data Committee", "Finance and Performance Committee"),
    ),
    Domain(
        "partnerships",
        ("Partnerships and population health", "Working with our partners", "Reducing health inequalities"),
        ("Tackle health inequalities", "Act as an anchor institution", "Join up care with our partners",
         "Prevent ill health"),
        ("a health inequalities programme for the most deprived areas", "an anchor institution strategy",
         "a joint frailty pathway with primary care", "community health hubs in two market towns",
         "a smoking cessation service for inpatients", "a local employment scheme with the council"),
        ("inequalities in access to elective care", "missed appointments among patients from deprived areas",
         "alcohol-related admissions"),
        ("joint working with the voluntary sector", "integration with adult social care",
         "the sharing of population health data"),
        (Metric("Inpatients referred to stop-smoking support", "inpatient smokers referred to stop-smoking support",
                "%", 60, 90, 0, False),
         Metric("Local people recruited", "local people recruited from the most deprived postcodes", "count",
                50, 200, 0, False, True)),
        (),
        ("Population health plan agreed with the ICB", "Anchor charter signed by all partners"),
        ("strategy", "chief_executive"),
        ("Strategy Committee", "Board of Directors"),
    ),
    Domain(
        "estates",
        ("Estates and sustainability", "A greener NHS", "Fit-for-purpose buildings"),
        ("Deliver our Green Plan", "Improve the condition of the estate", "Build for the future"),
        ("the Green Plan", "LED lighting across the estate", "electric vehicle charging points for staff",
         "a new ward block at the main site", "a site development control plan", "solar panels on the car park"),
        ("carbon emissions from our buildings", "backlog maintenance", "clinical waste sent to incineration",
         "anaesthetic gas emissions"),
        ("the condition of the estate", "space utilisation in outpatient areas", "the cleanliness of public areas"),
        (Metric("Carbon emissions", "carbon emissions", "%", 10, 30, 0, True, relative=True),
         Metric("High-risk backlog maintenance", "high-risk backlog maintenance", "GBP", 3, 20, 1, True)),
        (),
        ("Green Plan milestones delivered on time",),
        ("estates",),
        ("Sustainability Steering Committee", "Finance and Investment Committee"),
    ),
    Domain(
        "research",
        ("Research and innovation", "Research, education and innovation", "Learning and innovation"),
        ("Grow research across the trust", "Spread innovation and improvement", "Be a great place to learn"),
        ("a clinical research facility", "a new research strategy", "an innovation hub with the university",
         "a medical education strategy", "a quality improvement academy"),
        ("the time taken to set up new studies",),
        ("links with local universities", "the training offer for resident doctors"),
        (Metric("Patients recruited to research studies", "patients recruited to research studies", "count",
                800, 3000, 0, False, True),
         Metric("Staff trained in quality improvement", "staff trained in quality improvement", "count", 100,
                600, 0, False, True)),
        (),
        ("University teaching hospital status achieved",),
        ("innovation_research", "transformation", "medical"),
        ("Research and Innovation Committee", "Quality Committee"),
    ),
)

CREATE_VERBS = ("Deliver", "Implement", "Introduce", "Launch", "Roll out", "Establish", "Develop",
                "Complete the roll-out of", "Design and deliver", "Mobilise", "Embed", "Agree and implement")
REDUCE_VERBS = ("Reduce", "Cut", "Bring down", "Continue to reduce", "Tackle", "Minimise")
IMPROVE_VERBS = ("Improve", "Strengthen", "Enhance", "Transform", "Modernise", "Review and improve")

QUALIFIERS = (
    "across the north locality", "through a trust-wide rostering review", "in partnership with primary care",
    "for patients with long-term conditions", "at the main hospital site", "working with the integrated care board",
    "using quality improvement methods", "so that more patients are treated closer to home",
    "with input from patients and carers", "in line with national guidance", "across all three divisions",
    "as part of the provider collaborative", "building on the pilot at the community hospital",
    "with the support of the local authority", "funded through the national capital programme",
    "in every inpatient area", "for children and young people", "led by our clinical teams",
    "with a focus on the most deprived communities", "ahead of the winter period", "alongside our university partners",
    "to release time to care", "through a single programme board", "in the emergency department",
    "for people with a learning disability", "with new roles for allied health professionals",
    "in our mental health wards", "across the wider system", "starting with the surgical division",
    "within the agreed financial envelope",
)

MILESTONES = ("Business case approved", "Pilot on two wards", "Go-live", "Evaluate", "Recruit team",
              "Full roll-out", "Scope agreed", "Consultation", "Procure", "Review outcomes", "Plan signed off",
              "Phase 1", "Phase 2", "Launch", "Report to Board")

RAG_VALUES = ("Green", "Amber", "Red", "On track", "At risk", "Complete", "G", "A", "R")

# --------------------------------------------------------------------------- column headers
HEADERS_KNOWN: dict[str, tuple[str, ...]] = {
    "ref": ("Ref", "No.", "Ref."),
    "action": ("Action", "Actions", "Key actions", "Commitment"),
    "owner": ("Lead", "Executive lead", "Owner", "Responsible"),
    "assurance": ("Assurance", "Committee", "Assurance committee"),
    "due": ("Due date", "Timescale", "Deadline"),
    "measure": ("KPI", "Measure", "Key performance indicator"),
    "rag": ("RAG", "Status", "RAG status"),
}
HEADERS_SYNONYM: dict[str, tuple[str, ...]] = {
    "ref": ("#", "ID", "Code", "Item"),
    "action": ("What we will do", "Deliverable", "Deliverables", "We will", "Workstream", "Priority action"),
    "owner": ("Executive sponsor", "Accountable", "Accountable director", "Who", "SRO"),
    "assurance": ("Assured by", "Oversight", "Reporting to", "Governance route"),
    "due": ("By when", "When", "Completion", "Target date", "Delivery by"),
    "measure": ("What good looks like", "Measure of success", "How we will know", "Success measure"),
    "rag": ("Progress", "Current position", "Rating"),
}
MEASURE_TABLE_HEADERS = (("Measure", "Baseline", "Target"), ("Indicator", "Current position", "Target"),
                         ("Key measure", "Where we are now", "Where we want to be"),
                         ("Metric", "Baseline (2023)", "Ambition"))
KEY_HEADERS = (("Abbreviation", "Meaning"), ("Acronym", "Definition"), ("Term", "Full title"))
KEY_TITLES = ("Key", "Abbreviations", "Glossary of terms", "Key to abbreviations", "Acronyms used in this plan")
MEASURE_LEADINS = ("How we will measure success", "How we will know we have succeeded", "Measures of success",
                   "What success looks like", "Key measures")
AUDIENCES = (("Patients", "Staff", "Corporate"), ("Patient", "Staff", "System"), ("Patients", "Our people"))
WE_WILL = ("We will:", "Over the next year we will:", "What we will do:", "Our commitments:",
           "To achieve this we will:")

# --------------------------------------------------------------------------- hierarchy labels
THEME_LABELS = ("Priority", "Strategic theme", "Strategic objective", "Ambition", "Aim", "Goal", "Pillar")
OBJECTIVE_LABELS = ("Objective", "Aim", "Goal", "Priority", "Workstream")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# --------------------------------------------------------------------------- chrome
PLAN_TITLES = ("Annual Plan {p}", "Operational Plan {p}", "Strategy Delivery Plan {p}", "Corporate Objectives {p}",
               "Business Plan {p}", "Annual Delivery Plan {p}", "Our Plan for {p}", "Implementation Plan {p}")
FOREWORD_TITLES = ("Foreword", "Introduction", "Welcome", "About this plan")
BODY_TITLES = ("Our priorities for {p}", "Delivery plan", "What we will deliver", "Our objectives",
               "The plan in detail")
FOREWORD_SENTENCES = (
    "This plan sets out what {org} will deliver during {p} and how we will know that we have succeeded.",
    "It was developed with our staff, patients, governors and partners across the local health and care system.",
    "The last year has been one of the most challenging in our history, and our teams have risen to it.",
    "We remain committed to providing safe, compassionate care and to being a great place to work.",
    "Our plan is built around a small number of priorities that matter most to the people we serve.",
    "Progress will be reported to the Board every quarter, and we will publish an update at the end of the year.",
    "Demand for our services continues to grow, and we must find new ways of working to meet it.",
    "We would like to thank everyone who has contributed to this plan.",
    "The plan supports the strategy of our integrated care system and the NHS Long Term Plan.",
)
MONITORING_TEXT = (
    "Monitoring and reporting",
    "Each executive lead will report progress against these actions to the relevant committee. The Board "
    "will receive a summary every quarter, and risks to delivery will be recorded on the board assurance framework.",
)
APPROVAL_LINES = ("Approved by the Board of Directors in March {y}", "Version 1.0, published April {y}",
                  "Board approved: 28 March {y}", "Final version for publication, April {y}")
