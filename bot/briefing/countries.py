"""Countries by every name news gives them: demonyms, short forms, halves of "Franco-German"."""

from __future__ import annotations

_DEMONYMS = {
    "american": "United States",
    "u.s.": "United States",
    "british": "Britain",
    "uk": "Britain",
    "english": "England",
    "scottish": "Scotland",
    "welsh": "Wales",
    "irish": "Ireland",
    "french": "France",
    "german": "Germany",
    "west german": "West Germany",
    "east german": "East Germany",
    "italian": "Italy",
    "spanish": "Spain",
    "portuguese": "Portugal",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "swiss": "Switzerland",
    "austrian": "Austria",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "danish": "Denmark",
    "finnish": "Finland",
    "icelandic": "Iceland",
    "polish": "Poland",
    "czech": "Czech Republic",
    "slovak": "Slovakia",
    "hungarian": "Hungary",
    "romanian": "Romania",
    "bulgarian": "Bulgaria",
    "greek": "Greece",
    "cypriot": "Cyprus",
    "turkish": "Turkey",
    "russian": "Russia",
    "soviet": "Soviet Union",
    "ukrainian": "Ukraine",
    "belarusian": "Belarus",
    "serbian": "Serbia",
    "croatian": "Croatia",
    "bosnian": "Bosnia",
    "albanian": "Albania",
    "lithuanian": "Lithuania",
    "latvian": "Latvia",
    "estonian": "Estonia",
    "georgian": "Georgia",
    "armenian": "Armenia",
    "azerbaijani": "Azerbaijan",
    "israeli": "Israel",
    "palestinian": "Palestine",
    "lebanese": "Lebanon",
    "syrian": "Syria",
    "iraqi": "Iraq",
    "iranian": "Iran",
    "saudi": "Saudi Arabia",
    "kuwaiti": "Kuwait",
    "qatari": "Qatar",
    "emirati": "United Arab Emirates",
    "jordanian": "Jordan",
    "egyptian": "Egypt",
    "libyan": "Libya",
    "tunisian": "Tunisia",
    "algerian": "Algeria",
    "moroccan": "Morocco",
    "nigerian": "Nigeria",
    "kenyan": "Kenya",
    "ethiopian": "Ethiopia",
    "south african": "South Africa",
    "zimbabwean": "Zimbabwe",
    "ghanaian": "Ghana",
    "sudanese": "Sudan",
    "tanzanian": "Tanzania",
    "ugandan": "Uganda",
    "chinese": "China",
    "japanese": "Japan",
    "korean": "Korea",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "taiwanese": "Taiwan",
    "indian": "India",
    "pakistani": "Pakistan",
    "afghan": "Afghanistan",
    "bangladeshi": "Bangladesh",
    "sri lankan": "Sri Lanka",
    "indonesian": "Indonesia",
    "malaysian": "Malaysia",
    "thai": "Thailand",
    "vietnamese": "Vietnam",
    "filipino": "Philippines",
    "philippine": "Philippines",
    "australian": "Australia",
    "new zealand": "New Zealand",
    "canadian": "Canada",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "chilean": "Chile",
    "colombian": "Colombia",
    "venezuelan": "Venezuela",
    "peruvian": "Peru",
    "cuban": "Cuba",
    "salvadoran": "El Salvador",
    "guatemalan": "Guatemala",
    "honduran": "Honduras",
    "nicaraguan": "Nicaragua",
    "costa rican": "Costa Rica",
    "panamanian": "Panama",
    "dominican": "Dominican Republic",
    "ecuadorian": "Ecuador",
    "bolivian": "Bolivia",
    "paraguayan": "Paraguay",
    "uruguayan": "Uruguay",
    "jamaican": "Jamaica",
    "haitian": "Haiti",
    "bahraini": "Bahrain",
    "omani": "Oman",
    "yemeni": "Yemen",
    "kosovar": "Kosovo",
    "ivorian": "Ivory Coast",
    "senegalese": "Senegal",
    "cameroonian": "Cameroon",
    "angolan": "Angola",
    "mozambican": "Mozambique",
    "zambian": "Zambia",
    "rwandan": "Rwanda",
    "malian": "Mali",
    "somali": "Somalia",
    "kazakh": "Kazakhstan",
    "uzbek": "Uzbekistan",
    "mongolian": "Mongolia",
    "burmese": "Myanmar",
    "nepalese": "Nepal",
    "singaporean": "Singapore",
    "cambodian": "Cambodia",
    "moldovan": "Moldova",
    "slovenian": "Slovenia",
    "montenegrin": "Montenegro",
    "maltese": "Malta",
    "european": "Europe",
}
_COUNTRY_ALIASES = {
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "the united states": "United States",
    "uk": "Britain",
    "u.k.": "Britain",
    "united kingdom": "Britain",
    "great britain": "Britain",
    "uae": "United Arab Emirates",
    "ussr": "Soviet Union",
    "cote d'ivoire": "Ivory Coast",
    "burma": "Myanmar",
}
# Countries whose adjective is the name itself or rare in news ("the Luxembourg presidency").
_OTHER_COUNTRIES = frozenset(["Luxembourg", "Monaco", "Liechtenstein", "Andorra", "Brunei"])


def country_of_demonym(word: str) -> str | None:
    """The country an adjective of nationality names ("Finnish" -> "Finland"), if known."""
    return _DEMONYMS.get(word.lower().strip())


def canonical_country(name: str) -> str:
    """One spelling per country ("U.S." and "USA" -> "United States")."""
    return _COUNTRY_ALIASES.get(name.lower().strip(), name)


COUNTRIES = (
    frozenset(_DEMONYMS.values()) | frozenset(_COUNTRY_ALIASES.values()) | _OTHER_COUNTRIES
) - {"Europe"}


def is_country(name: str) -> bool:
    """True for a country under any of its names ("U.S.", "United States")."""
    return canonical_country(name) in COUNTRIES


# First halves of hyphenated pairs of nations: "Franco-German", "Sino-Japanese".
_COMBINING_FORMS = {
    "franco": "France",
    "anglo": "Britain",
    "sino": "China",
    "russo": "Russia",
    "italo": "Italy",
    "greco": "Greece",
    "turco": "Turkey",
    "indo": "India",
    "nippo": "Japan",
    "luso": "Portugal",
    "hispano": "Spain",
    "austro": "Austria",
}


def country_of_pair_part(word: str) -> str | None:
    """The country one half of a hyphenated pair names ("Franco", "German", "U.S.")."""
    low = word.lower().strip()
    if low in _COMBINING_FORMS:
        return _COMBINING_FORMS[low]
    country = country_of_demonym(low) or canonical_country(word.strip())
    return country if country in COUNTRIES else None
