"""How names are written on a page, as regular-expression parts shared by the readers of bylines
(common), of the phrases that present a speaker (speakers) and of an organisation's own names
(page_owner): a person's name, and the words that make a name an institution's."""

UP = "A-ZÀ-ÖØ-ÞĀ-Ž"  # capitals, Latin Extended-A too ('Ł', 'Š'; its small letters come along)
LOW = "a-zß-öø-ÿĀ-ž"
PARTICLE = r"(?:de |du |des |d'|d’|van |von |van der |le |la |di |da |del )"
FIRST = rf"[{UP}][{LOW}'’]+(?:-[{UP}][{LOW}'’]+)?"  # 'Thomas', 'Marc-Antoine', 'Michał'
SURNAME = rf"[{UP}][\w'’]+(?:-[{UP}][\w'’]+)?"  # 'Gomart', 'Eyl-Mazzega', 'KASTOUÉVA-JEAN'
UPPER = rf"[{UP}][{UP}'’]+(?:[- ][{UP}][{UP}'’]+)*"  # 'GOMART', 'EYL-MAZZEGA'
# 'Thomas Gomart', 'Thierry de Montbrial', 'Philippe Moreau Defarges', 'Tatiana KASTOUÉVA-JEAN'
PROPER = rf"{FIRST}(?: {PARTICLE}?[{UP}][\w'’-]+){{1,3}}"
# The words that make a name an institution's: 'Institut français des relations internationales'
INSTITUTION_WORDS = (
    r"institut|institute|university|université|universität|universidad|centre|center|zentrum|"
    r"stiftung|foundation|fondation|ministère|ministry|ministerium|school|école|hochschule|"
    r"académie|academy|akademie|commission|kommission|council|conseil|observatoire|observatory|"
    r"forum|studienkomitee|comité|committee|think tank"
)
