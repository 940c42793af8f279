"""How a person's name is written on a page, as regular-expression parts shared by the readers of
bylines (common) and of the phrases that present a speaker (speakers)."""

PARTICLE = r"(?:de |du |des |d'|d’|van |von |van der |le |la |di |da |del )"
FIRST = r"[A-ZÀ-Ý][a-zß-ÿ'’]+(?:-[A-ZÀ-Ý][a-zß-ÿ'’]+)?"  # 'Thomas', 'Marc-Antoine'
UPPER = r"[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:[- ][A-ZÀ-Ý][A-ZÀ-Ý'’]+)*"  # 'GOMART', 'EYL-MAZZEGA'
# 'Thomas Gomart', 'Thierry de Montbrial', 'Philippe Moreau Defarges', 'Tatiana KASTOUÉVA-JEAN'
PROPER = rf"{FIRST}(?: {PARTICLE}?[A-ZÀ-Ý][\w'’-]+){{1,3}}"
