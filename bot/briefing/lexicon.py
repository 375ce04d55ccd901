"""Word lists the rules share: office titles, demonyms, collective nouns for a party's people."""

from __future__ import annotations

# Words that make up office titles ("Defense Minister", "U.S. Treasury Secretary").
TITLE_HEADS = frozenset(
    ["minister", "ministers", "president", "presidents", "premier", "chancellor", "secretary", "secretaries", "governor", "mayor", "king", "queen", "prince", "princess", "emperor", "sultan", "emir", "sheikh", "pope", "ambassador", "envoy", "senator", "congressman", "congresswoman", "representative", "rep.", "sen.", "gov.", "chairman", "chairwoman", "chair", "ceo", "chief", "director", "commissioner", "general", "admiral", "colonel", "spokesman", "spokeswoman", "spokesperson", "leader", "head", "deputy", "vice", "speaker", "counsellor", "adviser", "advisor", "attorney", "judge", "justice", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady", "chancellor-elect", "president-elect", "representative", "delegate", "negotiator", "official", "officials"]
)
# Words that qualify a title without naming anyone ("Foreign", "Defense", "Prime").
TITLE_MODIFIERS = frozenset(
    ["prime", "foreign", "defense", "defence", "finance", "interior", "trade", "economy", "economic", "energy", "agriculture", "farm", "health", "justice", "home", "treasury", "state", "first", "deputy", "vice", "former", "acting", "new", "interim", "executive", "managing", "general", "federal", "national", "regional", "chief", "senior", "junior", "top", "foreign-affairs", "labour", "labor", "industry", "environment", "transport", "education", "culture", "security", "emergencies", "exchequer", "commerce", "affairs", "development", "cabinet", "assistant", "under"]
)
# Nouns that stand for a party's people: "the leadership of KNDS", "Iran's delegation".
COLLECTIVE_NOUNS = frozenset(
    ["leadership", "leaders", "leader", "delegation", "delegations", "representatives", "representative", "officials", "official", "government", "governments", "management", "board", "executives", "head", "heads", "chief", "chiefs", "ministers", "minister", "envoy", "envoys", "negotiators", "team", "side", "authorities", "administration", "counterpart", "counterparts", "partners", "members"]
)
# Words that mark a named gathering rather than an organisation: a venue for "where".
EVENT_WORDS = frozenset(
    ["conference", "summit", "forum", "congress", "convention", "meeting", "session", "assembly", "talks", "expo", "fair", "games", "olympics", "week", "festival", "dialogue", "round"]
)

_DEMONYMS = {
    "american": "United States", "u.s.": "United States",
    "british": "Britain", "uk": "Britain", "english": "England", "scottish": "Scotland",
    "welsh": "Wales", "irish": "Ireland", "french": "France", "german": "Germany",
    "west german": "West Germany", "east german": "East Germany", "italian": "Italy",
    "spanish": "Spain", "portuguese": "Portugal", "dutch": "Netherlands", "belgian": "Belgium",
    "swiss": "Switzerland", "austrian": "Austria", "swedish": "Sweden", "norwegian": "Norway",
    "danish": "Denmark", "finnish": "Finland", "icelandic": "Iceland", "polish": "Poland",
    "czech": "Czech Republic", "slovak": "Slovakia", "hungarian": "Hungary",
    "romanian": "Romania", "bulgarian": "Bulgaria", "greek": "Greece", "cypriot": "Cyprus",
    "turkish": "Turkey", "russian": "Russia", "soviet": "Soviet Union", "ukrainian": "Ukraine",
    "belarusian": "Belarus", "serbian": "Serbia", "croatian": "Croatia", "bosnian": "Bosnia",
    "albanian": "Albania", "lithuanian": "Lithuania", "latvian": "Latvia",
    "estonian": "Estonia", "georgian": "Georgia", "armenian": "Armenia",
    "azerbaijani": "Azerbaijan", "israeli": "Israel", "palestinian": "Palestine",
    "lebanese": "Lebanon", "syrian": "Syria", "iraqi": "Iraq", "iranian": "Iran",
    "saudi": "Saudi Arabia", "kuwaiti": "Kuwait", "qatari": "Qatar", "emirati": "United Arab Emirates",
    "jordanian": "Jordan", "egyptian": "Egypt", "libyan": "Libya", "tunisian": "Tunisia",
    "algerian": "Algeria", "moroccan": "Morocco", "nigerian": "Nigeria", "kenyan": "Kenya",
    "ethiopian": "Ethiopia", "south african": "South Africa", "zimbabwean": "Zimbabwe",
    "ghanaian": "Ghana", "sudanese": "Sudan", "tanzanian": "Tanzania", "ugandan": "Uganda",
    "chinese": "China", "japanese": "Japan", "korean": "Korea", "south korean": "South Korea",
    "north korean": "North Korea", "taiwanese": "Taiwan", "indian": "India",
    "pakistani": "Pakistan", "afghan": "Afghanistan", "bangladeshi": "Bangladesh",
    "sri lankan": "Sri Lanka", "indonesian": "Indonesia", "malaysian": "Malaysia",
    "thai": "Thailand", "vietnamese": "Vietnam", "filipino": "Philippines",
    "philippine": "Philippines", "australian": "Australia", "new zealand": "New Zealand",
    "canadian": "Canada", "mexican": "Mexico", "brazilian": "Brazil", "argentine": "Argentina",
    "argentinian": "Argentina", "chilean": "Chile", "colombian": "Colombia",
    "venezuelan": "Venezuela", "peruvian": "Peru", "cuban": "Cuba", "european": "Europe",
}
_COUNTRY_ALIASES = {
    "u.s.": "United States", "us": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States", "the united states": "United States",
    "uk": "Britain", "u.k.": "Britain", "united kingdom": "Britain", "great britain": "Britain",
    "uae": "United Arab Emirates", "ussr": "Soviet Union",
}


def country_of_demonym(word: str) -> str | None:
    """The country an adjective of nationality names ("Finnish" -> "Finland"), if known."""
    return _DEMONYMS.get(word.lower().strip())


def canonical_country(name: str) -> str:
    """One spelling per country ("U.S." and "USA" -> "United States")."""
    return _COUNTRY_ALIASES.get(name.lower().strip(), name)


COUNTRIES = (frozenset(_DEMONYMS.values()) | frozenset(_COUNTRY_ALIASES.values())) - {"Europe"}


def is_title_word(word: str) -> bool:
    """True for a word that belongs to an office title rather than to a name."""
    low = word.lower()
    return low in TITLE_HEADS or low in TITLE_MODIFIERS
