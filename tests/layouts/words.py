"""Words other chambers use: level names, table headers, labels, cover prose. Pools, not rules:
a layout picks from them with its seeded random generator."""

from __future__ import annotations

import random

LEVEL_WORDS = {
    "area": ["Area strategica", "Ambito strategico", "Linea strategica", "Priorità", "Asse", "Area",
             "AREA STRATEGICA", "Ambito di intervento", "Linea di mandato"],
    "strategic": ["Obiettivo strategico", "Obiettivo generale", "Programma", "Ob. strat.",
                  "OBIETTIVO STRATEGICO", "Obiettivo strategico triennale"],
    "operational": ["Obiettivo operativo", "Obiettivo specifico", "Azione", "Progetto", "Ob. op.",
                    "OBIETTIVO OPERATIVO", "Obiettivo operativo annuale"],
}
ABBREVIATIONS = {"area": "AS", "strategic": "OS", "operational": "OO"}
SEPARATORS = [" – ", ": ", " - ", ". ", " — ", " "]

HEADERS = {
    "name": ["Indicatore", "KPI", "Misura", "Descrizione indicatore", "Nome", "Indicatori di performance",
             "Denominazione indicatore", "Indicatore di risultato"],
    "weight": ["Peso", "Peso %", "Incidenza", "Peso (%)", "Ponderazione", "Peso indicatore"],
    "target": ["Target", "Valore atteso", "Risultato atteso", "Valore obiettivo", "Target {year}",
               "Obiettivo {year}", "Soglia", "Valore target", "Traguardo"],
    "actual": ["Consuntivo", "Risultato", "Valore raggiunto", "Valore al 31/12", "Rilevazione", "Misurazione",
               "Esito rilevato", "Risultato conseguito", "Valore rilevato", "Consuntivo {year}"],
    "code": ["Cod.", "Codice", "ID", "Cod. indicatore"],
    "n": ["N.", "#", "Nr.", "Prog."],
    "unit": ["Unità di misura", "U.M.", "Unità"],
    "source": ["Fonte", "Fonte dei dati", "Fonte del dato"],
    "algorithm": ["Formula", "Algoritmo di calcolo", "Modalità di calcolo"],
    "note": ["Note", "Osservazioni", "Commento"],
}
TREE_HEADERS = {
    "area": ["Area", "Area strategica", "Ambito", "Priorità"],
    "strategic": ["Obiettivo strategico", "Ob. strategico", "Programma", "Obiettivo generale"],
    "operational": ["Obiettivo operativo", "Ob. operativo", "Azione", "Obiettivo specifico"],
}
KV_LABELS = {
    "code": ["Codice", "Cod.", "Codice obiettivo"],
    "weight": ["Peso", "Peso %", "Peso obiettivo"],
    "ind_weight": ["Peso", "Peso %", "Peso indicatore", "Incidenza"],
    "parent": ["Obiettivo strategico di riferimento", "Collegato a", "Obiettivo sovraordinato"],
    "indicator": ["Indicatore n. {k}", "Indicatore {k}", "KPI n. {k}", "INDICATORE {k}"],
    "name": ["Descrizione", "Nome indicatore", "Indicatore", "Descrizione indicatore"],
    "target": ["Target", "Valore atteso", "Target {year}", "Risultato atteso"],
    "actual": ["Risultato", "Consuntivo", "Valore raggiunto", "Risultato al 31/12"],
}
UNITS = ["%", "numero", "giorni", "euro", "SI/NO"]
SOURCES = ["Sistema informativo interno", "Registro Imprese", "Contabilità", "Ufficio Personale", "Infocamere"]
NOTES = ["", "In linea con le previsioni", "Dato provvisorio", "", "Vedi relazione allegata"]
FORMULAS = ["N. pratiche evase / N. pratiche ricevute", "Somma delle iniziative realizzate",
            "Giorni medi di lavorazione", "Risorse erogate / risorse stanziate"]

KIND_TITLES = {
    "relazione": ["Relazione sulla Performance {year}", "RELAZIONE SULLA PERFORMANCE ANNO {year}"],
    "monitoraggio": ["Monitoraggio al 30 giugno {year}", "Monitoraggio intermedio degli obiettivi {year}",
                     "Relazione di monitoraggio semestrale {year}"],
    "piano": ["Piano della Performance {year}-{year2}", "PIAO {year}-{year2} - Sezione Performance"],
    "pira": ["Piano degli indicatori e risultati attesi di bilancio {year}", "PIRA {year}"],
}
SECTIONS = ["Presentazione", "Il contesto", "Gli obiettivi", "La performance organizzativa",
            "Il processo di misurazione", "Risorse e pari opportunità"]
PROSE = [
    "Il presente documento illustra i risultati raggiunti dall'Ente nel corso dell'anno {year} rispetto agli "
    "obiettivi programmati, secondo quanto previsto dal d.lgs. 150/2009.",
    "La Camera ha articolato la propria strategia in aree, obiettivi strategici e obiettivi operativi, a cui sono "
    "associati indicatori con target e pesi.",
    "Nel corso dell'anno il contesto economico provinciale ha mostrato segnali di ripresa; gli obiettivi "
    "strategici sono stati confermati e il grado di raggiungimento è illustrato nelle sezioni seguenti.",
    "Il ciclo della performance si conclude con la validazione da parte dell'Organismo Indipendente di "
    "Valutazione.",
    "Le tabelle che seguono riportano, per ciascun obiettivo operativo, gli indicatori, il peso, il target e il "
    "valore rilevato.",
]


def pick(rng: random.Random, pool: list[str], **fmt: object) -> str:
    return rng.choice(pool).format(**fmt)


def weight_text(w: float | None, style: int) -> str:
    if w is None:
        return ""
    num = f"{w:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return [f"{num}%", num, f"{w:.1f}".replace(".", ",") + " %", f"{num} %"][style % 4]


def roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def letter(n: int, upper: bool = True) -> str:
    s = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26]
    return s if upper else s.lower()
