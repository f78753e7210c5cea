#!/usr/bin/python3
"""Writes testdata/form.xls, the Excel 97-2003 XLSForm of TestImportXLS.

Run from xlsform/: /usr/bin/python3 testdata/make_xls.py (needs python3-xlwt).
"""
import xlwt

wb = xlwt.Workbook(encoding="utf-8")
survey = wb.add_sheet("survey")
rows = [
    ["type", "name", "label::French (fr)", "label::Arabic (ar)", "relevant", "constraint"],
    ["begin group", "g", "Accueil", "الاستقبال"],
    ["select one from yn", "desk", "Guichet d'accueil ?", "شباك استقبال؟"],
    ["integer", "staff", "Agents", "الأعوان", "${desk} = 'yes'", ". >= 0"],
    ["select_multiple langs or_other", "langs", "Langues", "اللغات"],
    ["end group"],
]
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        survey.write(r, c, v)
choices = wb.add_sheet("choices")
for r, row in enumerate([
    ["list_name", "name", "label::French (fr)", "label::Arabic (ar)"],
    ["yn", "yes", "Oui", "نعم"],
    ["yn", "no", "Non", "لا"],
    ["langs", "fr", "Français", "الفرنسية"],
    ["langs", "ar", "Arabe", "العربية"],
]):
    for c, v in enumerate(row):
        choices.write(r, c, v)
settings = wb.add_sheet("settings")
settings.write(0, 0, "form_id")
settings.write(1, 0, "accueil_xls")
wb.save("testdata/form.xls")
